namespace HomeNode.Mqtt
{
    /// <summary>
    /// An incoming PUBLISH as a view into the client's receive buffer: topic and payload are (offset, length) pairs,
    /// never strings. One instance is reused; its contents are valid until the next <see cref="MqttClient.Poll"/>.
    /// Copy what you keep.
    /// </summary>
    public sealed class MqttReceivedMessage
    {
        public byte[] Buffer { get; internal set; }

        public int TopicOffset { get; internal set; }

        public int TopicLength { get; internal set; }

        public int PayloadOffset { get; internal set; }

        public int PayloadLength { get; internal set; }

        public MqttQos Qos { get; internal set; }

        public bool Retain { get; internal set; }

        public bool Duplicate { get; internal set; }

        /// <summary>0 for QoS 0.</summary>
        public ushort PacketId { get; internal set; }

        [SteadyState]
        public bool TopicMatches(byte[] filter, int offset, int count)
        {
            return TopicFilter.Matches(filter, offset, count, this.Buffer, this.TopicOffset, this.TopicLength);
        }

        [SteadyState]
        public bool TopicEquals(byte[] topic, int offset, int count)
        {
            if (count != this.TopicLength)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                if (topic[offset + i] != this.Buffer[this.TopicOffset + i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The topic as a new string. Allocates: for logs and tools, not the steady state.</summary>
        public string TopicToString()
        {
            return MqttUtf8.ToString(this.Buffer, this.TopicOffset, this.TopicLength);
        }
    }
}
