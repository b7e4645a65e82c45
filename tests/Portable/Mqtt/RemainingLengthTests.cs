using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>MQTT 3.1.1 §2.2.3, table 2.4: the boundaries of one to four length bytes, and what lies beyond.</summary>
    public static class RemainingLengthTests
    {
        public static void EncodesTheBoundariesOfTable24()
        {
            CheckEncoding(0, "00");
            CheckEncoding(127, "7F");
            CheckEncoding(128, "80 01");
            CheckEncoding(16383, "FF 7F");
            CheckEncoding(16384, "80 80 01");
            CheckEncoding(2097151, "FF FF 7F");
            CheckEncoding(2097152, "80 80 80 01");
            CheckEncoding(268435455, "FF FF FF 7F");
        }

        public static void OnePastTheMaximumCannotBeEncoded()
        {
            Check.Equal(-1, RemainingLength.Size(268435456), "268435456");
            Check.Equal(-1, RemainingLength.Size(-1), "negative");
        }

        public static void DecodesTheBoundaries()
        {
            CheckDecoding("00", 0);
            CheckDecoding("7F", 127);
            CheckDecoding("80 01", 128);
            CheckDecoding("FF 7F", 16383);
            CheckDecoding("80 80 01", 16384);
            CheckDecoding("FF FF 7F", 2097151);
            CheckDecoding("80 80 80 01", 2097152);
            CheckDecoding("FF FF FF 7F", 268435455);
        }

        public static void AFifthByteIsMalformed()
        {
            byte[] bytes = HexBytes.Parse("FF FF FF FF 01");
            int value;
            Check.Equal(-1, RemainingLength.TryRead(bytes, 0, bytes.Length, out value), "five bytes");
        }

        public static void IncompleteEncodingAsksForMore()
        {
            byte[] bytes = HexBytes.Parse("80 80");
            int value;
            Check.Equal(0, RemainingLength.TryRead(bytes, 0, 2, out value), "continuation bit set on the last byte available");
            Check.Equal(0, RemainingLength.TryRead(bytes, 0, 0, out value), "nothing available");
        }

        private static void CheckEncoding(int value, string hex)
        {
            byte[] expected = HexBytes.Parse(hex);
            byte[] buffer = new byte[4];
            Check.Equal(expected.Length, RemainingLength.Size(value), "size of " + value.ToString());
            int written = RemainingLength.Write(buffer, 0, value);
            Check.Bytes(expected, buffer, 0, written, "encoding of " + value.ToString());
        }

        private static void CheckDecoding(string hex, int expected)
        {
            byte[] bytes = HexBytes.Parse(hex);
            int value;
            Check.Equal(bytes.Length, RemainingLength.TryRead(bytes, 0, bytes.Length, out value), "bytes used by " + hex);
            Check.Equal(expected, value, "value of " + hex);
        }
    }
}
