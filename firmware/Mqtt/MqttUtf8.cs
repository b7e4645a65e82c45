namespace HomeNode.Mqtt
{
    /// <summary>
    /// UTF-8 for MQTT strings, written by hand: the device mscorlib has no Encoding, and writing straight into
    /// the packet buffer is also what keeps publishing allocation-free.
    /// </summary>
    /// <remarks>
    /// MQTT 3.1.1 §1.5.3: well-formed UTF-8 (RFC 3629), no encodings of U+D800..U+DFFF [MQTT-1.5.3-1],
    /// no U+0000 [MQTT-1.5.3-2]. A .NET string holds UTF-16, so a surrogate pair becomes one four-byte sequence
    /// and a lone surrogate cannot be encoded at all.
    /// </remarks>
    public static class MqttUtf8
    {
        /// <summary>
        /// The code point of the character at <paramref name="index"/> of <paramref name="text"/>, with
        /// <paramref name="units"/> set to the UTF-16 units it takes (1, or 2 for a surrogate pair); -1 for U+0000 or a
        /// lone surrogate, which MQTT strings must not hold [MQTT-1.5.3-1, MQTT-1.5.3-2].
        /// </summary>
        /// <remarks>
        /// nanoCLR stores strings as UTF-8, and its indexer returns the high surrogate for both halves of a pair
        /// (U+1D11E indexes as D834 D834; ../shared/nftool README), so the low half is read with
        /// <c>ToCharArray(index, 2)</c>, which converts correctly. That costs a two-char array, only on nanoCLR and
        /// only for characters above U+FFFF; on .NET a high surrogate followed by a high surrogate is a lone one, and
        /// the same read finds it so. (A string cannot hold a lone surrogate or U+0000 on nanoCLR at all.)
        /// </remarks>
        [SteadyState]
        public static int CodePointAt(string text, int index, out int units)
        {
            units = 1;
            int c = text[index];
            if (c < 0xD800 || c > 0xDFFF)
            {
                return c == 0 ? -1 : c;
            }

            if (c > 0xDBFF || index + 1 >= text.Length)
            {
                return -1; // a low surrogate first, or a high one at the end
            }

            int low = text[index + 1];
            if (low == c)
            {
                low = SecondHalfOfPair(text, index);
            }

            if (low < 0xDC00 || low > 0xDFFF)
            {
                return -1;
            }

            units = 2;
            return 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
        }

        /// <summary>Number of UTF-8 bytes <paramref name="text"/> encodes to, or -1 if it holds U+0000 or a lone surrogate.</summary>
        [SteadyState]
        public static int Measure(string text)
        {
            int bytes = 0;
            int length = text.Length;
            int units;
            for (int i = 0; i < length; i += units)
            {
                int codePoint = CodePointAt(text, i, out units);
                if (codePoint < 0)
                {
                    return -1;
                }

                bytes += EncodedLength(codePoint);
            }

            return bytes;
        }

        /// <summary>Writes the UTF-8 bytes of <paramref name="text"/> (already checked with <see cref="Measure"/>) and returns how many were written.</summary>
        [SteadyState]
        public static int Write(string text, byte[] buffer, int offset)
        {
            int position = offset;
            int length = text.Length;
            int units;
            for (int i = 0; i < length; i += units)
            {
                position += WriteCodePoint(CodePointAt(text, i, out units), buffer, position);
            }

            return position - offset;
        }

        /// <summary>UTF-8 length of a code point (RFC 3629 §3).</summary>
        [SteadyState]
        public static int EncodedLength(int codePoint)
        {
            return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
        }

        /// <summary>Writes one code point as UTF-8 (RFC 3629 §3) and returns the number of bytes written.</summary>
        [SteadyState]
        public static int WriteCodePoint(int codePoint, byte[] buffer, int offset)
        {
            if (codePoint < 0x80)
            {
                buffer[offset] = (byte)codePoint; // ASCII first: a string topic is encoded a character at a time
                return 1;
            }

            int count = EncodedLength(codePoint);

            // RFC 3629 §3: the lead byte is count one-bits, a zero, then the highest bits; each further byte is 10
            // and the next six bits, highest first.
            int shift = 6 * (count - 1);
            buffer[offset] = (byte)((0xFF00 >> count) | (codePoint >> shift));
            for (int k = 1; k < count; k++)
            {
                shift -= 6;
                buffer[offset + k] = (byte)(0x80 | ((codePoint >> shift) & 0x3F));
            }

            return count;
        }

        /// <summary>True when <paramref name="text"/> holds the ASCII character <paramref name="ascii"/> (string.IndexOf misses characters after one above U+FFFF on nanoCLR).</summary>
        [SteadyState]
        public static bool ContainsAscii(string text, char ascii)
        {
            int length = text.Length;
            for (int i = 0; i < length; i++)
            {
                if (text[i] == ascii)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The low surrogate of the pair starting at <paramref name="index"/>, read where the indexer cannot (see <see cref="CodePointAt"/>).</summary>
        [NanoClrWorkaround]
        private static int SecondHalfOfPair(string text, int index)
        {
            return text.ToCharArray(index, 2)[1];
        }

        /// <summary>
        /// True when the bytes are well-formed UTF-8 (RFC 3629 §4: no overlong forms, nothing above U+10FFFF),
        /// encode no surrogate and no U+0000.
        /// </summary>
        [SteadyState]
        public static bool IsValid(byte[] buffer, int offset, int count)
        {
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                int b = buffer[i];
                if (b < 0x80)
                {
                    // ASCII, the whole of most topics: one test per byte (this runs for every PUBLISH received)
                    if (b == 0)
                    {
                        return false;
                    }

                    i++;
                    continue;
                }

                // RFC 3629 §4: C0, C1 and F5..FF start no sequence; the second byte's range leaves out overlong forms
                // (after E0: below U+0800, after F0: below U+10000), surrogates (after ED: U+D800..U+DFFF) and code
                // points above U+10FFFF (after F4).
                int continuation = b < 0xC2 || b > 0xF4 ? -1 : b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
                if (continuation < 0 || i + continuation >= end)
                {
                    return false; // not a lead byte, or a truncated sequence
                }

                int low = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
                int high = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
                for (int k = 1; k <= continuation; k++)
                {
                    int next = buffer[i + k];
                    if (next < low || next > high)
                    {
                        return false;
                    }

                    low = 0x80;
                    high = 0xBF;
                }

                i += continuation + 1;
            }

            return true;
        }
    }
}
