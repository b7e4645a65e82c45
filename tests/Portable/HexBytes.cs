using System;

namespace HomeNode.Tests
{
    /// <summary>Test vectors written as hex text ("10 0D 00 04 4D 51 54 54"), and ASCII text as bytes.</summary>
    public static class HexBytes
    {
        public static byte[] Parse(string hex)
        {
            byte[] scratch = new byte[hex.Length / 2];
            int count = 0;
            int high = -1;
            for (int i = 0; i < hex.Length; i++)
            {
                int digit = Digit(hex[i]);
                if (digit < 0)
                {
                    continue;
                }

                if (high < 0)
                {
                    high = digit;
                }
                else
                {
                    scratch[count++] = (byte)((high << 4) | digit);
                    high = -1;
                }
            }

            byte[] result = new byte[count];
            Array.Copy(scratch, result, count);
            return result;
        }

        /// <summary>ASCII (and only ASCII) text as bytes; the device has no Encoding.</summary>
        public static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] > 127)
                {
                    throw new ArgumentException("ASCII only");
                }

                bytes[i] = (byte)text[i];
            }

            return bytes;
        }

        /// <summary>
        /// ASCII (and only ASCII) bytes as text, for checks on what the client or firmware wrote or received; any other
        /// byte fails the test (the client itself decodes no text: topics and payloads are views).
        /// </summary>
        public static string AsciiText(byte[] buffer, int offset, int count)
        {
            char[] chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                byte b = buffer[offset + i];
                if (b > 127)
                {
                    throw new ArgumentException("ASCII only: byte 0x" + b.ToString("X2") + " at " + (offset + i).ToString());
                }

                chars[i] = (char)b;
            }

            return new string(chars);
        }

        public static byte[] Concat(byte[] first, byte[] second)
        {
            byte[] result = new byte[first.Length + second.Length];
            Array.Copy(first, result, first.Length);
            Array.Copy(second, 0, result, first.Length, second.Length);
            return result;
        }

        private static int Digit(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            return -1;
        }
    }
}
