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
            w.Reset(buffer, 0, 8);
            w.StringValue("\uD800x");
            Check.Equal(-1L, w.Length, "lone surrogate");
            w.Reset(buffer, 0, 8);
            w.EndObject();
            Check.Equal(-1L, w.Length, "end without begin");
        }
    }
}
