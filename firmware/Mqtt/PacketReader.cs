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

        /// <summary>CONNACK: the return code (§3.2.2.3), 0 = accepted.</summary>
        public int ReturnCode;

        public MqttQos Qos;

        public bool Retain;

        public bool Duplicate;

        public int TopicOffset;

        public int TopicLength;

        public int PayloadOffset;

        public int PayloadLength;

        /// <summary>
        /// MQTT 5.0: the reason code of CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, DISCONNECT or AUTH (0 = success;
        /// 0x80 and above = failure, §2.4); for 3.1.1 CONNACK the same as <see cref="ReturnCode"/>.
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
            if (this.Version == MqttProtocolVersion.V500)
            {
                return this.ReadVersion5(buffer, body, remaining);
            }

            switch (this.Type)
            {
                case MqttPacketType.ConnAck:
                    return this.ReadConnAck(buffer, body, remaining);
                case MqttPacketType.Publish:
                    return this.ReadPublish(buffer, body, remaining);
                case MqttPacketType.PubAck:
                case MqttPacketType.PubRec:
                case MqttPacketType.PubComp:
                case MqttPacketType.UnsubAck:
                    return this.ReadAcknowledgement(buffer, body, remaining, 0);
                case MqttPacketType.PubRel:
                    return this.ReadAcknowledgement(buffer, body, remaining, 0x02); // [MQTT-3.6.1-1]
                case MqttPacketType.SubAck:
                    return this.ReadSubAck(buffer, body, remaining);
                case MqttPacketType.PingResp:
                    return this.Flags == 0 && remaining == 0 ? MqttStatus.Ok : MqttStatus.MalformedPacket;
                default:
                    // Type 0 and 15 are reserved; CONNECT, SUBSCRIBE, UNSUBSCRIBE, PINGREQ and DISCONNECT only go client to server.
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

        [SteadyState]
        private MqttStatus ReadConnAck(byte[] buffer, int body, int remaining)
        {
            if (this.Flags != 0 || remaining != ConnAckLength || (buffer[body] & 0xFE) != 0)
            {
                return MqttStatus.MalformedPacket; // §3.2.2.1: bits 7-1 of the acknowledge flags are reserved
            }

            this.SessionPresent = (buffer[body] & 0x01) != 0;
            this.ReturnCode = buffer[body + 1];
            this.ReasonCode = this.ReturnCode;
            return MqttStatus.Ok;
        }

        [SteadyState]
        private MqttStatus ReadAcknowledgement(byte[] buffer, int body, int remaining, int requiredFlags)
        {
            if (this.Flags != requiredFlags || remaining != AcknowledgementLength)
            {
                return MqttStatus.MalformedPacket;
            }

            this.PacketId = ReadUInt16(buffer, body);
            return MqttStatus.Ok;
        }

        [SteadyState]
        private MqttStatus ReadSubAck(byte[] buffer, int body, int remaining)
        {
            if (this.Flags != 0 || remaining < 3)
            {
                return MqttStatus.MalformedPacket;
            }

            for (int i = body + 2; i < body + remaining; i++)
            {
                byte code = buffer[i];
                if (code > 2 && code != 0x80)
                {
                    return MqttStatus.MalformedPacket; // §3.9.3: other return codes are reserved
                }
            }

            this.PacketId = ReadUInt16(buffer, body);
            this.ReturnCodesOffset = body + 2;
            this.ReturnCodesCount = remaining - 2;
            return MqttStatus.Ok;
        }

        [SteadyState]
        private MqttStatus ReadPublish(byte[] buffer, int body, int remaining)
        {
            int qos = (this.Flags >> 1) & 0x03;
            bool duplicate = (this.Flags & 0x08) != 0;
            if (qos == 3)
            {
                return MqttStatus.MalformedPacket; // [MQTT-3.3.1-4]
            }

            if (qos == 0 && duplicate)
            {
                return MqttStatus.MalformedPacket; // [MQTT-3.3.1-2]
            }

            int idBytes = qos == 0 ? 0 : 2;
            if (remaining < 2)
            {
                return MqttStatus.MalformedPacket;
            }

            int topicLength = ReadUInt16(buffer, body);
            if (2 + topicLength + idBytes > remaining)
            {
                return MqttStatus.MalformedPacket;
            }

            int topicOffset = body + 2;
            if (!TopicFilter.IsValidTopicName(buffer, topicOffset, topicLength))
            {
                return MqttStatus.MalformedTopic; // [MQTT-3.3.2-2], [MQTT-1.5.3-1]
            }

            if (qos > 0)
            {
                this.PacketId = ReadUInt16(buffer, topicOffset + topicLength);
                if (this.PacketId == 0)
                {
                    return MqttStatus.MalformedPacket; // [MQTT-2.3.1-1]
                }
            }

            this.Qos = (MqttQos)qos;
            this.Retain = (this.Flags & 0x01) != 0;
            this.Duplicate = duplicate;
            this.TopicOffset = topicOffset;
            this.TopicLength = topicLength;
            this.PayloadOffset = topicOffset + topicLength + idBytes;
            this.PayloadLength = remaining - 2 - topicLength - idBytes;
            return MqttStatus.Ok;
        }

        /// <summary>MQTT 5.0 packets from a server (OASIS MQTT 5.0 chapter 3): reason codes and property blocks.</summary>
        [SteadyState]
        private MqttStatus ReadVersion5(byte[] buffer, int body, int remaining)
        {
            switch (this.Type)
            {
                case MqttPacketType.ConnAck:
                    // flags, reason code, properties (§3.2.2)
                    if (this.Flags != 0 || remaining < 3 || (buffer[body] & 0xFE) != 0)
                    {
                        return MqttStatus.MalformedPacket; // [MQTT-3.2.2-1]
                    }

                    this.SessionPresent = (buffer[body] & 0x01) != 0;
                    this.ReasonCode = buffer[body + 1];
                    this.ReturnCode = this.ReasonCode;
                    if (!IsConnAckReason(this.ReasonCode))
                    {
                        return MqttStatus.MalformedPacket;
                    }

                    return this.ReadProperties(buffer, body + 2, remaining - 2, ConnAckProperties, true);
                case MqttPacketType.Publish:
                    return this.ReadPublishVersion5(buffer, body, remaining);
                case MqttPacketType.PubAck:
                case MqttPacketType.PubRec:
                case MqttPacketType.PubComp:
                case MqttPacketType.PubRel:
                    return this.ReadAcknowledgementVersion5(buffer, body, remaining);
                case MqttPacketType.SubAck:
                case MqttPacketType.UnsubAck:
                    return this.ReadSubscriptionAcknowledgementVersion5(buffer, body, remaining);
                case MqttPacketType.PingResp:
                    return this.Flags == 0 && remaining == 0 ? MqttStatus.Ok : MqttStatus.MalformedPacket;
                case MqttPacketType.Disconnect:
                case MqttPacketType.Auth:
                    // reason code and properties; both may be left out, meaning 0x00 and none (§3.14.2.1, §3.15.2.1)
                    if (this.Flags != 0)
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
                    return MqttStatus.MalformedPacket; // CONNECT, SUBSCRIBE, UNSUBSCRIBE, PINGREQ go client to server only
            }
        }

        [SteadyState]
        private MqttStatus ReadPublishVersion5(byte[] buffer, int body, int remaining)
        {
            int qos = (this.Flags >> 1) & 0x03;
            bool duplicate = (this.Flags & 0x08) != 0;
            if (qos == 3 || (qos == 0 && duplicate))
            {
                return MqttStatus.MalformedPacket; // [MQTT-3.3.1-4], [MQTT-3.3.1-2]
            }

            int idBytes = qos == 0 ? 0 : 2;
            if (remaining < 2)
            {
                return MqttStatus.MalformedPacket;
            }

            int topicLength = ReadUInt16(buffer, body);
            if (2 + topicLength + idBytes > remaining)
            {
                return MqttStatus.MalformedPacket;
            }

            int topicOffset = body + 2;

            // A zero-length topic is allowed when a Topic Alias names it (§3.3.2.3.4); the session checks that.
            if (topicLength > 0 && !TopicFilter.IsValidTopicName(buffer, topicOffset, topicLength))
            {
                return MqttStatus.MalformedTopic; // [MQTT-3.3.2-2], [MQTT-1.5.4-1]
            }

            int p = topicOffset + topicLength;
            if (qos > 0)
            {
                this.PacketId = ReadUInt16(buffer, p);
                if (this.PacketId == 0)
                {
                    return MqttStatus.MalformedPacket; // [MQTT-2.2.1-3]
                }

                p += 2;
            }

            MqttStatus read = this.ReadProperties(buffer, p, body + remaining - p, PublishProperties, true);
            if (read != MqttStatus.Ok)
            {
                return read;
            }

            this.Qos = (MqttQos)qos;
            this.Retain = (this.Flags & 0x01) != 0;
            this.Duplicate = duplicate;
            this.TopicOffset = topicOffset;
            this.TopicLength = topicLength;
            this.PayloadOffset = p + this.PropertiesSize;
            this.PayloadLength = body + remaining - this.PayloadOffset;
            return MqttStatus.Ok;
        }

        /// <summary>PUBACK, PUBREC, PUBREL, PUBCOMP: id, then reason code and properties, each of which may be left out (§3.4.2.1).</summary>
        [SteadyState]
        private MqttStatus ReadAcknowledgementVersion5(byte[] buffer, int body, int remaining)
        {
            int requiredFlags = this.Type == MqttPacketType.PubRel ? 0x02 : 0;
            if (this.Flags != requiredFlags || remaining < 2)
            {
                return MqttStatus.MalformedPacket; // [MQTT-3.6.1-1]
            }

            this.PacketId = ReadUInt16(buffer, body);
            if (remaining == 2)
            {
                return MqttStatus.Ok; // 0x00 Success, no properties
            }

            this.ReasonCode = buffer[body + 2];
            bool release = this.Type == MqttPacketType.PubRel || this.Type == MqttPacketType.PubComp;
            if (release ? this.ReasonCode != 0x00 && this.ReasonCode != 0x92 : !IsPublishAcknowledgementReason(this.ReasonCode))
            {
                return MqttStatus.MalformedPacket; // §3.4.2.1, §3.5.2.1, §3.6.2.1, §3.7.2.1
            }

            if (remaining == 3)
            {
                return MqttStatus.Ok;
            }

            return this.ReadProperties(buffer, body + 3, remaining - 3, AcknowledgementProperties, true);
        }

        /// <summary>SUBACK and UNSUBACK: id, properties, one reason code per filter (§3.9.2, §3.11.2).</summary>
        [SteadyState]
        private MqttStatus ReadSubscriptionAcknowledgementVersion5(byte[] buffer, int body, int remaining)
        {
            if (this.Flags != 0 || remaining < 3)
            {
                return MqttStatus.MalformedPacket;
            }

            this.PacketId = ReadUInt16(buffer, body);
            MqttStatus read = this.ReadProperties(buffer, body + 2, remaining - 2, AcknowledgementProperties, true);
            if (read != MqttStatus.Ok)
            {
                return read;
            }

            this.ReturnCodesOffset = body + 2 + this.PropertiesSize;
            this.ReturnCodesCount = body + remaining - this.ReturnCodesOffset;
            if (this.ReturnCodesCount < 1)
            {
                return MqttStatus.MalformedPacket; // one reason code per filter
            }

            for (int i = 0; i < this.ReturnCodesCount; i++)
            {
                int code = buffer[this.ReturnCodesOffset + i];
                bool valid = this.Type == MqttPacketType.SubAck ? IsSubscribeReason(code) : IsUnsubscribeReason(code);
                if (!valid)
                {
                    return MqttStatus.MalformedPacket;
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

            int size = this.properties.Begin(buffer, offset, available, allowed);
            if (size < 0)
            {
                return MqttStatus.MalformedPacket;
            }

            while (this.properties.Next())
            {
            }

            if (this.properties.Failure != MqttStatus.Ok)
            {
                return this.properties.Failure;
            }

            this.PropertiesSize = size;
            return MqttStatus.Ok;
        }

        /// <summary>CONNACK reason codes (§3.2.2.2, table 3-1).</summary>
        [SteadyState]
        private static bool IsConnAckReason(int code)
        {
            switch (code)
            {
                case 0x00: // Success
                case 0x80: // Unspecified error
                case 0x81: // Malformed Packet
                case 0x82: // Protocol Error
                case 0x83: // Implementation specific error
                case 0x84: // Unsupported Protocol Version
                case 0x85: // Client Identifier not valid
                case 0x86: // Bad User Name or Password
                case 0x87: // Not authorized
                case 0x88: // Server unavailable
                case 0x89: // Server busy
                case 0x8A: // Banned
                case 0x8C: // Bad authentication method
                case 0x90: // Topic Name invalid
                case 0x95: // Packet too large
                case 0x97: // Quota exceeded
                case 0x99: // Payload format invalid
                case 0x9A: // Retain not supported
                case 0x9B: // QoS not supported
                case 0x9C: // Use another server
                case 0x9D: // Server moved
                case 0x9F: // Connection rate exceeded
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>PUBACK and PUBREC reason codes (§3.4.2.1, table 3-4).</summary>
        [SteadyState]
        private static bool IsPublishAcknowledgementReason(int code)
        {
            return code == 0x00 || code == 0x10 || code == 0x80 || code == 0x83 || code == 0x87 || code == 0x90 || code == 0x91 || code == 0x97 || code == 0x99;
        }

        /// <summary>SUBACK reason codes (§3.9.3, table 3-8).</summary>
        [SteadyState]
        private static bool IsSubscribeReason(int code)
        {
            return code <= 0x02 || code == 0x80 || code == 0x83 || code == 0x87 || code == 0x8F || code == 0x91 || code == 0x97 || code == 0x9E || code == 0xA1 || code == 0xA2;
        }

        /// <summary>UNSUBACK reason codes (§3.11.3, table 3-9).</summary>
        [SteadyState]
        private static bool IsUnsubscribeReason(int code)
        {
            return code == 0x00 || code == 0x11 || code == 0x80 || code == 0x83 || code == 0x87 || code == 0x8F || code == 0x91;
        }
    }
}
