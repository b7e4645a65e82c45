using HomeNode.Mqtt;

namespace HomeNode.App.Config
{
    /// <summary>UTF-8 by hand: the device mscorlib has no System.Text.Encoding.</summary>
    internal static class Utf8
    {
        /// <summary>
        /// Decodes <paramref name="count"/> bytes into UTF-16 <paramref name="chars"/> (which needs room for
        /// <paramref name="count"/> chars: UTF-8 never yields more UTF-16 units than bytes). Returns -1 when the bytes
        /// are well-formed UTF-8, else the index (from <paramref name="offset"/>) of the first byte of the bad sequence.
        /// </summary>
        public static int Decode(byte[] buffer, int offset, int count, char[] chars, out int charCount)
        {
            int n = 0;
            int i = 0;
            while (i < count)
            {
                int b0 = buffer[offset + i];
                if (b0 < 0x80)
                {
                    chars[n++] = (char)b0;
                    i++;
                    continue;
                }

                // RFC 3629 §4 (Table 3-7 of Unicode §3.9): lead byte, then the range of the second byte;
                // excludes overlong forms, surrogates (ED A0..BF) and code points above U+10FFFF
                int length;
                int secondMin = 0x80;
                int secondMax = 0xBF;
                int codePoint;
                if (b0 >= 0xC2 && b0 <= 0xDF)
                {
                    length = 2;
                    codePoint = b0 & 0x1F;
                }
                else if (b0 >= 0xE0 && b0 <= 0xEF)
                {
                    length = 3;
                    codePoint = b0 & 0x0F;
                    if (b0 == 0xE0)
                    {
                        secondMin = 0xA0;
                    }
                    else if (b0 == 0xED)
                    {
                        secondMax = 0x9F;
                    }
                }
                else if (b0 >= 0xF0 && b0 <= 0xF4)
                {
                    length = 4;
                    codePoint = b0 & 0x07;
                    if (b0 == 0xF0)
                    {
                        secondMin = 0x90;
                    }
                    else if (b0 == 0xF4)
                    {
                        secondMax = 0x8F;
                    }
                }
                else
                {
                    charCount = n;
                    return i;
                }

                if (i + length > count)
                {
                    charCount = n;
                    return i;
                }

                for (int k = 1; k < length; k++)
                {
                    int b = buffer[offset + i + k];
                    int min = k == 1 ? secondMin : 0x80;
                    int max = k == 1 ? secondMax : 0xBF;
                    if (b < min || b > max)
                    {
                        charCount = n;
                        return i;
                    }

                    codePoint = (codePoint << 6) | (b & 0x3F);
                }

                if (codePoint >= 0x10000)
                {
                    // UTF-16 surrogate pair (Unicode §3.9, D91)
                    codePoint -= 0x10000;
                    chars[n++] = (char)(0xD800 + (codePoint >> 10));
                    chars[n++] = (char)(0xDC00 + (codePoint & 0x3FF));
                }
                else
                {
                    chars[n++] = (char)codePoint;
                }

                i += length;
            }

            charCount = n;
            return -1;
        }

        /// <summary>Bytes <paramref name="text"/> takes in UTF-8 (well-formed text: surrogates come in pairs).</summary>
        public static int ByteCount(string text)
        {
            int bytes = 0;
            int units;
            for (int i = 0; i < text.Length; i += units)
            {
                int codePoint = MqttUtf8.CodePointAt(text, i, out units);
                bytes += codePoint < 0 ? 3 : MqttUtf8.EncodedLength(codePoint);
            }

            return bytes;
        }
    }
}
