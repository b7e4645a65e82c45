namespace HomeNode.Mqtt
{
    /// <summary>
    /// Decodes one MQTT control packet a server sends from a byte range, without allocating: the fields of the last
    /// packet read are properties, and topic and payload are offsets into the caller's buffer. Checks every rule the
    /// packet's own bytes can break (reserved flags, lengths, return codes, topic name, packet id 0); rules that need
    /// session state (is this packet id ours?) are the session's.
    /// </summary>
    /// <remarks>The version is a parameter so MQTT 5.0 decoding is an addition here, not a second reader.</remarks>
    public sealed class PacketReader
    {
        /// <summary>Result of <see cref="TryReadFrame"/>: more bytes are needed to know the packet's length.</summary>
        public const int Incomplete = 0;

        /// <summary>Result of <see cref="TryReadFrame"/>: the remaining length is malformed (more than four bytes, §2.2.3).</summary>
        public const int Malformed = -1;

        private const int ConnAckLength = 2;
        private const int AcknowledgementLength = 2;

        // Properties each packet a server sends may carry (MQTT 5.0 §3.x.2.2 of each packet).
        private const long ConnAckProperties =
            1L << MqttPropertyId.SessionExpiryInterval | 1L << MqttPropertyId.ReceiveMaximum |
            1L << MqttPropertyId.MaximumQos | 1L << MqttPropertyId.RetainAvailable |
            1L << MqttPropertyId.MaximumPacketSize | 1L << MqttPropertyId.AssignedClientIdentifier |
            1L << MqttPropertyId.TopicAliasMaximum | 1L << MqttPropertyId.ReasonString |
            1L << MqttPropertyId.UserProperty | 1L << MqttPropertyId.WildcardSubscriptionAvailable |
            1L << MqttPropertyId.SubscriptionIdentifierAvailable | 1L << MqttPropertyId.SharedSubscriptionAvailable |
            1L << MqttPropertyId.ServerKeepAlive | 1L << MqttPropertyId.ResponseInformation |
            1L << MqttPropertyId.ServerReference | 1L << MqttPropertyId.AuthenticationMethod |
            1L << MqttPropertyId.AuthenticationData;

        private const long PublishProperties =
            1L << MqttPropertyId.PayloadFormatIndicator | 1L << MqttPropertyId.MessageExpiryInterval |
            1L << MqttPropertyId.TopicAlias | 1L << MqttPropertyId.ResponseTopic |
            1L << MqttPropertyId.CorrelationData | 1L << MqttPropertyId.UserProperty |
            1L << MqttPropertyId.SubscriptionIdentifier | 1L << MqttPropertyId.ContentType;

        private const long AcknowledgementProperties =
            1L << MqttPropertyId.ReasonString | 1L << MqttPropertyId.UserProperty;

        private const long DisconnectProperties =
            AcknowledgementProperties | 1L << MqttPropertyId.SessionExpiryInterval | 1L << MqttPropertyId.ServerReference;

        private const long AuthProperties =
            AcknowledgementProperties | 1L << MqttPropertyId.AuthenticationMethod | 1L << MqttPropertyId.AuthenticationData;

        // Reason code sets for IsInSet: bit n of a "Successes" mask is code n, bit n of a "Failures" mask code 0x80 + n.

        // CONNACK (§3.2.2.2, table 3-1)
        private const ulong ConnAckSuccesses =
            1UL << 0x00; // Success

        private const ulong ConnAckFailures =
            1UL << (0x80 - 0x80) | // Unspecified error
            1UL << (0x81 - 0x80) | // Malformed Packet
            1UL << (0x82 - 0x80) | // Protocol Error
            1UL << (0x83 - 0x80) | // Implementation specific error
            1UL << (0x84 - 0x80) | // Unsupported Protocol Version
            1UL << (0x85 - 0x80) | // Client Identifier not valid
            1UL << (0x86 - 0x80) | // Bad User Name or Password
            1UL << (0x87 - 0x80) | // Not authorized
            1UL << (0x88 - 0x80) | // Server unavailable
            1UL << (0x89 - 0x80) | // Server busy
            1UL << (0x8A - 0x80) | // Banned
            1UL << (0x8C - 0x80) | // Bad authentication method
            1UL << (0x90 - 0x80) | // Topic Name invalid
            1UL << (0x95 - 0x80) | // Packet too large
            1UL << (0x97 - 0x80) | // Quota exceeded
            1UL << (0x99 - 0x80) | // Payload format invalid
            1UL << (0x9A - 0x80) | // Retain not supported
            1UL << (0x9B - 0x80) | // QoS not supported
            1UL << (0x9C - 0x80) | // Use another server
            1UL << (0x9D - 0x80) | // Server moved
            1UL << (0x9F - 0x80); // Connection rate exceeded

        // PUBACK (§3.4.2.1, table 3-4) and PUBREC (§3.5.2.1, table 3-5)
        private const ulong PublishAcknowledgementSuccesses =
            1UL << 0x00 | // Success
            1UL << 0x10; // No matching subscribers

        private const ulong PublishAcknowledgementFailures =
            1UL << (0x80 - 0x80) | // Unspecified error
            1UL << (0x83 - 0x80) | // Implementation specific error
            1UL << (0x87 - 0x80) | // Not authorized
            1UL << (0x90 - 0x80) | // Topic Name invalid
            1UL << (0x91 - 0x80) | // Packet identifier in use
            1UL << (0x97 - 0x80) | // Quota exceeded
            1UL << (0x99 - 0x80); // Payload format invalid

        // PUBREL (§3.6.2.1, table 3-6) and PUBCOMP (§3.7.2.1, table 3-7)
        private const ulong ReleaseSuccesses =
            1UL << 0x00; // Success

        private const ulong ReleaseFailures =
            1UL << (0x92 - 0x80); // Packet Identifier not found

        // SUBACK (§3.9.3, table 3-8); 3.1.1 SUBACK return codes (3.1.1 §3.9.3) are the same three grants and 0x80 alone
        private const ulong SubscribeSuccesses =
            1UL << 0x00 | // Granted QoS 0
            1UL << 0x01 | // Granted QoS 1
            1UL << 0x02; // Granted QoS 2

        private const ulong SubscribeFailures =
            1UL << (0x80 - 0x80) | // Unspecified error
            1UL << (0x83 - 0x80) | // Implementation specific error
            1UL << (0x87 - 0x80) | // Not authorized
            1UL << (0x8F - 0x80) | // Topic Filter invalid
            1UL << (0x91 - 0x80) | // Packet Identifier in use
            1UL << (0x97 - 0x80) | // Quota exceeded
            1UL << (0x9E - 0x80) | // Shared Subscriptions not supported
            1UL << (0xA1 - 0x80) | // Subscription Identifiers not supported
            1UL << (0xA2 - 0x80); // Wildcard Subscriptions not supported

        private const ulong Version311SubscribeFailures =
            1UL << (0x80 - 0x80); // Failure

        // UNSUBACK (§3.11.3, table 3-9)
        private const ulong UnsubscribeSuccesses =
            1UL << 0x00 | // Success
            1UL << 0x11; // No subscription existed

        private const ulong UnsubscribeFailures =
            1UL << (0x80 - 0x80) | // Unspecified error
            1UL << (0x83 - 0x80) | // Implementation specific error
            1UL << (0x87 - 0x80) | // Not authorized
            1UL << (0x8F - 0x80) | // Topic Filter invalid
            1UL << (0x91 - 0x80); // Packet Identifier in use

        private readonly MqttPropertyReader properties = new MqttPropertyReader();

        public PacketReader(MqttProtocolVersion version)
        {
            this.Version = version;
        }

        /// <summary>The version read; the client sets it per connection.</summary>
        public MqttProtocolVersion Version;

        public MqttPacketType Type;

        /// <summary>The low four bits of the fixed header.</summary>
        public int Flags;

        /// <summary>Packet id of PUBLISH (QoS 1/2), PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK; 0 otherwise.</summary>
        public ushort PacketId;

        /// <summary>CONNACK: the session-present flag (§3.2.2.2).</summary>
        public bool SessionPresent;

        public MqttQos Qos;

        public bool Retain;

        public bool Duplicate;

        public int TopicOffset;

        public int TopicLength;

        public int PayloadOffset;

        public int PayloadLength;

        /// <summary>
        /// MQTT 5.0: the reason code of CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, DISCONNECT or AUTH (0 = success;
        /// 0x80 and above = failure, §2.4); for a 3.1.1 CONNACK its return code (§3.2.2.3), 0 = accepted.
        /// </summary>
        public int ReasonCode;

        /// <summary>MQTT 5.0: where the packet's property block (its Property Length first) starts; walk it with <see cref="MqttPropertyReader"/>.</summary>
        public int PropertiesOffset;

        /// <summary>MQTT 5.0: the property block's size, length field included; 0 when the packet has none (3.1.1, or omitted).</summary>
        public int PropertiesSize;

        /// <summary>The set of property identifiers the last packet type may carry (for <see cref="MqttPropertyReader.Begin"/>).</summary>
        public long AllowedProperties;

        /// <summary>SUBACK: where the return codes start (one per filter, §3.9.3) and how many there are.</summary>
        public int ReturnCodesOffset;

        public int ReturnCodesCount;

        /// <summary>
        /// Reads the fixed header at <paramref name="offset"/>: returns the whole packet's length (header included)
        /// and sets <paramref name="headerSize"/> and <paramref name="remaining"/>; <see cref="Incomplete"/> when the
        /// header has not fully arrived; <see cref="Malformed"/> for a remaining length over four bytes.
        /// </summary>
        [SteadyState]
        public static int TryReadFrame(byte[] buffer, int offset, int available, out int headerSize, out int remaining)
        {
            headerSize = 0;
            remaining = 0;
            if (available < 2)
            {
                return Incomplete;
            }

            int lengthBytes = RemainingLength.TryRead(buffer, offset + 1, available - 1, out remaining);
            if (lengthBytes < 0)
            {
                return Malformed;
            }

            if (lengthBytes == 0)
            {
                return Incomplete;
            }

            headerSize = 1 + lengthBytes;
            return headerSize + remaining;
        }

        [SteadyState]
        public static ushort ReadUInt16(byte[] buffer, int offset)
        {
            return (ushort)((buffer[offset] << 8) | buffer[offset + 1]);
        }

        /// <summary>
        /// Decodes the complete packet whose fixed header byte is at <paramref name="offset"/> and whose variable header
        /// starts <paramref name="headerSize"/> bytes later and is <paramref name="remaining"/> bytes long. Returns Ok, or
        /// <see cref="MqttStatus.MalformedPacket"/> / <see cref="MqttStatus.MalformedTopic"/> naming the broken rule's kind.
        /// </summary>
        [SteadyState]
        public MqttStatus Read(byte[] buffer, int offset, int headerSize, int remaining)
        {
            byte header = buffer[offset];
            int body = offset + headerSize;
            this.Type = (MqttPacketType)(header >> 4);
            this.Flags = header & 0x0F;
            this.PacketId = 0;
            this.ReasonCode = 0;
            this.PropertiesOffset = body;
            this.PropertiesSize = 0;
            this.AllowedProperties = 0;
            bool version5 = this.Version == MqttProtocolVersion.V500;
            switch (this.Type)
            {
                case MqttPacketType.ConnAck:
                    // flags and return code (3.1.1 §3.2.2); 5.0 calls it the reason code and adds properties (§3.2.2)
                    if (this.Flags != 0 || (version5 ? remaining < 3 : remaining != ConnAckLength) || (buffer[body] & 0xFE) != 0)
                    {
                        return MqttStatus.MalformedPacket; // bits 7-1 of the acknowledge flags are reserved [MQTT-3.2.2-1]
                    }

                    this.SessionPresent = (buffer[body] & 0x01) != 0;
                    this.ReasonCode = buffer[body + 1];
                    if (!version5)
                    {
                        return MqttStatus.Ok;
                    }

                    if (!IsInSet(this.ReasonCode, ConnAckSuccesses, ConnAckFailures))
                    {
                        return MqttStatus.MalformedPacket;
                    }

                    return this.ReadProperties(buffer, body + 2, remaining - 2, ConnAckProperties, true);
                case MqttPacketType.Publish:
                    return this.ReadPublish(buffer, body, remaining, version5);
                case MqttPacketType.PubAck:
                case MqttPacketType.PubRec:
                case MqttPacketType.PubComp:
                case MqttPacketType.PubRel:
                    return this.ReadAcknowledgement(buffer, body, remaining, version5);
                case MqttPacketType.UnsubAck:
                    // 3.1.1: the packet id alone (§3.11); 5.0 adds properties and a reason code per filter (§3.11.2)
                    return version5 ? this.ReadSubscriptionAcknowledgement(buffer, body, remaining, true) : this.ReadAcknowledgement(buffer, body, remaining, false);
                case MqttPacketType.SubAck:
                    return this.ReadSubscriptionAcknowledgement(buffer, body, remaining, version5);
                case MqttPacketType.PingResp:
                    return this.Flags == 0 && remaining == 0 ? MqttStatus.Ok : MqttStatus.MalformedPacket;
                case MqttPacketType.Disconnect:
                case MqttPacketType.Auth:
                    // 5.0 only: reason code and properties; both may be left out, meaning 0x00 and none (§3.14.2.1, §3.15.2.1)
                    if (!version5 || this.Flags != 0)
                    {
                        return MqttStatus.MalformedPacket;
                    }

                    if (remaining == 0)
                    {
                        return MqttStatus.Ok;
                    }

                    this.ReasonCode = buffer[body];
                    return this.ReadProperties(buffer, body + 1, remaining - 1, this.Type == MqttPacketType.Auth ? AuthProperties : DisconnectProperties, false);
                default:
                    // Type 0 (and 15 in 3.1.1) are reserved; CONNECT, SUBSCRIBE, UNSUBSCRIBE, PINGREQ go client to server only.
                    return MqttStatus.MalformedPacket;
            }
        }

        /// <summary>
        /// The packet id of a PUBLISH whose start has arrived but whose whole does not fit the receive buffer, so it can
        /// be acknowledged while it is skipped. Returns the id, 0 for QoS 0, -1 when more bytes
        /// are needed, -2 for QoS 3 (malformed), -3 when the id lies beyond <paramref name="limit"/> bytes
        /// from the packet start (a topic longer than the buffer: the id can never be seen).
        /// </summary>
        [SteadyState]
        public static int PeekPublishId(byte[] buffer, int offset, int headerSize, int available, int limit)
        {
            int qos = (buffer[offset] >> 1) & 0x03;
            if (qos == 3)
            {
                return -2;
            }

            if (qos == 0)
            {
                return 0;
            }

            if (available < headerSize + 2)
            {
                return -1;
            }

            int idOffset = headerSize + 2 + ReadUInt16(buffer, offset + headerSize);
            if (idOffset + 2 > limit)
            {
                return -3;
            }

            if (available < idOffset + 2)
            {
                return -1;
            }

            return ReadUInt16(buffer, offset + idOffset);
        }

        /// <summary>PUBLISH (§3.3.2): topic, packet id for QoS 1 and 2, in 5.0 properties, then the payload.</summary>
        [SteadyState]
        private MqttStatus ReadPublish(byte[] buffer, int body, int remaining, bool version5)
        {
            int qos = (this.Flags >> 1) & 0x03;
            bool duplicate = (this.Flags & 0x08) != 0;
            if (qos == 3 || (qos == 0 && duplicate))
            {
                return MqttStatus.MalformedPacket; // [MQTT-3.3.1-4], [MQTT-3.3.1-2]
            }

            if (remaining < 2)
            {
                return MqttStatus.MalformedPacket;
            }

            int topicLength = ReadUInt16(buffer, body);
            if (2 + topicLength + (qos == 0 ? 0 : 2) > remaining)
            {
                return MqttStatus.MalformedPacket;
            }

            int topicOffset = body + 2;

            // 5.0 allows a zero-length topic when a Topic Alias names it (§3.3.2.3.4); the session checks that.
            if ((topicLength > 0 || !version5) && !TopicFilter.IsValidTopicName(buffer, topicOffset, topicLength))
            {
                return MqttStatus.MalformedTopic; // [MQTT-3.3.2-2], [MQTT-1.5.3-1] (5.0: [MQTT-1.5.4-1])
            }

            int p = topicOffset + topicLength;
            if (qos > 0)
            {
                this.PacketId = ReadUInt16(buffer, p);
                if (this.PacketId == 0)
                {
                    return MqttStatus.MalformedPacket; // [MQTT-2.3.1-1] (5.0: [MQTT-2.2.1-3])
                }

                p += 2;
            }

            if (version5)
            {
                MqttStatus read = this.ReadProperties(buffer, p, body + remaining - p, PublishProperties, true);
                if (read != MqttStatus.Ok)
                {
                    return read;
                }

                p += this.PropertiesSize;
            }

            this.Qos = (MqttQos)qos;
            this.Retain = (this.Flags & 0x01) != 0;
            this.Duplicate = duplicate;
            this.TopicOffset = topicOffset;
            this.TopicLength = topicLength;
            this.PayloadOffset = p;
            this.PayloadLength = body + remaining - p;
            return MqttStatus.Ok;
        }

        /// <summary>
        /// PUBACK, PUBREC, PUBREL, PUBCOMP (and 3.1.1 UNSUBACK): the packet id; 5.0 adds a reason code and properties,
        /// each of which may be left out (§3.4.2.1).
        /// </summary>
        [SteadyState]
        private MqttStatus ReadAcknowledgement(byte[] buffer, int body, int remaining, bool version5)
        {
            bool release = this.Type == MqttPacketType.PubRel || this.Type == MqttPacketType.PubComp;
            int requiredFlags = this.Type == MqttPacketType.PubRel ? 0x02 : 0;
            if (this.Flags != requiredFlags || (version5 ? remaining < AcknowledgementLength : remaining != AcknowledgementLength))
            {
                return MqttStatus.MalformedPacket; // [MQTT-3.6.1-1]
            }

            this.PacketId = ReadUInt16(buffer, body);
            if (remaining == AcknowledgementLength)
            {
                return MqttStatus.Ok; // 5.0: 0x00 Success, no properties
            }

            this.ReasonCode = buffer[body + 2];
            if (!IsInSet(this.ReasonCode, release ? ReleaseSuccesses : PublishAcknowledgementSuccesses, release ? ReleaseFailures : PublishAcknowledgementFailures))
            {
                return MqttStatus.MalformedPacket; // §3.4.2.1, §3.5.2.1, §3.6.2.1, §3.7.2.1
            }

            if (remaining == 3)
            {
                return MqttStatus.Ok;
            }

            return this.ReadProperties(buffer, body + 3, remaining - 3, AcknowledgementProperties, true);
        }

        /// <summary>SUBACK (3.1.1 §3.9, 5.0 §3.9.2) and 5.0 UNSUBACK (§3.11.2): id, 5.0 properties, one return or reason code per filter.</summary>
        [SteadyState]
        private MqttStatus ReadSubscriptionAcknowledgement(byte[] buffer, int body, int remaining, bool version5)
        {
            if (this.Flags != 0 || remaining < 3)
            {
                return MqttStatus.MalformedPacket;
            }

            this.PacketId = ReadUInt16(buffer, body);
            int codes = body + 2;
            if (version5)
            {
                MqttStatus read = this.ReadProperties(buffer, codes, remaining - 2, AcknowledgementProperties, true);
                if (read != MqttStatus.Ok)
                {
                    return read;
                }

                codes += this.PropertiesSize;
            }

            this.ReturnCodesOffset = codes;
            this.ReturnCodesCount = body + remaining - codes;
            if (this.ReturnCodesCount < 1)
            {
                return MqttStatus.MalformedPacket; // one reason code per filter
            }

            bool subscribe = this.Type == MqttPacketType.SubAck;
            ulong successes = subscribe ? SubscribeSuccesses : UnsubscribeSuccesses;
            ulong failures = !version5 ? Version311SubscribeFailures : subscribe ? SubscribeFailures : UnsubscribeFailures;
            for (int i = codes; i < body + remaining; i++)
            {
                if (!IsInSet(buffer[i], successes, failures))
                {
                    return MqttStatus.MalformedPacket; // 3.1.1 §3.9.3: other return codes are reserved
                }
            }

            return MqttStatus.Ok;
        }

        /// <summary>Checks the property block at <paramref name="offset"/> end to end, so a packet is whole before it is acted on.</summary>
        [SteadyState]
        private MqttStatus ReadProperties(byte[] buffer, int offset, int available, long allowed, bool required)
        {
            this.AllowedProperties = allowed;
            this.PropertiesOffset = offset;
            if (available <= 0)
            {
                return required ? MqttStatus.MalformedPacket : MqttStatus.Ok;
            }

            // a malformed Property Length fails the reader at once (Begin returns -1, Failure is MalformedPacket)
            MqttPropertyReader reader = this.properties;
            int size = reader.Begin(buffer, offset, available, allowed);
            while (reader.Next())
            {
            }

            MqttStatus failure = reader.Failure;
            if (failure == MqttStatus.Ok)
            {
                this.PropertiesSize = size;
            }

            return failure;
        }

        /// <summary>
        /// Whether <paramref name="code"/> is in a set of reason codes given as two masks: bit n of
        /// <paramref name="belowFailures"/> is code n (0x00-0x3F), bit n of <paramref name="failures"/> code 0x80 + n
        /// (0x80-0xBF). Every code MQTT defines lies in one of these ranges (§2.4).
        /// </summary>
        [SteadyState]
        private static bool IsInSet(int code, ulong belowFailures, ulong failures)
        {
            ulong mask = code < 0x40 ? belowFailures : code >= 0x80 && code < 0xC0 ? failures : 0;
            return ((mask >> (code & 0x3F)) & 1) != 0;
        }
    }
}
