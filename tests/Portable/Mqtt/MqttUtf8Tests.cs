using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>MQTT 3.1.1 §1.5.3 and RFC 3629.</summary>
    public static class MqttUtf8Tests
    {
        public static void MeasuresAndWritesEveryLength()
        {
            string text = "A\u00E9\u20AC\uD83D\uDE00"; // 1 + 2 + 3 + 4 bytes
            Check.Equal(10, MqttUtf8.Measure(text), "length");
            byte[] buffer = new byte[10];
            Check.Equal(10, MqttUtf8.Write(text, buffer, 0), "written");
            Check.Bytes(HexBytes.Parse("41 C3 A9 E2 82 AC F0 9F 98 80"), buffer, "bytes");
            Check.Equal(text, MqttUtf8.ToString(buffer, 0, 10), "round trip");
        }

        public static void RefusesNullCharacterAndLoneSurrogates()
        {
            Check.Equal(-1, MqttUtf8.Measure("a\u0000"), "U+0000 (MQTT-1.5.3-2)");
            Check.Equal(-1, MqttUtf8.Measure("\uD800"), "lone high surrogate");
            Check.Equal(-1, MqttUtf8.Measure("\uDC00x"), "lone low surrogate");
            Check.Equal(-1, MqttUtf8.Measure("\uD800x"), "high surrogate not followed by low");
        }

        public static void AcceptsWellFormedBytes()
        {
            Check.True(IsValid("41 C3 A9 E2 82 AC F0 9F 98 80"), "mixed");
            Check.True(IsValid("EF BB BF"), "U+FEFF is allowed (MQTT-1.5.3-3)");
            Check.True(IsValid("F4 8F BF BF"), "U+10FFFF");
            Check.True(IsValid("ED 9F BF"), "U+D7FF");
        }

        public static void RejectsIllFormedBytes()
        {
            Check.False(IsValid("00"), "U+0000");
            Check.False(IsValid("ED A0 80"), "encoded surrogate U+D800 (MQTT-1.5.3-1)");
            Check.False(IsValid("ED BF BF"), "encoded surrogate U+DFFF");
            Check.False(IsValid("C0 AF"), "overlong two-byte");
            Check.False(IsValid("E0 80 AF"), "overlong three-byte");
            Check.False(IsValid("F0 80 80 AF"), "overlong four-byte");
            Check.False(IsValid("F4 90 80 80"), "above U+10FFFF");
            Check.False(IsValid("F5 80 80 80"), "F5 lead byte");
            Check.False(IsValid("80"), "lone continuation");
            Check.False(IsValid("C3"), "truncated two-byte");
            Check.False(IsValid("E2 82"), "truncated three-byte");
            Check.False(IsValid("C3 41"), "bad continuation");
            Check.False(IsValid("FF"), "FF");
        }

        private static bool IsValid(string hex)
        {
            byte[] bytes = HexBytes.Parse(hex);
            return MqttUtf8.IsValid(bytes, 0, bytes.Length);
        }
    }
}
