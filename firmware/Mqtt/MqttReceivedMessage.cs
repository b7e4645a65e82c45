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
    /// </remarks>
    public sealed class MqttReceivedMessage
    {
        private readonly MqttPropertyReader reader = new MqttPropertyReader();

        /// <summary>The receive buffer: payload and properties lie here.</summary>
        public byte[] Buffer => this.buffer;
        internal byte[] buffer;

        /// <summary>Where the topic lies: <see cref="Buffer"/>, or (MQTT 5.0) the alias table when the PUBLISH named its topic by alias only.</summary>
        public byte[] TopicBuffer => this.topicBuffer;
        internal byte[] topicBuffer;

        public int TopicOffset => this.topicOffset;
        internal int topicOffset;

        public int TopicLength => this.topicLength;
        internal int topicLength;

        public int PayloadOffset => this.payloadOffset;
        internal int payloadOffset;

        public int PayloadLength => this.payloadLength;
        internal int payloadLength;

        public MqttQos Qos => this.qos;
        internal MqttQos qos;

        public bool Retain => this.retain;
        internal bool retain;

        public bool Duplicate => this.duplicate;
        internal bool duplicate;

        /// <summary>0 for QoS 0.</summary>
        public ushort PacketId => this.packetId;
        internal ushort packetId;

        /// <summary>MQTT 5.0 Payload Format Indicator 1: the payload is UTF-8 text (§3.3.2.3.2).</summary>
        public bool PayloadIsUtf8 => this.payloadIsUtf8;
        internal bool payloadIsUtf8;

        /// <summary>MQTT 5.0: seconds the message has left to live (§3.3.2.3.3); -1 when it does not expire.</summary>
        public long MessageExpiryInterval => this.messageExpiryInterval;
        internal long messageExpiryInterval;

        /// <summary>MQTT 5.0: the Topic Alias the PUBLISH carried (§3.3.2.3.4); 0 when none.</summary>
        public int TopicAlias => this.topicAlias;
        internal int topicAlias;

        /// <summary>MQTT 5.0 Response Topic (§3.3.2.3.5): a request wants its answer there (see <see cref="MqttResponder"/>).</summary>
        public int ResponseTopicOffset => this.responseTopicOffset;
        internal int responseTopicOffset;

        public int ResponseTopicLength => this.responseTopicLength;
        internal int responseTopicLength;

        /// <summary>MQTT 5.0 Correlation Data (§3.3.2.3.6), binary.</summary>
        public int CorrelationDataOffset => this.correlationDataOffset;
        internal int correlationDataOffset;

        public int CorrelationDataLength => this.correlationDataLength;
        internal int correlationDataLength;

        /// <summary>MQTT 5.0 Content Type (§3.3.2.3.9), UTF-8.</summary>
        public int ContentTypeOffset => this.contentTypeOffset;
        internal int contentTypeOffset;

        public int ContentTypeLength => this.contentTypeLength;
        internal int contentTypeLength;

        /// <summary>MQTT 5.0: the first Subscription Identifier (§3.3.2.3.8); 0 when none. More are in <see cref="ReadProperties"/>.</summary>
        public int SubscriptionIdentifier => this.subscriptionIdentifier;
        internal int subscriptionIdentifier;

        /// <summary>MQTT 5.0: the property block (its length field first) in <see cref="Buffer"/>; size 0 for 3.1.1.</summary>
        public int PropertiesOffset => this.propertiesOffset;
        internal int propertiesOffset;

        public int PropertiesSize => this.propertiesSize;
        internal int propertiesSize;

        /// <summary>
        /// A reader at the start of the property block (User Properties, every Subscription Identifier): call
        /// <see cref="MqttPropertyReader.Next"/> until it returns false. Reused; nothing is allocated.
        /// </summary>
        [SteadyState]
        public MqttPropertyReader ReadProperties()
        {
            this.reader.Begin(this.buffer, this.propertiesOffset, this.propertiesSize, -1L);
            return this.reader;
        }

        [SteadyState]
        public bool TopicMatches(byte[] filter, int offset, int count)
        {
            return TopicFilter.Matches(filter, offset, count, this.topicBuffer, this.topicOffset, this.topicLength);
        }

        [SteadyState]
        public bool TopicEquals(byte[] topic, int offset, int count)
        {
            if (count != this.topicLength)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                if (topic[offset + i] != this.topicBuffer[this.topicOffset + i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The topic as a new string. Allocates: for logs and tools, not the steady state.</summary>
        public string TopicToString()
        {
            return MqttUtf8.ToString(this.topicBuffer, this.topicOffset, this.topicLength);
        }

        /// <summary>Clears the MQTT 5.0 properties (a 3.1.1 message has none).</summary>
        [SteadyState]
        internal void ClearProperties()
        {
            this.payloadIsUtf8 = false;
            this.messageExpiryInterval = -1;
            this.topicAlias = 0;
            this.responseTopicLength = -1;
            this.correlationDataLength = -1;
            this.contentTypeLength = -1;
            this.subscriptionIdentifier = 0;
            this.propertiesSize = 0;
        }

        /// <summary>Takes the PUBLISH properties the packet reader checked; returns the Topic Alias (0 = none).</summary>
        [SteadyState]
        internal int TakeProperties(byte[] buffer, PacketReader packet)
        {
            this.ClearProperties();
            this.propertiesOffset = packet.PropertiesOffset;
            this.propertiesSize = packet.PropertiesSize;
            MqttPropertyReader properties = this.reader;
            properties.Begin(buffer, packet.PropertiesOffset, packet.PropertiesSize, packet.AllowedProperties);
            while (properties.Next())
            {
                switch (properties.Id)
                {
                    case MqttPropertyId.PayloadFormatIndicator:
                        this.payloadIsUtf8 = properties.Value == 1;
                        break;
                    case MqttPropertyId.MessageExpiryInterval:
                        this.messageExpiryInterval = properties.Value;
                        break;
                    case MqttPropertyId.TopicAlias:
                        this.topicAlias = (int)properties.Value;
                        break;
                    case MqttPropertyId.ResponseTopic:
                        this.responseTopicOffset = properties.ValueOffset;
                        this.responseTopicLength = properties.ValueLength;
                        break;
                    case MqttPropertyId.CorrelationData:
                        this.correlationDataOffset = properties.ValueOffset;
                        this.correlationDataLength = properties.ValueLength;
                        break;
                    case MqttPropertyId.ContentType:
                        this.contentTypeOffset = properties.ValueOffset;
                        this.contentTypeLength = properties.ValueLength;
                        break;
                    case MqttPropertyId.SubscriptionIdentifier:
                        if (this.subscriptionIdentifier == 0)
                        {
                            this.subscriptionIdentifier = (int)properties.Value;
                        }

                        break;
                }
            }

            return this.topicAlias;
        }
    }
}
