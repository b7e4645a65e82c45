namespace HomeNode.Mqtt
{
    /// <summary>
    /// Writes MQTT 5.0 properties (§2.2.2) into a caller's buffer, and measures them first, so a packet is sized
    /// before a byte is written (the client's rule everywhere). Each Write returns the position after the property;
    /// the caller has checked the room with the matching Size. The block's Property Length comes first:
    /// <see cref="WriteLength"/>.
    /// </summary>
    public static class MqttPropertyWriter
    {
        /// <summary>Bytes of the Property Length field for a block of <paramref name="propertiesLength"/> bytes (§1.5.5).</summary>
        [SteadyState]
        public static int LengthFieldSize(int propertiesLength)
        {
            return RemainingLength.Size(propertiesLength);
        }

        [SteadyState]
        public static int WriteLength(byte[] buffer, int offset, int propertiesLength)
        {
            return offset + RemainingLength.Write(buffer, offset, propertiesLength);
        }

        [SteadyState]
        public static int ByteSize()
        {
            return 2;
        }

        [SteadyState]
        public static int WriteByte(byte[] buffer, int offset, byte id, int value)
        {
            buffer[offset] = id;
            buffer[offset + 1] = (byte)value;
            return offset + 2;
        }

        [SteadyState]
        public static int TwoByteSize()
        {
            return 3;
        }

        [SteadyState]
        public static int WriteTwoByte(byte[] buffer, int offset, byte id, int value)
        {
            buffer[offset] = id;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)value;
            return offset + 3;
        }

        [SteadyState]
        public static int FourByteSize()
        {
            return 5;
        }

        [SteadyState]
        public static int WriteFourByte(byte[] buffer, int offset, byte id, long value)
        {
            buffer[offset] = id;
            buffer[offset + 1] = (byte)(value >> 24);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 8);
            buffer[offset + 4] = (byte)value;
            return offset + 5;
        }

        [SteadyState]
        public static int VariableSize(int value)
        {
            // 0 to 268,435,455 (§1.5.5); -1 for what four bytes cannot carry
            int size = RemainingLength.Size(value);
            return size < 0 ? -1 : 1 + size;
        }

        [SteadyState]
        public static int WriteVariable(byte[] buffer, int offset, byte id, int value)
        {
            buffer[offset] = id;
            return offset + 1 + RemainingLength.Write(buffer, offset + 1, value);
        }

        /// <summary>Size of a UTF-8 string property, or -1 when the text cannot be an MQTT string (§1.5.4).</summary>
        [SteadyState]
        public static int StringSize(string text)
        {
            int length = MqttUtf8.Measure(text);
            return length < 0 || length > 65535 ? -1 : 3 + length;
        }

        [SteadyState]
        public static int WriteString(byte[] buffer, int offset, byte id, string text)
        {
            buffer[offset] = id;
            int length = MqttUtf8.Write(text, buffer, offset + 3);
            buffer[offset + 1] = (byte)(length >> 8);
            buffer[offset + 2] = (byte)length;
            return offset + 3 + length;
        }

        /// <summary>Size of a binary (or already encoded UTF-8) property of <paramref name="count"/> bytes; -1 above 65,535 (§1.5.6).</summary>
        [SteadyState]
        public static int BinarySize(int count)
        {
            return count < 0 || count > 65535 ? -1 : 3 + count;
        }

        [SteadyState]
        public static int WriteBinary(byte[] buffer, int offset, byte id, byte[] data, int dataOffset, int count)
        {
            buffer[offset] = id;
            buffer[offset + 1] = (byte)(count >> 8);
            buffer[offset + 2] = (byte)count;
            for (int i = 0; i < count; i++)
            {
                buffer[offset + 3 + i] = data[dataOffset + i];
            }

            return offset + 3 + count;
        }

        /// <summary>Size of a User Property (§3.1.2.11.8), or -1 when either string cannot be an MQTT string.</summary>
        [SteadyState]
        public static int PairSize(string name, string value)
        {
            int nameLength = MqttUtf8.Measure(name);
            int valueLength = MqttUtf8.Measure(value);
            if (nameLength < 0 || valueLength < 0 || nameLength > 65535 || valueLength > 65535)
            {
                return -1;
            }

            return 5 + nameLength + valueLength;
        }

        [SteadyState]
        public static int WritePair(byte[] buffer, int offset, string name, string value)
        {
            int position = WriteString(buffer, offset, MqttPropertyId.UserProperty, name);

            // the value follows the name without an identifier of its own
            int length = MqttUtf8.Write(value, buffer, position + 2);
            buffer[position] = (byte)(length >> 8);
            buffer[position + 1] = (byte)length;
            return position + 2 + length;
        }
    }
}
