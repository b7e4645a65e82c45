namespace HomeNode.Mqtt
{
    /// <summary>
    /// Walks an MQTT 5.0 property block (§2.2.2) in place, without allocating: <see cref="Begin"/> reads the Property
    /// Length, then each <see cref="Next"/> decodes one property; strings and binary data are views into the buffer.
    /// A block breaking a rule of §2.2.2 or §1.5 makes <see cref="Next"/> return false with <see cref="Failure"/> set.
    /// </summary>
    public sealed class MqttPropertyReader
    {
        private byte[] buffer;
        private int position;
        private int end;
        private long allowed;
        private long seen;

        public int Id => this.id;
        private int id;

        public MqttPropertyType Type => this.type;
        private MqttPropertyType type;

        /// <summary>The value of a Byte, Two Byte, Four Byte or Variable Byte Integer property.</summary>
        public long Value => this.value;
        private long value;

        /// <summary>Where a string, binary data or a pair's value lies in the buffer.</summary>
        public int ValueOffset => this.valueOffset;
        private int valueOffset;

        public int ValueLength => this.valueLength;
        private int valueLength;

        /// <summary>Where a User Property's name lies in the buffer.</summary>
        public int NameOffset => this.nameOffset;
        private int nameOffset;

        public int NameLength => this.nameLength;
        private int nameLength;

        /// <summary>Ok while the block reads well; MalformedPacket or ProtocolViolation once it did not (§2.2.2.2, §4.13).</summary>
        public MqttStatus Failure => this.failure;
        private MqttStatus failure;

        /// <summary>The bit of <paramref name="id"/> in a set of property identifiers.</summary>
        [SteadyState]
        public static long Bit(int id)
        {
            return 1L << id;
        }

        /// <summary>
        /// Starts reading the block whose Property Length is at <paramref name="offset"/>, with at most
        /// <paramref name="available"/> bytes to it. <paramref name="allowedIds"/> is the set (see <see cref="Bit"/>) the
        /// packet type may carry. Returns the block's whole size (length field included), or -1 when the length is
        /// malformed or runs past <paramref name="available"/>.
        /// </summary>
        [SteadyState]
        public int Begin(byte[] source, int offset, int available, long allowedIds)
        {
            this.buffer = source;
            this.allowed = allowedIds;
            this.seen = 0;
            this.failure = MqttStatus.Ok;
            int length;
            int lengthBytes = RemainingLength.TryRead(source, offset, available, out length);
            if (lengthBytes <= 0 || length > available - lengthBytes)
            {
                this.failure = MqttStatus.MalformedPacket;
                this.position = this.end = offset;
                return -1;
            }

            this.position = offset + lengthBytes;
            this.end = this.position + length;
            return lengthBytes + length;
        }

        /// <summary>Decodes the next property; false at the end of the block or on a malformed one (then see <see cref="Failure"/>).</summary>
        [SteadyState]
        public bool Next()
        {
            if (this.failure != MqttStatus.Ok || this.position >= this.end)
            {
                return false;
            }

            int id = this.buffer[this.position];
            if (id > 0x7F || id > MqttPropertyId.Highest || (this.allowed & Bit(id)) == 0)
            {
                // an identifier is a Variable Byte Integer; all defined ones are one byte (§2.2.2.2)
                return this.Fail(MqttStatus.MalformedPacket);
            }

            MqttPropertyType type = MqttPropertyId.TypeOf(id);
            bool repeatable = id == MqttPropertyId.UserProperty || id == MqttPropertyId.SubscriptionIdentifier;
            if (type == MqttPropertyType.Unknown || (!repeatable && (this.seen & Bit(id)) != 0))
            {
                return this.Fail(MqttStatus.ProtocolViolation); // more than once is a Protocol Error (§2.2.2.2)
            }

            this.seen |= Bit(id);
            this.id = id;
            this.type = type;
            this.position++;
            int left = this.end - this.position;
            switch (type)
            {
                case MqttPropertyType.Byte:
                    if (left < 1)
                    {
                        return this.Fail(MqttStatus.MalformedPacket);
                    }

                    this.value = this.buffer[this.position++];
                    break;
                case MqttPropertyType.TwoByteInteger:
                    if (left < 2)
                    {
                        return this.Fail(MqttStatus.MalformedPacket);
                    }

                    this.value = PacketReader.ReadUInt16(this.buffer, this.position);
                    this.position += 2;
                    break;
                case MqttPropertyType.FourByteInteger:
                    if (left < 4)
                    {
                        return this.Fail(MqttStatus.MalformedPacket);
                    }

                    this.value = ((long)PacketReader.ReadUInt16(this.buffer, this.position) << 16) | PacketReader.ReadUInt16(this.buffer, this.position + 2);
                    this.position += 4;
                    break;
                case MqttPropertyType.VariableByteInteger:
                    int value;
                    int size = RemainingLength.TryRead(this.buffer, this.position, left, out value);
                    if (size <= 0)
                    {
                        return this.Fail(MqttStatus.MalformedPacket);
                    }

                    this.value = value;
                    this.position += size;
                    break;
                case MqttPropertyType.Utf8StringPair:
                    if (!this.ReadLengthPrefixed(true))
                    {
                        return false;
                    }

                    this.nameOffset = this.valueOffset;
                    this.nameLength = this.valueLength;
                    if (!this.ReadLengthPrefixed(true))
                    {
                        return false;
                    }

                    break;
                default:
                    if (!this.ReadLengthPrefixed(type == MqttPropertyType.Utf8String))
                    {
                        return false;
                    }

                    break;
            }

            return this.CheckValue();
        }

        [SteadyState]
        private bool ReadLengthPrefixed(bool utf8)
        {
            if (this.end - this.position < 2)
            {
                return this.Fail(MqttStatus.MalformedPacket);
            }

            int length = PacketReader.ReadUInt16(this.buffer, this.position);
            if (length > this.end - this.position - 2)
            {
                return this.Fail(MqttStatus.MalformedPacket);
            }

            this.valueOffset = this.position + 2;
            this.valueLength = length;
            this.position += 2 + length;
            if (utf8 && !MqttUtf8.IsValid(this.buffer, this.valueOffset, length))
            {
                return this.Fail(MqttStatus.MalformedPacket); // §1.5.4 [MQTT-1.5.4-1, MQTT-1.5.4-2]
            }

            return true;
        }

        /// <summary>Values the specification rules out: a Protocol Error (§3.1.2.11, §3.2.2.3, §3.3.2.3).</summary>
        [SteadyState]
        private bool CheckValue()
        {
            switch (this.id)
            {
                case MqttPropertyId.PayloadFormatIndicator:
                case MqttPropertyId.MaximumQos:
                case MqttPropertyId.RetainAvailable:
                case MqttPropertyId.WildcardSubscriptionAvailable:
                case MqttPropertyId.SubscriptionIdentifierAvailable:
                case MqttPropertyId.SharedSubscriptionAvailable:
                case MqttPropertyId.RequestProblemInformation:
                case MqttPropertyId.RequestResponseInformation:
                    return this.value <= 1 || this.Fail(MqttStatus.ProtocolViolation);
                case MqttPropertyId.ReceiveMaximum:
                case MqttPropertyId.MaximumPacketSize:
                case MqttPropertyId.TopicAlias:
                case MqttPropertyId.SubscriptionIdentifier:
                    return this.value != 0 || this.Fail(MqttStatus.ProtocolViolation);
                default:
                    return true;
            }
        }

        [SteadyState]
        private bool Fail(MqttStatus failure)
        {
            this.failure = failure;
            this.position = this.end;
            return false;
        }
    }
}
