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
            this.CopyFrom(null); // the defaults, kept in one place
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

        /// <summary>Takes every value of <paramref name="source"/>; null means the defaults (nothing sent).</summary>
        [SteadyState]
        public void CopyFrom(MqttConnectProperties source)
        {
            if (source == null)
            {
                this.SessionExpiryInterval = 0;
                this.ReceiveMaximum = 0;
                this.MaximumPacketSize = 0;
                this.TopicAliasMaximum = 0;
                this.RequestResponseInformation = false;
                this.RequestProblemInformation = true;
                this.UserProperties = null;
                this.WillDelayInterval = 0;
                this.WillMessageExpiryInterval = -1;
                this.WillPayloadIsUtf8 = false;
                this.WillContentType = null;
                this.WillResponseTopic = null;
                this.WillCorrelationData = null;
                return;
            }

            this.SessionExpiryInterval = source.SessionExpiryInterval;
            this.ReceiveMaximum = source.ReceiveMaximum;
            this.MaximumPacketSize = source.MaximumPacketSize;
            this.TopicAliasMaximum = source.TopicAliasMaximum;
            this.RequestResponseInformation = source.RequestResponseInformation;
            this.RequestProblemInformation = source.RequestProblemInformation;
            this.UserProperties = source.UserProperties;
            this.WillDelayInterval = source.WillDelayInterval;
            this.WillMessageExpiryInterval = source.WillMessageExpiryInterval;
            this.WillPayloadIsUtf8 = source.WillPayloadIsUtf8;
            this.WillContentType = source.WillContentType;
            this.WillResponseTopic = source.WillResponseTopic;
            this.WillCorrelationData = source.WillCorrelationData;
        }

        /// <summary>
        /// Writes the CONNECT property block's properties (its length field not included) at <paramref name="p"/> and
        /// returns the position after them; with <paramref name="buffer"/> null only measures (see <see cref="MqttPropertyWriter"/>).
        /// </summary>
        [SteadyState]
        public int Write(byte[] buffer, int p)
        {
            if (this.SessionExpiryInterval != 0)
            {
                p = MqttPropertyWriter.WriteFourByte(buffer, p, MqttPropertyId.SessionExpiryInterval, this.SessionExpiryInterval);
            }

            if (this.ReceiveMaximum != 0)
            {
                p = MqttPropertyWriter.WriteTwoByte(buffer, p, MqttPropertyId.ReceiveMaximum, this.ReceiveMaximum);
            }

            if (this.MaximumPacketSize != 0)
            {
                p = MqttPropertyWriter.WriteFourByte(buffer, p, MqttPropertyId.MaximumPacketSize, this.MaximumPacketSize);
            }

            if (this.TopicAliasMaximum != 0)
            {
                p = MqttPropertyWriter.WriteTwoByte(buffer, p, MqttPropertyId.TopicAliasMaximum, this.TopicAliasMaximum);
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
