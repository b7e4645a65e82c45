namespace HomeNode.Tests
{
    /// <summary>String to UTF-8 bytes for building test input; the device mscorlib has no System.Text.Encoding.</summary>
    public static class Utf8Text
    {
        /// <summary>Encodes well-formed UTF-16 (surrogates in pairs) as UTF-8 (RFC 3629 §3).</summary>
        /// <remarks>
        /// Reads the text through <c>ToCharArray</c>: nanoCLR's string indexer returns the high surrogate for both
        /// halves of a pair, its ToCharArray does not (../shared/nftool README).
        /// </remarks>
        public static byte[] Encode(string value)
        {
            char[] text = value.ToCharArray();
            int count = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < 0x80)
                {
                    count += 1;
                }
                else if (c < 0x800)
                {
                    count += 2;
                }
                else if (c >= 0xD800 && c <= 0xDBFF)
                {
                    count += 4;
                    i++;
                }
                else
                {
                    count += 3;
                }
            }

            byte[] bytes = new byte[count];
            int n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int c = text[i];
                if (c >= 0xD800 && c <= 0xDBFF)
                {
                    c = 0x10000 + ((c - 0xD800) << 10) + (text[++i] - 0xDC00);
                }

                if (c < 0x80)
                {
                    bytes[n++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    bytes[n++] = (byte)(0xC0 | (c >> 6));
                    bytes[n++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (c < 0x10000)
                {
                    bytes[n++] = (byte)(0xE0 | (c >> 12));
                    bytes[n++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    bytes[n++] = (byte)(0x80 | (c & 0x3F));
                }
                else
                {
                    bytes[n++] = (byte)(0xF0 | (c >> 18));
                    bytes[n++] = (byte)(0x80 | ((c >> 12) & 0x3F));
                    bytes[n++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    bytes[n++] = (byte)(0x80 | (c & 0x3F));
                }
            }

            return bytes;
        }
    }
}
