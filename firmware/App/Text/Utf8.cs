using HomeNode.Mqtt;

namespace HomeNode.App.Text
{
    /// <summary>
    /// UTF-8 encoding of strings into caller buffers (the device mscorlib has no Encoding). A lone surrogate
    /// cannot be encoded and makes both methods return -1 (RFC 3629 §3: surrogates are not characters).
    /// </summary>
    public static class Utf8
    {
        /// <summary>Bytes <paramref name="text"/> takes in UTF-8, or -1 if it holds a lone surrogate.</summary>
        [SteadyState]
        public static int GetByteCount(string text)
        {
            int bytes = 0;
            int length = text.Length;
            for (int i = 0; i < length; i++)
            {
                char c = text[i];
                if (c < 0x80)
                {
                    bytes += 1;
                }
                else if (c < 0x800)
                {
                    bytes += 2;
                }
                else if (c >= 0xD800 && c <= 0xDFFF)
                {
                    if (c > 0xDBFF || i + 1 >= length || text[i + 1] < 0xDC00 || text[i + 1] > 0xDFFF)
                    {
                        return -1;
                    }

                    bytes += 4;
                    i++;
                }
                else
                {
                    bytes += 3;
                }
            }

            return bytes;
        }

        /// <summary>
        /// Writes <paramref name="text"/> as UTF-8 into buffer[offset, offset+count) and returns the byte count,
        /// or -1 if it does not fit or holds a lone surrogate (the buffer may then hold a partial write).
        /// </summary>
        [SteadyState]
        public static int Write(string text, byte[] buffer, int offset, int count)
        {
            int position = offset;
            int end = offset + count;
            int length = text.Length;
            for (int i = 0; i < length; i++)
            {
                char c = text[i];
                if (c < 0x80)
                {
                    if (position >= end)
                    {
                        return -1;
                    }

                    buffer[position++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    if (position + 2 > end)
                    {
                        return -1;
                    }

                    // RFC 3629 §3: 110xxxxx 10xxxxxx
                    buffer[position++] = (byte)(0xC0 | (c >> 6));
                    buffer[position++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (c >= 0xD800 && c <= 0xDFFF)
                {
                    if (c > 0xDBFF || i + 1 >= length || text[i + 1] < 0xDC00 || text[i + 1] > 0xDFFF)
                    {
                        return -1;
                    }

                    if (position + 4 > end)
                    {
                        return -1;
                    }

                    int codePoint = 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
                    i++;

                    // RFC 3629 §3: 11110xxx 10xxxxxx 10xxxxxx 10xxxxxx
                    buffer[position++] = (byte)(0xF0 | (codePoint >> 18));
                    buffer[position++] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
                    buffer[position++] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                    buffer[position++] = (byte)(0x80 | (codePoint & 0x3F));
                }
                else
                {
                    if (position + 3 > end)
                    {
                        return -1;
                    }

                    // RFC 3629 §3: 1110xxxx 10xxxxxx 10xxxxxx
                    buffer[position++] = (byte)(0xE0 | (c >> 12));
                    buffer[position++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    buffer[position++] = (byte)(0x80 | (c & 0x3F));
                }
            }

            return position - offset;
        }
    }
}
