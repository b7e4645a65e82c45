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
        }

        public static void RefusesNullCharacterAndLoneSurrogates()
        {
            // nanoCLR strings cannot hold these (../shared/nftool README); the byte checks below cover it there
            if (RuntimeText.HoldsNul)
            {
                Check.Equal(-1, MqttUtf8.Measure("a\u0000"), "U+0000 (MQTT-1.5.3-2)");
            }

            if (RuntimeText.HoldsLoneSurrogates)
            {
                Check.Equal(-1, MqttUtf8.Measure("\uD800"), "lone high surrogate");
                Check.Equal(-1, MqttUtf8.Measure("\uDC00x"), "lone low surrogate");
                Check.Equal(-1, MqttUtf8.Measure("\uD800x"), "high surrogate not followed by low");
                Check.Equal(-1, MqttUtf8.Measure("\uD800\uD800"), "two high surrogates");
            }

            Check.False(IsValid("61 00"), "00 byte (MQTT-1.5.3-2)");
            Check.False(IsValid("ED A0 80"), "encoded surrogate (MQTT-1.5.3-1)");
        }

        public static void CharactersAboveTheBasicPlaneCountOnceEverywhere()
        {
            // U+1D11E, then ASCII after it: nanoCLR's indexer and IndexOf go wrong after such a character
            string text = "\uD834\uDD1E/+x";
            Check.Equal(7, MqttUtf8.Measure(text), "length");
            byte[] buffer = new byte[7];
            MqttUtf8.Write(text, buffer, 0);
            Check.Bytes(HexBytes.Parse("F0 9D 84 9E 2F 2B 78"), buffer, "bytes");
            Check.True(MqttUtf8.ContainsAscii(text, '+'), "'+' after the pair is found");
            Check.False(MqttUtf8.ContainsAscii(text, '#'), "no '#'");
            int units;
            Check.Equal(0x1D11E, MqttUtf8.CodePointAt(text, 0, out units), "code point");
            Check.Equal(2, units, "two UTF-16 units");
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
