using System;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet.Adapter;
using MQTTnet.Formatter;
using MQTTnet.Packets;

namespace HomeNode.Simulator
{
    /// <summary>
    /// One broker-side connection, passed through unchanged except for its first packet: a CONNECT with a zero-byte
    /// client id and the clean session flag gets a unique id (MQTT 3.1.1 §3.1.3.1: the server MAY accept it and MUST
    /// then assign one [MQTT-3.1.3-6]; the client must ask for a clean session [MQTT-3.1.3-7], so without that flag the
    /// CONNECT is left to be refused).
    /// </summary>
    public sealed class ClientIdAssigningChannelAdapter : IMqttChannelAdapter
    {
        private readonly IMqttChannelAdapter inner;
        private bool firstPacketSeen;

        public ClientIdAssigningChannelAdapter(IMqttChannelAdapter inner)
        {
            this.inner = inner ?? throw new ArgumentNullException(nameof(inner));
        }

        public long BytesReceived => this.inner.BytesReceived;

        public long BytesSent => this.inner.BytesSent;

        public X509Certificate2 ClientCertificate => this.inner.ClientCertificate;

        public EndPoint RemoteEndPoint => this.inner.RemoteEndPoint;

        public EndPoint LocalEndPoint => this.inner.LocalEndPoint;

        public bool IsSecureConnection => this.inner.IsSecureConnection;

        public MqttPacketFormatterAdapter PacketFormatterAdapter => this.inner.PacketFormatterAdapter;

        /// <summary>Makes an id no client chose: the prefix mosquitto uses for the ids it assigns, then a GUID.</summary>
        public static string NewClientId() => "auto-" + Guid.NewGuid().ToString("D").ToUpperInvariant();

        public Task ConnectAsync(CancellationToken cancellationToken) => this.inner.ConnectAsync(cancellationToken);

        public Task DisconnectAsync(CancellationToken cancellationToken) => this.inner.DisconnectAsync(cancellationToken);

        public async Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken)
        {
            MqttPacket packet = await this.inner.ReceivePacketAsync(cancellationToken).ConfigureAwait(false);
            if (!this.firstPacketSeen && packet != null)
            {
                this.firstPacketSeen = true;
                if (packet is MqttConnectPacket connect && string.IsNullOrEmpty(connect.ClientId) && connect.CleanSession)
                {
                    connect.ClientId = NewClientId();
                }
            }

            return packet;
        }

        public void ResetStatistics() => this.inner.ResetStatistics();

        public Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken) => this.inner.SendPacketAsync(packet, cancellationToken);

        public void Dispose() => this.inner.Dispose();
    }
}
