namespace HomeNode.Tests.App
{
    /// <summary>ASCII text to bytes and back for the app tests (the device mscorlib has no Encoding).</summary>
    public static class Ascii
    {
        public static byte[] Bytes(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] > 0x7F)
                {
                    throw new System.Exception("not ASCII: " + text);
                }

                bytes[i] = (byte)text[i];
            }

            return bytes;
        }

        /// <summary>
        /// True when buffer[offset, offset+count) holds the ASCII text <paramref name="needle"/> anywhere. Searched as
        /// bytes: packets hold 00 bytes, which end a string on nanoCLR.
        /// </summary>
        public static bool Contains(byte[] buffer, int offset, int count, string needle)
        {
            byte[] wanted = Bytes(needle);
            for (int start = offset; start + wanted.Length <= offset + count; start++)
            {
                int k = 0;
                while (k < wanted.Length && buffer[start + k] == wanted[k])
                {
                    k++;
                }

                if (k == wanted.Length)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Checks that buffer[offset, offset+length) holds exactly <paramref name="expected"/>.</summary>
        public static void Equal(string expected, byte[] buffer, int offset, int length, string what)
        {
            Check.Bytes(Bytes(expected), buffer, offset, length, what);
        }
    }
}
