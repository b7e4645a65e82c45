namespace HomeNode.Mqtt
{
    /// <summary>The variable-length "remaining length" of the fixed header, MQTT 3.1.1 §2.2.3.</summary>
    public static class RemainingLength
    {
        /// <summary>268,435,455: the largest value four bytes can hold.</summary>
        public const int Maximum = 268435455;

        /// <summary>Bytes needed to encode <paramref name="value"/> (1 to 4), or -1 above <see cref="Maximum"/>.</summary>
        [SteadyState]
        public static int Size(int value)
        {
            if (value < 0 || value > Maximum)
            {
                return -1;
            }

            // Seven bits a byte (§2.2.3): one byte more for each further seven bits.
            int size = 1;
            while (value >= 128)
            {
                value >>= 7;
                size++;
            }

            return size;
        }

        /// <summary>Writes the encoding of <paramref name="value"/> (0..<see cref="Maximum"/>) and returns its size.</summary>
        [SteadyState]
        public static int Write(byte[] buffer, int offset, int value)
        {
            int position = offset;
            do
            {
                int digit = value & 0x7F;
                value >>= 7;
                if (value > 0)
                {
                    digit |= 0x80;
                }

                buffer[position++] = (byte)digit;
            }
            while (value > 0);
            return position - offset;
        }

        /// <summary>
        /// Decodes a remaining length starting at <paramref name="offset"/>. Returns the number of bytes it used,
        /// 0 when more bytes are needed, or -1 when a fifth byte would be needed (malformed, §2.2.3).
        /// </summary>
        [SteadyState]
        public static int TryRead(byte[] buffer, int offset, int available, out int value)
        {
            value = 0;
            int multiplier = 1;
            for (int i = 0; i < 4; i++)
            {
                if (i >= available)
                {
                    return 0;
                }

                int digit = buffer[offset + i];
                value += (digit & 0x7F) * multiplier;
                if ((digit & 0x80) == 0)
                {
                    return i + 1;
                }

                multiplier <<= 7;
            }

            return -1;
        }
    }
}
