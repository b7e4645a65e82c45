using HomeNode.Mqtt;
using HomeNode.Tests.Mqtt;

namespace HomeNode.Tests.Mqtt5
{
    /// <summary>
    /// A handler for MQTT 5.0 connections: the 3.1.1 calls go to a <see cref="RecordingHandler"/>, the 5.0 ones are
    /// recorded here (reason codes copied into a fixed array, so recording allocates nothing).
    /// </summary>
    public sealed class Version5Handler : IMqttHandler, IMqttVersion5Handler
    {
        public readonly RecordingHandler Base = new RecordingHandler();
        public readonly byte[] LastCodes = new byte[8];
        public int LastCodesCount;
        public int ReasonCodeCalls;
        public MqttPacketType LastCodesPacket;
        public ushort LastCodesId;
        public int ServerPackets;
        public MqttPacketType LastServerPacket;
        public int LastServerReason;

        /// <summary>Called from OnMessage when set (before the base records it).</summary>
        public MessageReaction OnMessageReaction;

        public void OnConnected(bool sessionPresent)
        {
            this.Base.OnConnected(sessionPresent);
        }

        public void OnConnectionClosed(MqttStatus reason)
        {
            this.Base.OnConnectionClosed(reason);
        }

        public void OnMessage(MqttReceivedMessage message)
        {
            if (this.OnMessageReaction != null)
            {
                this.OnMessageReaction(message);
            }

            this.Base.OnMessage(message);
        }

        public void OnPublishAcknowledged(ushort packetId)
        {
            this.Base.OnPublishAcknowledged(packetId);
        }

        public void OnSubscribeAcknowledged(ushort packetId, byte[] buffer, int offset, int count)
        {
            this.Base.OnSubscribeAcknowledged(packetId, buffer, offset, count);
        }

        public void OnUnsubscribeAcknowledged(ushort packetId)
        {
            this.Base.OnUnsubscribeAcknowledged(packetId);
        }

        public void OnNotice(MqttStatus notice)
        {
            this.Base.OnNotice(notice);
        }

        public void OnRequestAbandoned(ushort packetId, MqttStatus reason)
        {
            this.Base.OnRequestAbandoned(packetId, reason);
        }

        public void OnReasonCodes(MqttPacketType packet, ushort packetId, byte[] buffer, int offset, int count)
        {
            this.ReasonCodeCalls++;
            this.LastCodesPacket = packet;
            this.LastCodesId = packetId;
            this.LastCodesCount = count;
            for (int i = 0; i < count && i < this.LastCodes.Length; i++)
            {
                this.LastCodes[i] = buffer[offset + i];
            }
        }

        public void OnServerPacket(MqttPacketType packet, MqttServerProperties server)
        {
            this.ServerPackets++;
            this.LastServerPacket = packet;
            this.LastServerReason = server.ReasonCode;
        }
    }
}
