using System;

namespace HomeNode.Host
{
    /// <summary>Where a host transport connects and how long it may block. Holds no secrets.</summary>
    public sealed class TransportOptions
    {
        public TransportOptions(string host, int port)
        {
            if (string.IsNullOrEmpty(host))
            {
                throw new ArgumentException("host is required", nameof(host));
            }

            if (port <= 0 || port > 65535)
            {
                throw new ArgumentOutOfRangeException(nameof(port));
            }

            this.Host = host;
            this.Port = port;
        }

        /// <summary>DNS name or IP literal to connect to.</summary>
        public string Host { get; }

        public int Port { get; }

        /// <summary>Upper bound for the TCP connect in <see cref="Mqtt.IMqttTransport.Open"/>.</summary>
        public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>
        /// Upper bound for one Send of a blocking socket (TLS: SslStream writes whole records); a peer that stops
        /// reading for this long is treated as a broken connection. <see cref="TcpTransport"/> is non-blocking and
        /// returns 0 instead; the client's own send time-out bounds that wait.
        /// </summary>
        public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(5);

        public override string ToString() => this.Host + ":" + this.Port;
    }
}
