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

        /// <summary>MQTT 5.0 PUBLISH: the Topic Alias property (0 = none); <see cref="Topic"/> is then resolved from the aliases set earlier in the stream.</summary>
        public int TopicAlias;

        /// <summary>MQTT 5.0 PUBLISH: the topic field was empty (the alias alone).</summary>
        public bool TopicByAliasOnly;

        /// <summary>MQTT 5.0 PUBLISH: the Correlation Data as hex ("AB CD"), null when absent.</summary>
        public string CorrelationData;

        /// <summary>MQTT 5.0 SUBSCRIBE: each filter's options byte, hex, joined with spaces.</summary>
        public string Options;

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
