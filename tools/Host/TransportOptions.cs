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
        /// Upper bound for one Send: the kernel buffer normally takes the bytes at once; a peer that stops reading
        /// for this long is treated as a broken connection.
        /// </summary>
        public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(5);

        public override string ToString() => this.Host + ":" + this.Port;
    }
}
