using System;
using System.Security.Cryptography.X509Certificates;
using HomeNode.Host;
using HomeNode.Mqtt;
using MQTTnet;

namespace HomeNode.Simulator
{
    /// <summary>
    /// The broker every client of the run connects to (devices through our transports, monitor and phone app through
    /// MQTTnet), with its TLS settings. Holds the password only to hand it to clients; <see cref="ToString"/> leaves it out.
    /// </summary>
    public sealed class BrokerTarget
    {
        public BrokerTarget(string host, int port)
        {
            this.Host = host;
            this.Port = port;
        }

        public string Host { get; }

        public int Port { get; }

        public bool Tls { get; set; }

        public string CaFile { get; set; }

        public string ClientCertFile { get; set; }

        public string ClientKeyFile { get; set; }

        public string Username { get; set; }

        public string Password { get; set; }

        /// <summary>The broker's MQTT over WebSockets endpoint; null for plain MQTT over TCP or TLS.</summary>
        public WebSocketUrl WebSocket { get; set; }

        public IMqttTransport CreateTransport()
        {
            TransportOptions transport = new TransportOptions(this.Host, this.Port);
            TlsOptions tls = !this.Tls ? null : new TlsOptions
            {
                CaCertificatePemPath = this.CaFile,
                ClientCertificatePemPath = this.ClientCertFile,
                ClientKeyPemPath = this.ClientKeyFile,
            };
            if (this.WebSocket != null)
            {
                return this.WebSocket.CreateTransport(tls, transport);
            }

            return tls == null ? new TcpTransport(transport) : new TlsTransport(transport, tls);
        }

        /// <summary>Options for an MQTTnet client (monitor, phone app): MQTT 3.1.1, clean session.</summary>
        public MqttClientOptions CreateClientOptions(string clientId)
        {
            return this.CreateClientOptions(clientId, false);
        }

        /// <summary>Options for an MQTTnet client: MQTT 5.0 with <paramref name="version5"/> (the phone app's requests), else 3.1.1; clean session.</summary>
        public MqttClientOptions CreateClientOptions(string clientId, bool version5)
        {
            MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
                .WithClientId(clientId)
                .WithProtocolVersion(version5 ? MQTTnet.Formatter.MqttProtocolVersion.V500 : MQTTnet.Formatter.MqttProtocolVersion.V311)
                .WithCleanSession(true)
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
                .WithTimeout(TimeSpan.FromSeconds(10));
            builder = this.WebSocket != null
                ? builder.WithWebSocketServer(ws => ws.WithUri(this.WebSocket.ToString()))
                : builder.WithTcpServer(this.Host, this.Port);
            if (this.Username != null)
            {
                builder = builder.WithCredentials(this.Username, this.Password);
            }

            if (this.Tls)
            {
                builder = builder.WithTlsOptions(tls =>
                {
                    tls.UseTls(true);
                    if (this.CaFile != null)
                    {
                        X509Certificate2Collection trust = new X509Certificate2Collection();
                        trust.ImportFromPemFile(this.CaFile);
                        tls.WithTrustChain(trust);
                    }

                    if (this.ClientCertFile != null)
                    {
                        X509Certificate2 client = X509Certificate2.CreateFromPemFile(this.ClientCertFile, this.ClientKeyFile);
                        tls.WithClientCertificates(new X509Certificate2Collection(client));
                    }
                });
            }

            return builder.Build();
        }

        public override string ToString()
        {
            string text = this.WebSocket != null ? this.WebSocket.ToString() : this.Host + ":" + this.Port.ToString() + (this.Tls ? " (TLS)" : string.Empty);
            return this.Username == null ? text : text + " as " + this.Username;
        }
    }
}
