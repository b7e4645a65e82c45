namespace HomeNode.Mqtt
{
    /// <summary>
    /// Writes MQTT 5.0 properties (§2.2.2) into a caller's buffer, and measures them first, so a packet is sized
    /// before a byte is written (the client's rule everywhere). Each Write returns the position after the property.
    /// With a null buffer a Write only measures: the same calls that write a block measure it, so the two cannot
    /// disagree. A measured property that cannot be encoded gives -1, and every Write passes a negative position on,
    /// so a block measures -1 when any of its properties cannot be encoded. The block's Property Length comes first:
    /// <see cref="WriteLength"/>.
    /// </summary>
    public static class MqttPropertyWriter
    {
        /// <summary>Bytes of a Byte property: identifier and value (§1.5.1).</summary>
        public const int ByteSize = 2;

        /// <summary>Bytes of a Two Byte Integer property (§1.5.2).</summary>
        public const int TwoByteSize = 3;

        /// <summary>Bytes of a Four Byte Integer property (§1.5.3).</summary>
        public const int FourByteSize = 5;

        /// <summary>
        /// The Property Length field, a Variable Byte Integer (§2.2.2.1, §1.5.5); measuring, -1 for a length that cannot
        /// be encoded (a block measured -1 included).
        /// </summary>
        [SteadyState]
        public static int WriteLength(byte[] buffer, int offset, int propertiesLength)
        {
            if (buffer == null)
            {
                return After(offset, RemainingLength.Size(propertiesLength));
            }

            return offset + RemainingLength.Write(buffer, offset, propertiesLength);
        }

        [SteadyState]
        public static int WriteByte(byte[] buffer, int offset, byte id, int value)
        {
            if (buffer != null)
            {
                buffer[offset] = id;
                buffer[offset + 1] = (byte)value;
            }

            return After(offset, ByteSize);
        }

        [SteadyState]
        public static int WriteTwoByte(byte[] buffer, int offset, byte id, int value)
        {
            if (buffer != null)
            {
                buffer[offset] = id;
                buffer[offset + 1] = (byte)(value >> 8);
                buffer[offset + 2] = (byte)value;
            }

            return After(offset, TwoByteSize);
        }

        [SteadyState]
        public static int WriteFourByte(byte[] buffer, int offset, byte id, long value)
        {
            if (buffer != null)
            {
                buffer[offset] = id;
                buffer[offset + 1] = (byte)(value >> 24);
                buffer[offset + 2] = (byte)(value >> 16);
                buffer[offset + 3] = (byte)(value >> 8);
                buffer[offset + 4] = (byte)value;
            }

            return After(offset, FourByteSize);
        }

        /// <summary>A Variable Byte Integer property, 0 to 268,435,455 (§1.5.5); measuring, -1 for what four bytes cannot carry.</summary>
        [SteadyState]
        public static int WriteVariable(byte[] buffer, int offset, byte id, int value)
        {
            if (buffer == null)
            {
                int size = RemainingLength.Size(value);
                return After(offset, size < 0 ? -1 : 1 + size);
            }

            buffer[offset] = id;
            return offset + 1 + RemainingLength.Write(buffer, offset + 1, value);
        }

        /// <summary>A UTF-8 string property (§1.5.4); measuring, -1 when the text cannot be an MQTT string.</summary>
        [SteadyState]
        public static int WriteString(byte[] buffer, int offset, byte id, string text)
        {
            return PacketWriter.WriteString(buffer, WriteIdentifier(buffer, offset, id), text);
        }

        /// <summary>A binary (or already encoded UTF-8) property of <paramref name="count"/> bytes; measuring, -1 above 65,535 (§1.5.6).</summary>
        [SteadyState]
        public static int WriteBinary(byte[] buffer, int offset, byte id, byte[] data, int dataOffset, int count)
        {
            return PacketWriter.WriteBinary(buffer, WriteIdentifier(buffer, offset, id), data, dataOffset, count);
        }

        /// <summary>Size of a User Property (§3.1.2.11.8), or -1 when either string cannot be an MQTT string.</summary>
        [SteadyState]
        public static int PairSize(string name, string value)
        {
            return WritePair(null, 0, name, value); // measured as written (§2.2.2.2: identifier, two length-prefixed strings)
        }

        [SteadyState]
        public static int WritePair(byte[] buffer, int offset, string name, string value)
        {
            // the value follows the name without an identifier of its own
            return PacketWriter.WriteString(buffer, WriteString(buffer, offset, MqttPropertyId.UserProperty, name), value);
        }

        [SteadyState]
        private static int WriteIdentifier(byte[] buffer, int offset, byte id)
        {
            if (buffer != null)
            {
                buffer[offset] = id;
            }

            return After(offset, 1);
        }

        /// <summary>The position after <paramref name="size"/> more bytes; -1 when either is negative (something measured cannot be encoded).</summary>
        [SteadyState]
        private static int After(int offset, int size)
        {
            return offset < 0 || size < 0 ? -1 : offset + size;
        }
    }
}
