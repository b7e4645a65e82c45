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

        public PacketReader(MqttProtocolVersion version)
        {
            this.Version = version;
        }

        public MqttProtocolVersion Version { get; private set; }

        public MqttPacketType Type { get; private set; }

        /// <summary>The low four bits of the fixed header.</summary>
        public int Flags { get; private set; }

        /// <summary>Packet id of PUBLISH (QoS 1/2), PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK; 0 otherwise.</summary>
        public ushort PacketId { get; private set; }

        /// <summary>CONNACK: the session-present flag (§3.2.2.2).</summary>
        public bool SessionPresent { get; private set; }

        /// <summary>CONNACK: the return code (§3.2.2.3), 0 = accepted.</summary>
        public int ReturnCode { get; private set; }

        public MqttQos Qos { get; private set; }

        public bool Retain { get; private set; }

        public bool Duplicate { get; private set; }

        public int TopicOffset { get; private set; }

        public int TopicLength { get; private set; }

        public int PayloadOffset { get; private set; }

        public int PayloadLength { get; private set; }

        /// <summary>SUBACK: where the return codes start (one per filter, §3.9.3) and how many there are.</summary>
        public int ReturnCodesOffset { get; private set; }

        public int ReturnCodesCount { get; private set; }

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
    }
}
