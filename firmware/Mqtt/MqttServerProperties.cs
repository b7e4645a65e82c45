namespace HomeNode.Mqtt
{
    /// <summary>
    /// What the server said in its latest CONNACK (MQTT 5.0 §3.2.2.3), and in a DISCONNECT or AUTH it sent since
    /// (§3.14.2, §3.15.2): its limits, which the client obeys before sending, and its texts as views into the receive
    /// buffer (offset and length; length -1 when the server left the property out), valid until the next Poll. One
    /// instance per client, reused. For a 3.1.1 connection it holds the defaults (no limits) and the return code.
    /// </summary>
    /// <remarks>
    /// Plain fields, not properties: the client fills them and the caller reads them. The client obeys the limits as they
    /// stand here (Maximum QoS, Retain Available, Receive Maximum, Topic Alias Maximum, Server Keep Alive), so a caller
    /// must not write them; on nanoCLR each property would cost two methods and a name more (about 1.9 KB of ROM for these).
    /// </remarks>
    public sealed class MqttServerProperties
    {
        private readonly MqttPropertyReader reader = new MqttPropertyReader();

        public MqttServerProperties()
        {
            this.Reset();
        }

        /// <summary>The receive buffer the offsets point into.</summary>
        public byte[] Buffer;

        /// <summary>The packet's reason code (CONNACK, DISCONNECT, AUTH; §2.4): 0x00 success, 0x80 and above failure; for 3.1.1 the CONNACK return code.</summary>
        public int ReasonCode;

        public bool SessionPresent;

        /// <summary>The Session Expiry Interval the server uses instead of ours (§3.2.2.3.2); -1 when it kept ours.</summary>
        public long SessionExpiryInterval;

        /// <summary>QoS 1/2 PUBLISH the server accepts unacknowledged at once (§3.2.2.3.3); 65,535 when not sent.</summary>
        public int ReceiveMaximum;

        /// <summary>Highest QoS the server accepts (§3.2.2.3.4); 2 when not sent.</summary>
        public int MaximumQos;

        /// <summary>false: the server refuses retained messages (§3.2.2.3.5).</summary>
        public bool RetainAvailable;

        /// <summary>Largest packet the server accepts (§3.2.2.3.6); 0 when it sets no limit.</summary>
        public long MaximumPacketSize;

        /// <summary>Topic aliases the server accepts from us (§3.2.2.3.8); 0 = none.</summary>
        public int TopicAliasMaximum;

        /// <summary>The keep-alive in seconds the server wants instead of ours (§3.2.2.3.14), which the client obeys; -1 when not sent.</summary>
        public int ServerKeepAlive;

        public bool WildcardSubscriptionAvailable;

        public bool SubscriptionIdentifierAvailable;

        public bool SharedSubscriptionAvailable;

        /// <summary>The client id the server gave us for an empty one (§3.2.2.3.7); use it to resume the session.</summary>
        public int AssignedClientIdentifierOffset;

        public int AssignedClientIdentifierLength;

        /// <summary>Response Information (§3.2.2.3.15), a base for response topics, when we asked for it.</summary>
        public int ResponseInformationOffset;

        public int ResponseInformationLength;

        /// <summary>Server Reference (§3.2.2.3.16, §4.11): another server to use, with reason 0x9C or 0x9D.</summary>
        public int ServerReferenceOffset;

        public int ServerReferenceLength;

        /// <summary>Reason String (§3.2.2.3.9): for people, never for decisions (the reason code is for those).</summary>
        public int ReasonStringOffset;

        public int ReasonStringLength;

        /// <summary>Where the latest packet's property block lies (see <see cref="ReadProperties"/>).</summary>
        public int PropertiesOffset;

        public int PropertiesSize;

        /// <summary>
        /// A reader at the start of the latest packet's property block (User Properties and all): call
        /// <see cref="MqttPropertyReader.Next"/> until it returns false. Reused; valid until the next Poll.
        /// </summary>
        [SteadyState]
        public MqttPropertyReader ReadProperties()
        {
            this.reader.Begin(this.Buffer, this.PropertiesOffset, this.PropertiesSize, -1L);
            return this.reader;
        }

        /// <summary>Back to what a server that sends no properties means: no limits, everything available.</summary>
        [SteadyState]
        internal void Reset()
        {
            this.ReasonCode = 0;
            this.SessionPresent = false;
            this.SessionExpiryInterval = -1;
            this.ReceiveMaximum = 65535;
            this.MaximumQos = 2;
            this.RetainAvailable = true;
            this.MaximumPacketSize = 0;
            this.TopicAliasMaximum = 0;
            this.ServerKeepAlive = -1;
            this.WildcardSubscriptionAvailable = true;
            this.SubscriptionIdentifierAvailable = true;
            this.SharedSubscriptionAvailable = true;
            this.ClearTexts();
        }

        [SteadyState]
        internal void ClearTexts()
        {
            this.AssignedClientIdentifierLength = -1;
            this.ResponseInformationLength = -1;
            this.ServerReferenceLength = -1;
            this.ReasonStringLength = -1;
            this.PropertiesSize = 0;
        }

        /// <summary>Takes the values of the property block the packet reader checked (CONNACK, DISCONNECT or AUTH).</summary>
        [SteadyState]
        internal void Take(byte[] buffer, PacketReader packet)
        {
            this.Buffer = buffer;
            this.ReasonCode = packet.ReasonCode;
            this.PropertiesOffset = packet.PropertiesOffset;
            this.PropertiesSize = packet.PropertiesSize;

            // The packet reader checked the block against what this packet type may carry, so the caller's reader (which
            // allows every identifier) reads the same properties; no block (size 0) reads as none.
            MqttPropertyReader properties = this.ReadProperties();
            while (properties.Next())
            {
                int value = (int)properties.Value;
                switch (properties.Id)
                {
                    case MqttPropertyId.SessionExpiryInterval:
                        this.SessionExpiryInterval = properties.Value;
                        break;
                    case MqttPropertyId.ReceiveMaximum:
                        this.ReceiveMaximum = value;
                        break;
                    case MqttPropertyId.MaximumQos:
                        this.MaximumQos = value;
                        break;
                    case MqttPropertyId.RetainAvailable:
                        this.RetainAvailable = value != 0;
                        break;
                    case MqttPropertyId.MaximumPacketSize:
                        this.MaximumPacketSize = properties.Value;
                        break;
                    case MqttPropertyId.TopicAliasMaximum:
                        this.TopicAliasMaximum = value;
                        break;
                    case MqttPropertyId.ServerKeepAlive:
                        this.ServerKeepAlive = value;
                        break;
                    case MqttPropertyId.WildcardSubscriptionAvailable:
                        this.WildcardSubscriptionAvailable = value != 0;
                        break;
                    case MqttPropertyId.SubscriptionIdentifierAvailable:
                        this.SubscriptionIdentifierAvailable = value != 0;
                        break;
                    case MqttPropertyId.SharedSubscriptionAvailable:
                        this.SharedSubscriptionAvailable = value != 0;
                        break;
                    case MqttPropertyId.AssignedClientIdentifier:
                        this.AssignedClientIdentifierOffset = properties.ValueOffset;
                        this.AssignedClientIdentifierLength = properties.ValueLength;
                        break;
                    case MqttPropertyId.ResponseInformation:
                        this.ResponseInformationOffset = properties.ValueOffset;
                        this.ResponseInformationLength = properties.ValueLength;
                        break;
                    case MqttPropertyId.ServerReference:
                        this.ServerReferenceOffset = properties.ValueOffset;
                        this.ServerReferenceLength = properties.ValueLength;
                        break;
                    case MqttPropertyId.ReasonString:
                        this.ReasonStringOffset = properties.ValueOffset;
                        this.ReasonStringLength = properties.ValueLength;
                        break;
                }
            }
        }
    }
}
