namespace HomeNode.Mqtt
{
    /// <summary>
    /// An incoming PUBLISH as a view into the client's receive buffer: topic and payload are (offset, length) pairs,
    /// never strings. One instance is reused; its contents are valid until the next <see cref="MqttClient.Poll"/>.
    /// Copy what you keep.
    /// </summary>
    /// <remarks>
    /// MQTT 5.0 properties (§3.3.2.3) are views into <see cref="Buffer"/> too; a length of -1 means the property was
    /// not sent. A topic sent as a Topic Alias alone lies in the client's alias table: read the topic from
    /// <see cref="TopicBuffer"/>, which is <see cref="Buffer"/> otherwise.
    /// The client fills the fields below for each delivery and reads none of them back (it acknowledges from its own
    /// copy of the packet id), so they are plain fields rather than getters: on the device a getter costs a method
    /// (about 40 bytes of flash and 2 of RAM each, 22 here). Writing one changes only what later readers of this
    /// delivery see.
    /// </remarks>
    public sealed class MqttReceivedMessage
    {
        private readonly MqttPropertyReader reader = new MqttPropertyReader();

        /// <summary>The receive buffer: payload and properties lie here.</summary>
        public byte[] Buffer;

        /// <summary>Where the topic lies: <see cref="Buffer"/>, or (MQTT 5.0) the alias table when the PUBLISH named its topic by alias only.</summary>
        public byte[] TopicBuffer;

        public int TopicOffset;

        public int TopicLength;

        public int PayloadOffset;

        public int PayloadLength;

        public MqttQos Qos;

        public bool Retain;

        public bool Duplicate;

        /// <summary>0 for QoS 0.</summary>
        public ushort PacketId;

        /// <summary>MQTT 5.0 Payload Format Indicator 1: the payload is UTF-8 text (§3.3.2.3.2).</summary>
        public bool PayloadIsUtf8;

        /// <summary>MQTT 5.0: seconds the message has left to live (§3.3.2.3.3); -1 when it does not expire.</summary>
        public long MessageExpiryInterval;

        /// <summary>MQTT 5.0: the Topic Alias the PUBLISH carried (§3.3.2.3.4); 0 when none.</summary>
        public int TopicAlias;

        /// <summary>MQTT 5.0 Response Topic (§3.3.2.3.5): a request wants its answer there (HomeNode.Mqtt.Requests.MqttResponder answers it).</summary>
        public int ResponseTopicOffset;

        public int ResponseTopicLength;

        /// <summary>MQTT 5.0 Correlation Data (§3.3.2.3.6), binary.</summary>
        public int CorrelationDataOffset;

        public int CorrelationDataLength;

        /// <summary>MQTT 5.0 Content Type (§3.3.2.3.9), UTF-8.</summary>
        public int ContentTypeOffset;

        public int ContentTypeLength;

        /// <summary>MQTT 5.0: the first Subscription Identifier (§3.3.2.3.8); 0 when none. More are in <see cref="ReadProperties"/>.</summary>
        public int SubscriptionIdentifier;

        /// <summary>MQTT 5.0: the property block (its length field first) in <see cref="Buffer"/>; size 0 for 3.1.1.</summary>
        public int PropertiesOffset;

        public int PropertiesSize;

        /// <summary>
        /// A reader at the start of the property block (User Properties, every Subscription Identifier): call
        /// <see cref="MqttPropertyReader.Next"/> until it returns false. Reused; nothing is allocated.
        /// </summary>
        [SteadyState]
        public MqttPropertyReader ReadProperties()
        {
            this.reader.Begin(this.Buffer, this.PropertiesOffset, this.PropertiesSize, -1L);
            return this.reader;
        }

        [SteadyState]
        public bool TopicMatches(byte[] filter, int offset, int count)
        {
            return TopicFilter.Matches(filter, offset, count, this.TopicBuffer, this.TopicOffset, this.TopicLength);
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
                if (topic[offset + i] != this.TopicBuffer[this.TopicOffset + i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Clears the MQTT 5.0 properties (a 3.1.1 message has none).</summary>
        [SteadyState]
        internal void ClearProperties()
        {
            this.PayloadIsUtf8 = false;
            this.MessageExpiryInterval = -1;
            this.TopicAlias = 0;
            this.ResponseTopicLength = -1;
            this.CorrelationDataLength = -1;
            this.ContentTypeLength = -1;
            this.SubscriptionIdentifier = 0;
            this.PropertiesSize = 0;
        }

        /// <summary>
        /// Takes the PUBLISH properties the packet reader checked, from <see cref="Buffer"/> (set first); returns the
        /// Topic Alias (0 = none).
        /// </summary>
        [SteadyState]
        internal int TakeProperties(PacketReader packet)
        {
            this.ClearProperties();
            this.PropertiesOffset = packet.PropertiesOffset;
            this.PropertiesSize = packet.PropertiesSize;

            // The packet reader checked the block against what a PUBLISH may carry, so the caller's reader (which allows
            // every identifier) reads the same properties.
            MqttPropertyReader properties = this.ReadProperties();
            while (properties.Next())
            {
                switch (properties.Id)
                {
                    case MqttPropertyId.PayloadFormatIndicator:
                        this.PayloadIsUtf8 = properties.Value == 1;
                        break;
                    case MqttPropertyId.MessageExpiryInterval:
                        this.MessageExpiryInterval = properties.Value;
                        break;
                    case MqttPropertyId.TopicAlias:
                        this.TopicAlias = (int)properties.Value;
                        break;
                    case MqttPropertyId.ResponseTopic:
                        this.ResponseTopicOffset = properties.ValueOffset;
                        this.ResponseTopicLength = properties.ValueLength;
                        break;
                    case MqttPropertyId.CorrelationData:
                        this.CorrelationDataOffset = properties.ValueOffset;
                        this.CorrelationDataLength = properties.ValueLength;
                        break;
                    case MqttPropertyId.ContentType:
                        this.ContentTypeOffset = properties.ValueOffset;
                        this.ContentTypeLength = properties.ValueLength;
                        break;
                    case MqttPropertyId.SubscriptionIdentifier:
                        if (this.SubscriptionIdentifier == 0)
                        {
                            this.SubscriptionIdentifier = (int)properties.Value;
                        }

                        break;
                }
            }

            return this.TopicAlias;
        }
    }
}
