namespace HomeNode.Mqtt
{
    /// <summary>
    /// Walks an MQTT 5.0 property block (§2.2.2) in place, without allocating: <see cref="Begin"/> reads the Property
    /// Length, then each <see cref="Next"/> decodes one property; strings and binary data are views into the buffer.
    /// A block breaking a rule of §2.2.2 or §1.5 makes <see cref="Next"/> return false with <see cref="Failure"/> set.
    /// </summary>
    public sealed class MqttPropertyReader
    {
        // The data representations of MQTT 5.0 properties (§1.5), the values of Type.
        // Constants rather than an enum: on the device an enum is a type of its own (flash and RAM) and prints as a
        // number anyway.

        /// <summary>An identifier MQTT 5.0 does not define.</summary>
        public const int Unknown = 0;

        /// <summary>One byte (§1.5.1).</summary>
        public const int Byte = 1;

        /// <summary>Big-endian 16 bits (§1.5.2).</summary>
        public const int TwoByteInteger = 2;

        /// <summary>Big-endian 32 bits (§1.5.3).</summary>
        public const int FourByteInteger = 3;

        /// <summary>1 to 4 bytes, 7 bits each (§1.5.5).</summary>
        public const int VariableByteInteger = 4;

        /// <summary>Two-byte length and well-formed UTF-8 (§1.5.4).</summary>
        public const int Utf8String = 5;

        /// <summary>Two-byte length and bytes (§1.5.6).</summary>
        public const int BinaryData = 6;

        /// <summary>Two UTF-8 strings: name and value (§1.5.7).</summary>
        public const int Utf8StringPair = 7;

        // Receive Maximum (§3.1.2.11.3, §3.2.2.3.3), Maximum Packet Size (§3.1.2.11.4, §3.2.2.3.6), Topic Alias
        // (§3.3.2.3.4), Subscription Identifier (§3.3.2.3.8): 0 is a Protocol Error.
        private const long MustNotBeZero =
            1L << MqttPropertyId.ReceiveMaximum | 1L << MqttPropertyId.MaximumPacketSize |
            1L << MqttPropertyId.TopicAlias | 1L << MqttPropertyId.SubscriptionIdentifier;

        // User Property (§3.3.2.3.7) and Subscription Identifier (§3.3.2.3.8) may appear more than once.
        private const long Repeatable = 1L << MqttPropertyId.UserProperty | 1L << MqttPropertyId.SubscriptionIdentifier;

        // The type constant above of each identifier 0x00 to MqttPropertyId.Highest as a digit (table 2-4); "0" = Unknown, not defined.
        // A string rather than a switch: far less code on the device (a digit, not U+0000, for nanoCLR's strings).
        private const string TypeByIdentifier =
            "0" + // 0x00 not defined
            "1" + // 0x01 Payload Format Indicator: Byte
            "3" + // 0x02 Message Expiry Interval: Four Byte Integer
            "5" + // 0x03 Content Type: UTF-8 Encoded String
            "0000" + // 0x04-0x07 not defined
            "5" + // 0x08 Response Topic: UTF-8 Encoded String
            "6" + // 0x09 Correlation Data: Binary Data
            "0" + // 0x0A not defined
            "4" + // 0x0B Subscription Identifier: Variable Byte Integer
            "00000" + // 0x0C-0x10 not defined
            "3" + // 0x11 Session Expiry Interval: Four Byte Integer
            "5" + // 0x12 Assigned Client Identifier: UTF-8 Encoded String
            "2" + // 0x13 Server Keep Alive: Two Byte Integer
            "0" + // 0x14 not defined
            "5" + // 0x15 Authentication Method: UTF-8 Encoded String
            "6" + // 0x16 Authentication Data: Binary Data
            "1" + // 0x17 Request Problem Information: Byte
            "3" + // 0x18 Will Delay Interval: Four Byte Integer
            "1" + // 0x19 Request Response Information: Byte
            "5" + // 0x1A Response Information: UTF-8 Encoded String
            "0" + // 0x1B not defined
            "5" + // 0x1C Server Reference: UTF-8 Encoded String
            "00" + // 0x1D-0x1E not defined
            "5" + // 0x1F Reason String: UTF-8 Encoded String
            "0" + // 0x20 not defined
            "2" + // 0x21 Receive Maximum: Two Byte Integer
            "2" + // 0x22 Topic Alias Maximum: Two Byte Integer
            "2" + // 0x23 Topic Alias: Two Byte Integer
            "1" + // 0x24 Maximum QoS: Byte
            "1" + // 0x25 Retain Available: Byte
            "7" + // 0x26 User Property: UTF-8 String Pair
            "3" + // 0x27 Maximum Packet Size: Four Byte Integer
            "1" + // 0x28 Wildcard Subscription Available: Byte
            "1" + // 0x29 Subscription Identifier Available: Byte
            "1"; // 0x2A Shared Subscription Available: Byte

        private byte[] buffer;
        private int position;
        private int end;
        private long allowed;
        private long seen;

        // What Next read: fields it sets and a caller reads (on the device a getter costs a method, about 40 bytes of
        // flash and 2 of RAM each). Writing one changes only what later readers of this property see.

        public int Id;

        /// <summary>The property's data representation (§1.5): one of the constants below, <see cref="Byte"/> to <see cref="Utf8StringPair"/>.</summary>
        public int Type;

        /// <summary>The value of a Byte, Two Byte, Four Byte or Variable Byte Integer property.</summary>
        public long Value;

        /// <summary>Where a string, binary data or a pair's value lies in the buffer.</summary>
        public int ValueOffset;

        public int ValueLength;

        /// <summary>Where a User Property's name lies in the buffer.</summary>
        public int NameOffset;

        public int NameLength;

        /// <summary>Ok while the block reads well; MalformedPacket or ProtocolViolation once it did not (§2.2.2.2, §4.13).</summary>
        public MqttStatus Failure;

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
        /// malformed or runs past <paramref name="available"/>; 0 for no block at all (<paramref name="available"/> 0).
        /// </summary>
        [SteadyState]
        public int Begin(byte[] source, int offset, int available, long allowedIds)
        {
            this.buffer = source;
            this.allowed = allowedIds;
            this.seen = 0;
            this.Failure = MqttStatus.Ok;
            this.position = this.end = offset; // nothing to read until the length is known good
            if (available == 0)
            {
                // No block at all (a 3.1.1 message, no CONNACK yet): nothing to read, and nothing wrong with it.
                return 0;
            }

            int length;
            int lengthBytes = RemainingLength.TryRead(source, offset, available, out length);
            if (lengthBytes <= 0 || length > available - lengthBytes)
            {
                this.Failure = MqttStatus.MalformedPacket;
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
            if (this.Failure != MqttStatus.Ok || this.position >= this.end)
            {
                return false;
            }

            int id = this.buffer[this.position];
            long bit = Bit(id);
            if (id > MqttPropertyId.Highest || (this.allowed & bit) == 0)
            {
                // an identifier is a Variable Byte Integer; all defined ones are one byte (§2.2.2.2)
                return this.Fail(MqttStatus.MalformedPacket);
            }

            int type = TypeByIdentifier[id] - '0'; // id is at most MqttPropertyId.Highest (checked above)
            if (type == Unknown || (this.seen & bit & ~Repeatable) != 0)
            {
                return this.Fail(MqttStatus.ProtocolViolation); // more than once is a Protocol Error (§2.2.2.2)
            }

            this.seen |= bit;
            this.Id = id;
            this.Type = type;
            this.position++;
            int left = this.end - this.position;
            switch (type)
            {
                case VariableByteInteger:
                    int value;
                    int size = RemainingLength.TryRead(this.buffer, this.position, left, out value);
                    if (size <= 0)
                    {
                        return this.Fail(MqttStatus.MalformedPacket);
                    }

                    this.Value = value;
                    this.position += size;
                    break;
                case Utf8StringPair:
                    if (!this.ReadLengthPrefixed(true))
                    {
                        return false;
                    }

                    // the name read, the value is read as a string
                    this.NameOffset = this.ValueOffset;
                    this.NameLength = this.ValueLength;
                    goto case Utf8String;
                case Utf8String:
                case BinaryData:
                    if (!this.ReadLengthPrefixed(type != BinaryData))
                    {
                        return false;
                    }

                    break;
                default:
                    // Byte, Two Byte or Four Byte Integer, big-endian (§1.5.1 to §1.5.3)
                    int width = type == Byte ? 1 : type == TwoByteInteger ? 2 : 4;
                    if (left < width)
                    {
                        return this.Fail(MqttStatus.MalformedPacket);
                    }

                    long integer = 0;
                    for (int i = 0; i < width; i++)
                    {
                        integer = (integer << 8) | this.buffer[this.position++];
                    }

                    this.Value = integer;
                    break;
            }

            // Values the specification rules out are a Protocol Error: every Byte property is 0 or 1 (§3.1.2.11.6-7,
            // §3.2.2.3.4-5, §3.2.2.3.11-13, §3.3.2.3.2), and some integers may not be 0.
            if (type == Byte ? this.Value > 1 : (MustNotBeZero & bit) != 0 && this.Value == 0)
            {
                return this.Fail(MqttStatus.ProtocolViolation);
            }

            return true;
        }

        [SteadyState]
        private bool ReadLengthPrefixed(bool utf8)
        {
            // fewer than two bytes left: no length field at all, as malformed as a length running past the block
            int left = this.end - this.position - 2;
            int length = left < 0 ? int.MaxValue : PacketReader.ReadUInt16(this.buffer, this.position);
            if (length > left)
            {
                return this.Fail(MqttStatus.MalformedPacket);
            }

            this.ValueOffset = this.position + 2;
            this.ValueLength = length;
            this.position += 2 + length;
            if (utf8 && !MqttUtf8.IsValid(this.buffer, this.ValueOffset, length))
            {
                return this.Fail(MqttStatus.MalformedPacket); // §1.5.4 [MQTT-1.5.4-1, MQTT-1.5.4-2]
            }

            return true;
        }

        [SteadyState]
        private bool Fail(MqttStatus failure)
        {
            this.Failure = failure;
            this.position = this.end;
            return false;
        }
    }
}
