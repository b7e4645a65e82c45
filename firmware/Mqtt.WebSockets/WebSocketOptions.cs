using System;

namespace HomeNode.Mqtt.WebSockets
{
    /// <summary>Where a <see cref="WebSocketTransport"/> asks to be upgraded, and its limits. Read at construction.</summary>
    public sealed class WebSocketOptions
    {
        public const string DefaultPath = "/mqtt";

        /// <summary>RFC 6455 §3: ws on port 80, wss on 443.</summary>
        public const int DefaultPort = 80;

        public const int DefaultSecurePort = 443;

        public WebSocketOptions(string host, int port, bool secure, string path)
        {
            if (host == null || host.Length == 0)
            {
                throw new ArgumentException("host");
            }

            if (port <= 0 || port > 65535)
            {
                throw new ArgumentOutOfRangeException("port");
            }

            if (!IsValidPath(path))
            {
                throw new ArgumentException("path must start with '/' and hold visible ASCII only");
            }

            this.Host = host;
            this.Port = port;
            this.Secure = secure;
            this.Path = path;
        }

        /// <summary>The server's host name or IP address, for the Host header (RFC 6455 §4.1, point 4).</summary>
        public readonly string Host;

        public readonly int Port;

        /// <summary>wss: the transport below is TLS (only changes which port the Host header may leave out).</summary>
        public readonly bool Secure;

        /// <summary>The request target, e.g. <c>/mqtt</c> (RFC 6455 §3 resource name).</summary>
        public readonly string Path;

        /// <summary>How long <see cref="WebSocketTransport.Open"/> waits for the upgrade to complete after the connection below opened.</summary>
        public int HandshakeTimeoutMilliseconds = 10000;

        /// <summary>A longer frame from the server ends the connection (close status 1009).</summary>
        public int MaxIncomingFrameBytes = 1 << 20;

        /// <summary>
        /// Raw bytes read from the connection below at a time; also holds the server's answer to the upgrade request,
        /// which must fit.
        /// </summary>
        public int ReceiveBufferBytes = 1024;

        /// <summary>Largest payload of one frame we send; a longer write is cut into several frames (MQTT 3.1.1 §6 allows it).</summary>
        public int MaxOutgoingFrameBytes = 1024;

        /// <summary>True for a resource name the request line can carry as it is: '/' and then visible ASCII.</summary>
        public static bool IsValidPath(string path)
        {
            if (path == null || path.Length == 0 || path[0] != '/')
            {
                return false;
            }

            for (int i = 0; i < path.Length; i++)
            {
                char c = path[i];
                if (c <= ' ' || c > '~')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
