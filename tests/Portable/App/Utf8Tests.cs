using HomeNode.App.Text;

namespace HomeNode.Tests.App
{
    public static class Utf8Tests
    {
        private static void Expect(byte[] expected, string text, string what)
        {
            byte[] buffer = new byte[32];
            Check.Equal((long)expected.Length, Utf8.GetByteCount(text), what + " byte count");
            int length = Utf8.Write(text, buffer, 1, 31);
            Check.Bytes(expected, buffer, 1, length, what);
        }

        public static void EncodesTheRfc3629Examples()
        {
            // RFC 3629 §7
            Expect(new byte[] { 0x41, 0xE2, 0x89, 0xA2, 0xCE, 0x91, 0x2E }, "A\u2262\u0391.", "A<NOT IDENTICAL TO><ALPHA>.");
            Expect(new byte[] { 0xED, 0x95, 0x9C, 0xEA, 0xB5, 0xAD, 0xEC, 0x96, 0xB4 }, "\uD55C\uAD6D\uC5B4", "Korean");
            Expect(new byte[] { 0xE6, 0x97, 0xA5, 0xE6, 0x9C, 0xAC, 0xE8, 0xAA, 0x9E }, "\u65E5\u672C\u8A9E", "Japanese");
            Expect(new byte[] { 0xEF, 0xBB, 0xBF, 0xF0, 0xA3, 0x8E, 0xB4 }, "\uFEFF\uD84C\uDFB4", "BOM and U+233B4");
        }

        public static void EncodesTheRangeBoundaries()
        {
            Expect(new byte[0], string.Empty, "empty");
            Expect(new byte[] { 0x7F }, "\u007F", "U+007F");
            Expect(new byte[] { 0xC2, 0x80 }, "\u0080", "U+0080");
            Expect(new byte[] { 0xDF, 0xBF }, "\u07FF", "U+07FF");
            Expect(new byte[] { 0xE0, 0xA0, 0x80 }, "\u0800", "U+0800");
            Expect(new byte[] { 0xED, 0x9F, 0xBF }, "\uD7FF", "U+D7FF");
            Expect(new byte[] { 0xEE, 0x80, 0x80 }, "\uE000", "U+E000");
            Expect(new byte[] { 0xEF, 0xBF, 0xBF }, "\uFFFF", "U+FFFF");
            Expect(new byte[] { 0xF0, 0x90, 0x80, 0x80 }, "\uD800\uDC00", "U+10000");
            Expect(new byte[] { 0xF4, 0x8F, 0xBF, 0xBF }, "\uDBFF\uDFFF", "U+10FFFF");
            Expect(new byte[] { 0xC2, 0xB0, 0x43 }, "\u00B0C", "degrees Celsius");
        }

        public static void RejectsLoneSurrogates()
        {
            string[] bad = { "\uD800", "a\uD800b", "\uDC00", "\uDC00\uD800", "\uD800\uD800", "x\uDFFF" };
            byte[] buffer = new byte[16];
            for (int i = 0; i < bad.Length; i++)
            {
                Check.Equal(-1L, Utf8.GetByteCount(bad[i]), "count of bad string " + i.ToString());
                Check.Equal(-1L, Utf8.Write(bad[i], buffer, 0, buffer.Length), "write of bad string " + i.ToString());
            }
        }

        public static void RejectsTooSmallABuffer()
        {
            byte[] buffer = new byte[8];
            Check.Equal(-1L, Utf8.Write("abc", buffer, 0, 2), "3 ASCII in 2");
            Check.Equal(-1L, Utf8.Write("a\u00E9", buffer, 0, 2), "a + 2-byte in 2");
            Check.Equal(-1L, Utf8.Write("\u20AC", buffer, 0, 2), "3-byte in 2");
            Check.Equal(-1L, Utf8.Write("\uD83D\uDE00", buffer, 0, 3), "4-byte in 3");
            Check.Equal(4L, Utf8.Write("\uD83D\uDE00", buffer, 4, 4), "4-byte in 4 at the end");
        }
    }
}
