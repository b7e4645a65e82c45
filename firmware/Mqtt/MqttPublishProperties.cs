namespace HomeNode.Mqtt
{
    /// <summary>
    /// The MQTT 5.0 properties of one outgoing PUBLISH (§3.3.2.3), set by the caller on an object it keeps and reuses:
    /// nothing is allocated per message. Defaults send nothing.
    /// </summary>
    public sealed class MqttPublishProperties
    {
        public MqttPublishProperties()
        {
            this.Reset(); // the defaults, kept in one place
        }

        /// <summary>The payload is UTF-8 text (§3.3.2.3.2).</summary>
        public bool PayloadIsUtf8;

        /// <summary>Seconds after which the broker discards the message if not delivered (§3.3.2.3.3); -1 = not sent.</summary>
        public long MessageExpiryInterval;

        /// <summary>Topic Alias (§3.3.2.3.4), 1 to the broker's Topic Alias Maximum; 0 = none.</summary>
        public int TopicAlias;

        /// <summary>
        /// Keeps this publish out of the client's outgoing alias table: the topic goes in full and takes no alias, so the
        /// table's aliases stay for the topics that repeat (a device's readings). Not a property on the wire.
        /// </summary>
        public bool NoTopicAlias;

        /// <summary>Topic the receiver answers on (§3.3.2.3.5, request/response §4.10); null for none.</summary>
        public string ResponseTopic;

        /// <summary>Correlation Data (§3.3.2.3.6): bytes [offset, offset + count) of <see cref="CorrelationData"/>; null for none.</summary>
        public byte[] CorrelationData;

        public int CorrelationOffset;

        public int CorrelationCount;

        /// <summary>MIME type of the payload (§3.3.2.3.9); null for none.</summary>
        public string ContentType;

        /// <summary>User Properties (§3.3.2.3.7); null for none.</summary>
        public MqttUserProperties UserProperties;

        /// <summary>Back to sending nothing (the user property table is emptied, not dropped).</summary>
        [SteadyState]
        public void Reset()
        {
            this.PayloadIsUtf8 = false;
            this.MessageExpiryInterval = -1;
            this.TopicAlias = 0;
            this.NoTopicAlias = false;
            this.ResponseTopic = null;
            this.CorrelationData = null;
            this.CorrelationOffset = 0;
            this.CorrelationCount = 0;
            this.ContentType = null;
            if (this.UserProperties != null)
            {
                this.UserProperties.Clear();
            }
        }

        /// <summary>
        /// Writes the properties at <paramref name="p"/> and returns the position after them; with
        /// <paramref name="buffer"/> null only measures (see <see cref="MqttPropertyWriter"/>), -1 when a string or the
        /// correlation data cannot be encoded.
        /// </summary>
        [SteadyState]
        public int Write(byte[] buffer, int p)
        {
            if (this.PayloadIsUtf8)
            {
                p = MqttPropertyWriter.WriteByte(buffer, p, MqttPropertyId.PayloadFormatIndicator, 1);
            }

            if (this.MessageExpiryInterval >= 0)
            {
                p = MqttPropertyWriter.WriteFourByte(buffer, p, MqttPropertyId.MessageExpiryInterval, this.MessageExpiryInterval);
            }

            if (this.TopicAlias != 0)
            {
                p = MqttPropertyWriter.WriteTwoByte(buffer, p, MqttPropertyId.TopicAlias, this.TopicAlias);
            }

            if (this.ResponseTopic != null)
            {
                p = MqttPropertyWriter.WriteString(buffer, p, MqttPropertyId.ResponseTopic, this.ResponseTopic);
            }

            if (this.CorrelationData != null)
            {
                if (this.CorrelationOffset < 0 || this.CorrelationOffset > this.CorrelationData.Length - this.CorrelationCount)
                {
                    return -1;
                }

                p = MqttPropertyWriter.WriteBinary(buffer, p, MqttPropertyId.CorrelationData, this.CorrelationData, this.CorrelationOffset, this.CorrelationCount);
            }

            if (this.ContentType != null)
            {
                p = MqttPropertyWriter.WriteString(buffer, p, MqttPropertyId.ContentType, this.ContentType);
            }

            return this.UserProperties != null ? this.UserProperties.Write(buffer, p) : p;
        }
    }
}
