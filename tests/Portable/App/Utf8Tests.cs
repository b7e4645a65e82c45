using System;
using HomeNode.App.Config;

namespace HomeNode.Tests.App
{
    /// <summary>The firmware's UTF-8 decoder into text (RFC 3629; UTF-16 surrogate pairs, Unicode §3.9 D91).</summary>
    public static class Utf8Tests
    {
        public static void DecodesEveryLengthIntoText()
        {
            // 1 + 2 + 3 + 4 bytes: A, U+00E9, U+20AC, U+1F600 (a surrogate pair in UTF-16), between two bytes of padding
            byte[] bytes = HexBytes.Parse("FF 41 C3 A9 E2 82 AC F0 9F 98 80 FF");
            Check.Equal("A\u00E9\u20AC\uD83D\uDE00", Utf8.ToString(bytes, 1, 10), "round trip of MqttUtf8.Write's bytes");
            Check.Equal(string.Empty, Utf8.ToString(bytes, 1, 0), "nothing");
        }

        public static void RefusesBytesThatAreNotUtf8AndSaysWhere()
        {
            byte[] bytes = HexBytes.Parse("41 42 C3 28");
            Check.Throws(typeof(ArgumentException), delegate { Utf8.ToString(bytes, 0, 4); }, "a lead byte without its continuation byte");
            Check.Throws(typeof(ArgumentException), delegate { Utf8.ToString(HexBytes.Parse("41 E2 82"), 0, 3); }, "a sequence cut short");
            string message = null;
            try
            {
                Utf8.ToString(bytes, 1, 3);
            }
            catch (ArgumentException e)
            {
                message = e.Message;
            }

            Check.True(message != null && message.IndexOf("at byte 2") >= 0, "refused, at its position in the buffer (byte 2, not 1 in the range): " + message);
        }
    }
}
