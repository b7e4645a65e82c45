using HomeNode.Mqtt.WebSockets;

namespace HomeNode.App.Config
{
    /// <summary>
    /// The <c>[broker]</c> keys that choose MQTT over WebSockets: <c>transport</c> = tcp (default) or ws, and
    /// <c>path</c> = /mqtt (the HTTP resource the upgrade asks for; only with ws). With TLS, ws is wss. The default port
    /// follows: 1883 / 8883 for tcp, 80 / 443 for ws (RFC 6455 §3).
    /// </summary>
    internal static class BrokerTransportKeys
    {
        public const string Keys = "transport, path";

        /// <summary>Reads transport and path into <paramref name="broker"/>; call after tls is read and before port.</summary>
        public static void Read(ConfigSectionReader reader, BrokerSettings broker)
        {
            ConfigEntry transport = reader.Take("transport");
            if (transport != null && transport.Value.Length != 0)
            {
                string value = ConfigSectionReader.LowerAscii(transport.Value);
                if (value == "ws")
                {
                    broker.Transport = BrokerTransport.WebSocket;
                }
                else if (value != "tcp")
                {
                    reader.Expected(transport, "tcp or ws (ws with tls = on is wss)");
                }
            }

            ConfigEntry path = reader.Take("path");
            if (path == null || path.Value.Length == 0)
            {
                return;
            }

            if (broker.Transport != BrokerTransport.WebSocket)
            {
                reader.Fail(path, "needs transport = ws (the path is the WebSocket endpoint's HTTP resource)");
            }
            else if (!WebSocketOptions.IsValidPath(path.Value))
            {
                reader.Expected(path, "an HTTP path starting with '/', without blanks or non-ASCII characters (e.g. /mqtt)");
            }
            else
            {
                broker.WebSocketPath = path.Value;
            }
        }

        /// <summary>The port when <c>port</c> is not set.</summary>
        public static int DefaultPort(BrokerSettings broker)
        {
            if (broker.Transport == BrokerTransport.WebSocket)
            {
                return broker.UseTls ? WebSocketOptions.DefaultSecurePort : WebSocketOptions.DefaultPort;
            }

            return broker.UseTls ? BrokerSettings.DefaultTlsPort : BrokerSettings.DefaultPort;
        }
    }
}
