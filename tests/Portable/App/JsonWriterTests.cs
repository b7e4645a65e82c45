using HomeNode.App.Discovery;

namespace HomeNode.Tests.App
{
    public static class JsonWriterTests
    {
        public static void PlacesCommasAndNests()
        {
            byte[] buffer = new byte[128];
            JsonWriter w = new JsonWriter();
            w.Reset(buffer, 0, buffer.Length);
            w.BeginObject();
            w.Property("a", "1");
            w.PropertyName("b");
            w.BeginArray();
            w.StringValue("x");
            w.StringValue("y");
            w.BeginObject();
            w.EndObject();
            w.EndArray();
            w.PropertyName("c");
            w.BeginObject();
            w.Property("d", string.Empty);
            w.EndObject();
            w.EndObject();
            Ascii.Equal("{\"a\":\"1\",\"b\":[\"x\",\"y\",{}],\"c\":{\"d\":\"\"}}", buffer, 0, w.Length, "nesting");
        }

        public static void EscapesQuotesBackslashesAndControlCharacters()
        {
            // RFC 8259 §7
            byte[] buffer = new byte[128];
            JsonWriter w = new JsonWriter();
            w.Reset(buffer, 0, buffer.Length);
            w.BeginObject();
            w.Property("k\"ey", "say \"hi\" \\ \u0001\n\t\u001F\u007F/");
            w.EndObject();
            Ascii.Equal("{\"k\\\"ey\":\"say \\\"hi\\\" \\\\ \\u0001\\u000A\\u0009\\u001F\u007F/\"}", buffer, 0, w.Length, "escaped");
        }

        public static void EscapesUtf8Segments()
        {
            byte[] value = { (byte)'a', (byte)'"', 0x00, 0xC3, 0xA9, (byte)'\\' };
            byte[] buffer = new byte[64];
            JsonWriter w = new JsonWriter();
            w.Reset(buffer, 0, buffer.Length);
            w.StringValue(value, 0, value.Length);
            Check.Bytes(new byte[] { 0x22, 0x61, 0x5C, 0x22, 0x5C, 0x75, 0x30, 0x30, 0x30, 0x30, 0xC3, 0xA9, 0x5C, 0x5C, 0x22 }, buffer, 0, w.Length, "segment");
        }

        public static void EncodesNonAsciiAsUtf8()
        {
            byte[] buffer = new byte[64];
            JsonWriter w = new JsonWriter();
            w.Reset(buffer, 0, buffer.Length);
            w.StringValue("\u00B0\u20AC\uD83D\uDCA1");
            Check.Bytes(new byte[] { 0x22, 0xC2, 0xB0, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x92, 0xA1, 0x22 }, buffer, 0, w.Length, "degree, euro, light bulb");
        }

        public static void EncodesTheRfc3629Examples()
        {
            // RFC 3629 §7, each between the quotes of a JSON string
            ExpectString(new byte[] { 0x41, 0xE2, 0x89, 0xA2, 0xCE, 0x91, 0x2E }, "A\u2262\u0391.");
            ExpectString(new byte[] { 0xED, 0x95, 0x9C, 0xEA, 0xB5, 0xAD, 0xEC, 0x96, 0xB4 }, "\uD55C\uAD6D\uC5B4");
            ExpectString(new byte[] { 0xE6, 0x97, 0xA5, 0xE6, 0x9C, 0xAC, 0xE8, 0xAA, 0x9E }, "\u65E5\u672C\u8A9E");
            ExpectString(new byte[] { 0xEF, 0xBB, 0xBF, 0xF0, 0xA3, 0x8E, 0xB4 }, "\uFEFF\uD84C\uDFB4");
            ExpectString(new byte[] { 0xDF, 0xBF, 0xE0, 0xA0, 0x80, 0xF4, 0x8F, 0xBF, 0xBF }, "\u07FF\u0800\uDBFF\uDFFF");
        }

        public static void AMultiByteCharacterThatDoesNotFitFails()
        {
            byte[] buffer = new byte[8];
            JsonWriter w = new JsonWriter();
            w.Reset(buffer, 0, 4);
            w.StringValue("\u20AC");
            Check.Equal(-1L, w.Length, "euro sign in 4 bytes with its quotes");
            Check.Equal(0, buffer[4], "nothing written past the range");
            w.Reset(buffer, 0, 5);
            w.StringValue("\u20AC");
            Check.Equal(5L, w.Length, "in 5");
        }

        private static void ExpectString(byte[] expectedInside, string text)
        {
            byte[] buffer = new byte[32];
            JsonWriter w = new JsonWriter();
            w.Reset(buffer, 0, buffer.Length);
            w.StringValue(text);
            byte[] expected = new byte[expectedInside.Length + 2];
            expected[0] = 0x22;
            expected[expected.Length - 1] = 0x22;
            System.Array.Copy(expectedInside, 0, expected, 1, expectedInside.Length);
            Check.Bytes(expected, buffer, 0, w.Length, "RFC 3629 example");
        }

        public static void FailsOnOverflowNullAndLoneSurrogates()
        {
            byte[] buffer = new byte[8];
            JsonWriter w = new JsonWriter();
            w.Reset(buffer, 0, 8);
            w.StringValue("1234567");
            Check.Equal(-1L, w.Length, "9 bytes in 8");
            Check.True(w.Failed, "failed");
            w.Reset(buffer, 0, 8);
            w.StringValue("123456");
            Check.Equal(8L, w.Length, "8 bytes in 8 after a reset");
            w.Reset(buffer, 0, 8);
            w.StringValue(null);
            Check.Equal(-1L, w.Length, "null");
            if (RuntimeText.HoldsLoneSurrogates)
            {
                w.Reset(buffer, 0, 8);
                w.StringValue("\uD800x");
                Check.Equal(-1L, w.Length, "lone surrogate");
            }

            w.Reset(buffer, 0, 8);
            w.EndObject();
            Check.Equal(-1L, w.Length, "end without begin");
        }
    }
}
