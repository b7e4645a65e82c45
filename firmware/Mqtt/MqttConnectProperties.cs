namespace HomeNode.Mqtt
{
    /// <summary>
    /// What an MQTT 5.0 CONNECT says beyond 3.1.1 (OASIS MQTT 5.0 §3.1.2.11 and the will properties of §3.1.3.2).
    /// Defaults send nothing, so the broker's defaults apply. Read by <see cref="PacketWriter.WriteConnect"/> when the
    /// writer's version is 5.0.
    /// </summary>
    public sealed class MqttConnectProperties
    {
        public MqttConnectProperties()
        {
            this.RequestProblemInformation = true;
            this.WillMessageExpiryInterval = -1;
        }

        /// <summary>Seconds the broker keeps the session after the connection closes; 0 (the default) ends it with the connection, 0xFFFFFFFF never (§3.1.2.11.2).</summary>
        public long SessionExpiryInterval;

        /// <summary>QoS 1/2 messages we accept unacknowledged at once (§3.1.2.11.3); 0 = not sent (65,535).</summary>
        public int ReceiveMaximum;

        /// <summary>Largest packet we accept (§3.1.2.11.4), so the broker never sends a larger one; 0 = not sent (no limit).</summary>
        public long MaximumPacketSize;

        /// <summary>Topic aliases we accept from the broker (§3.1.2.11.5); 0 = none.</summary>
        public int TopicAliasMaximum;

        /// <summary>Ask for Response Information in CONNACK (§3.1.2.11.6).</summary>
        public bool RequestResponseInformation;

        /// <summary>false asks the broker to leave Reason Strings and User Properties out of most packets (§3.1.2.11.7).</summary>
        public bool RequestProblemInformation;

        /// <summary>User Properties of CONNECT (§3.1.2.11.8); null for none.</summary>
        public MqttUserProperties UserProperties;

        /// <summary>Seconds the broker waits before publishing the will (§3.1.3.2.2); 0 = at once.</summary>
        public long WillDelayInterval;

        /// <summary>Lifetime of the will message in seconds (§3.1.3.2.4); -1 = not sent (no expiry).</summary>
        public long WillMessageExpiryInterval;

        /// <summary>The will payload is UTF-8 text (§3.1.3.2.3).</summary>
        public bool WillPayloadIsUtf8;

        /// <summary>MIME type of the will payload (§3.1.3.2.5); null for none.</summary>
        public string WillContentType;

        /// <summary>Topic a receiver of the will should answer on (§3.1.3.2.6); null for none.</summary>
        public string WillResponseTopic;

        /// <summary>Correlation Data of the will (§3.1.3.2.7); null for none.</summary>
        public byte[] WillCorrelationData;

        /// <summary>
        /// Writes the CONNECT property block's properties (its length field not included) at <paramref name="p"/> and
        /// returns the position after them; with <paramref name="buffer"/> null only measures (see <see cref="MqttPropertyWriter"/>).
        /// A limit caps Receive Maximum, Maximum Packet Size or Topic Alias Maximum as sent (the client's buffers set them);
        /// these properties are not changed, and -1 leaves a value as it is. Receive Maximum and Maximum Packet Size may not
        /// be 0 (§3.1.2.11.3-4), so their limits are 1 or more; a Topic Alias Maximum limit of 0 sends none (§3.1.2.11.5).
        /// </summary>
        [SteadyState]
        public int Write(byte[] buffer, int p, long receiveMaximumLimit = -1, long maximumPacketSizeLimit = -1, long topicAliasMaximumLimit = -1)
        {
            if (this.SessionExpiryInterval != 0)
            {
                p = MqttPropertyWriter.WriteFourByte(buffer, p, MqttPropertyId.SessionExpiryInterval, this.SessionExpiryInterval);
            }

            long value = Smaller(this.ReceiveMaximum, receiveMaximumLimit);
            if (value != 0)
            {
                p = MqttPropertyWriter.WriteTwoByte(buffer, p, MqttPropertyId.ReceiveMaximum, (int)value);
            }

            value = Smaller(this.MaximumPacketSize, maximumPacketSizeLimit);
            if (value != 0)
            {
                p = MqttPropertyWriter.WriteFourByte(buffer, p, MqttPropertyId.MaximumPacketSize, value);
            }

            value = Smaller(this.TopicAliasMaximum, topicAliasMaximumLimit);
            if (value != 0)
            {
                p = MqttPropertyWriter.WriteTwoByte(buffer, p, MqttPropertyId.TopicAliasMaximum, (int)value);
            }

            if (this.RequestResponseInformation)
            {
                p = MqttPropertyWriter.WriteByte(buffer, p, MqttPropertyId.RequestResponseInformation, 1);
            }

            if (!this.RequestProblemInformation)
            {
                p = MqttPropertyWriter.WriteByte(buffer, p, MqttPropertyId.RequestProblemInformation, 0);
            }

            return this.UserProperties != null ? this.UserProperties.Write(buffer, p) : p;
        }

        // The value sent for a requested value (0 = not sent, no limit) under a limit (-1 = none).
        [SteadyState]
        private static long Smaller(long requested, long limit)
        {
            return limit < 0 || (requested != 0 && requested <= limit) ? requested : limit;
        }

        /// <summary>
        /// Writes the will property block's properties at <paramref name="p"/> and returns the position after them; with
        /// <paramref name="buffer"/> null only measures (see <see cref="MqttPropertyWriter"/>), -1 when a string cannot be encoded.
        /// </summary>
        [SteadyState]
        public int WriteWill(byte[] buffer, int p)
        {
            if (this.WillDelayInterval != 0)
            {
                p = MqttPropertyWriter.WriteFourByte(buffer, p, MqttPropertyId.WillDelayInterval, this.WillDelayInterval);
            }

            if (this.WillMessageExpiryInterval >= 0)
            {
                p = MqttPropertyWriter.WriteFourByte(buffer, p, MqttPropertyId.MessageExpiryInterval, this.WillMessageExpiryInterval);
            }

            if (this.WillPayloadIsUtf8)
            {
                p = MqttPropertyWriter.WriteByte(buffer, p, MqttPropertyId.PayloadFormatIndicator, 1);
            }

            if (this.WillContentType != null)
            {
                p = MqttPropertyWriter.WriteString(buffer, p, MqttPropertyId.ContentType, this.WillContentType);
            }

            if (this.WillResponseTopic != null)
            {
                p = MqttPropertyWriter.WriteString(buffer, p, MqttPropertyId.ResponseTopic, this.WillResponseTopic);
            }

            if (this.WillCorrelationData != null)
            {
                p = MqttPropertyWriter.WriteBinary(buffer, p, MqttPropertyId.CorrelationData, this.WillCorrelationData, 0, this.WillCorrelationData.Length);
            }

            return p;
        }
    }
}
