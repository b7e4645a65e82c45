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
        /// <summary>Number of UTF-8 bytes <paramref name="text"/> encodes to, or -1 if it holds U+0000 or a lone surrogate.</summary>
        [SteadyState]
        public static int Measure(string text)
        {
            int bytes = 0;
            int length = text.Length;
            for (int i = 0; i < length; i++)
            {
                char c = text[i];
                if (c == 0)
                {
                    return -1;
                }

                if (c < 0x80)
                {
                    bytes += 1;
                }
                else if (c < 0x800)
                {
                    bytes += 2;
                }
                else if (c >= 0xD800 && c <= 0xDBFF)
                {
                    if (i + 1 >= length || text[i + 1] < 0xDC00 || text[i + 1] > 0xDFFF)
                    {
                        return -1;
                    }

                    bytes += 4;
                    i++;
                }
                else if (c >= 0xDC00 && c <= 0xDFFF)
                {
                    return -1;
                }
                else
                {
                    bytes += 3;
                }
            }

            return bytes;
        }

        /// <summary>Writes the UTF-8 bytes of <paramref name="text"/> (already checked with <see cref="Measure"/>) and returns how many were written.</summary>
        [SteadyState]
        public static int Write(string text, byte[] buffer, int offset)
        {
            int position = offset;
            int length = text.Length;
            for (int i = 0; i < length; i++)
            {
                int c = text[i];
                if (c < 0x80)
                {
                    buffer[position++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    buffer[position++] = (byte)(0xC0 | (c >> 6));
                    buffer[position++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (c >= 0xD800 && c <= 0xDBFF)
                {
                    int codePoint = 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
                    i++;
                    buffer[position++] = (byte)(0xF0 | (codePoint >> 18));
                    buffer[position++] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
                    buffer[position++] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                    buffer[position++] = (byte)(0x80 | (codePoint & 0x3F));
                }
                else
                {
                    buffer[position++] = (byte)(0xE0 | (c >> 12));
                    buffer[position++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    buffer[position++] = (byte)(0x80 | (c & 0x3F));
                }
            }

            return position - offset;
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
                    if (b == 0)
                    {
                        return false;
                    }

                    i++;
                    continue;
                }

                int continuation;
                int secondLow = 0x80;
                int secondHigh = 0xBF;
                if (b >= 0xC2 && b <= 0xDF)
                {
                    continuation = 1;
                }
                else if (b >= 0xE0 && b <= 0xEF)
                {
                    continuation = 2;
                    if (b == 0xE0)
                    {
                        secondLow = 0xA0; // overlong below U+0800
                    }
                    else if (b == 0xED)
                    {
                        secondHigh = 0x9F; // U+D800..U+DFFF
                    }
                }
                else if (b >= 0xF0 && b <= 0xF4)
                {
                    continuation = 3;
                    if (b == 0xF0)
                    {
                        secondLow = 0x90; // overlong below U+10000
                    }
                    else if (b == 0xF4)
                    {
                        secondHigh = 0x8F; // above U+10FFFF
                    }
                }
                else
                {
                    return false;
                }

                if (i + continuation >= end)
                {
                    return false; // truncated sequence
                }

                int second = buffer[i + 1];
                if (second < secondLow || second > secondHigh)
                {
                    return false;
                }

                for (int k = 2; k <= continuation; k++)
                {
                    int next = buffer[i + k];
                    if (next < 0x80 || next > 0xBF)
                    {
                        return false;
                    }
                }

                i += continuation + 1;
            }

            return true;
        }

        /// <summary>Decodes valid UTF-8 into a new string. Allocates: for logs, tests and start-up, not for hot paths.</summary>
        public static string ToString(byte[] buffer, int offset, int count)
        {
            char[] chars = new char[count];
            int length = 0;
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                int b = buffer[i];
                int codePoint;
                if (b < 0x80)
                {
                    codePoint = b;
                    i += 1;
                }
                else if (b < 0xE0 && i + 1 < end)
                {
                    codePoint = ((b & 0x1F) << 6) | (buffer[i + 1] & 0x3F);
                    i += 2;
                }
                else if (b < 0xF0 && i + 2 < end)
                {
                    codePoint = ((b & 0x0F) << 12) | ((buffer[i + 1] & 0x3F) << 6) | (buffer[i + 2] & 0x3F);
                    i += 3;
                }
                else if (i + 3 < end)
                {
                    codePoint = ((b & 0x07) << 18) | ((buffer[i + 1] & 0x3F) << 12) | ((buffer[i + 2] & 0x3F) << 6) | (buffer[i + 3] & 0x3F);
                    i += 4;
                }
                else
                {
                    codePoint = 0xFFFD;
                    i = end;
                }

                if (codePoint >= 0x10000)
                {
                    codePoint -= 0x10000;
                    chars[length++] = (char)(0xD800 + (codePoint >> 10));
                    chars[length++] = (char)(0xDC00 + (codePoint & 0x3FF));
                }
                else
                {
                    chars[length++] = (char)codePoint;
                }
            }

            return new string(chars, 0, length);
        }
    }
}
