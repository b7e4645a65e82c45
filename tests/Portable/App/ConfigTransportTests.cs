using HomeNode.App.Config;

namespace HomeNode.Tests.App
{
    /// <summary>[broker] transport and path: MQTT over WebSockets (ws, or wss with tls).</summary>
    public static class ConfigTransportTests
    {
        private const string Device = "[device]\nname = node1\nbase_topic = home/hall\n";

        public static void TcpByDefault()
        {
            BrokerSettings broker = ConfigText.Valid(ConfigText.Minimal).Broker;
            Check.Equal(BrokerTransport.Tcp, broker.Transport, "transport");
            Check.Equal(1883, broker.Port, "port");
            Check.Equal("/mqtt", broker.WebSocketPath, "path");
        }

        public static void WebSocketPortsAndPath()
        {
            BrokerSettings ws = ConfigText.Valid("[broker]\nhost = b\ntransport = ws\n" + Device).Broker;
            Check.Equal(BrokerTransport.WebSocket, ws.Transport, "ws");
            Check.Equal(80, ws.Port, "ws port");
            BrokerSettings wss = ConfigText.Valid("[broker]\nhost = b\ntransport = WS\ntls = on\npath = /ws/mqtt\n" + Device).Broker;
            Check.Equal(443, wss.Port, "wss port");
            Check.Equal("/ws/mqtt", wss.WebSocketPath, "path");
            BrokerSettings own = ConfigText.Valid("[broker]\nhost = b\ntransport = ws\nport = 9001\n" + Device).Broker;
            Check.Equal(9001, own.Port, "port given");
            BrokerSettings tcp = ConfigText.Valid("[broker]\nhost = b\ntransport = tcp\ntls = on\n" + Device).Broker;
            Check.Equal(8883, tcp.Port, "tcp tls port");
        }

        public static void UnknownTransport()
        {
            ConfigText.OnlyError("[broker]\nhost = b\ntransport = http\n" + Device, 3, "broker", "transport", "expected tcp or ws (ws with tls = on is wss), got \"http\"");
        }

        public static void PathNeedsWebSockets()
        {
            ConfigText.OnlyError("[broker]\nhost = b\npath = /mqtt\n" + Device, 3, "broker", "path", "needs transport = ws");
        }

        public static void PathMustBeAnHttpPath()
        {
            ConfigText.OnlyError("[broker]\nhost = b\ntransport = ws\npath = mqtt\n" + Device, 4, "broker", "path", "starting with '/'");
            ConfigText.OnlyError("[broker]\nhost = b\ntransport = ws\npath = \"/a b\"\n" + Device, 4, "broker", "path", "without blanks");
        }
    }
}
