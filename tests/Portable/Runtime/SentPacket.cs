using HomeNode.Mqtt;

namespace HomeNode.Tests.Runtime
{
    /// <summary>One packet the client sent, decoded for assertions.</summary>
    public sealed class SentPacket
    {
        public MqttPacketType Type;
        public int Flags;
        public ushort PacketId;
        public string Topic;
        public string Payload;

        /// <summary>SUBSCRIBE/UNSUBSCRIBE filters, joined with spaces.</summary>
        public string Filters;

        public bool Retain
        {
            get { return (this.Flags & 0x01) != 0; }
        }

        public int Qos
        {
            get { return (this.Flags >> 1) & 0x03; }
        }
    }
}
