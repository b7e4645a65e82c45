using HomeNode.App.Lights;

namespace HomeNode.Tests.App
{
    public static class LightCommandTests
    {
        private static LightCommandKind ParseAscii(string payload)
        {
            // at an offset inside a larger buffer, as the MQTT client hands payloads out
            byte[] bytes = Ascii.Bytes("##" + payload + "##");
            return LightCommand.Parse(bytes, 2, payload.Length);
        }

        private static void Expect(LightCommandKind expected, string payload)
        {
            Check.Equal((long)expected, (long)ParseAscii(payload), "command \"" + payload + "\"");
        }

        public static void AcceptsEverySpelling()
        {
            string[] on = { "ON", "on", "On", "oN", "1", "true", "TRUE", "True", "tRuE" };
            string[] off = { "OFF", "off", "Off", "oFf", "0", "false", "FALSE", "False", "fAlSe" };
            string[] toggle = { "TOGGLE", "toggle", "Toggle", "tOgGlE" };
            for (int i = 0; i < on.Length; i++)
            {
                Expect(LightCommandKind.On, on[i]);
            }

            for (int i = 0; i < off.Length; i++)
            {
                Expect(LightCommandKind.Off, off[i]);
            }

            for (int i = 0; i < toggle.Length; i++)
            {
                Expect(LightCommandKind.Toggle, toggle[i]);
            }
        }

        public static void TrimsSurroundingWhitespace()
        {
            Expect(LightCommandKind.On, " ON ");
            Expect(LightCommandKind.On, "\tON\r\n");
            Expect(LightCommandKind.Off, "\n\n0");
            Expect(LightCommandKind.Toggle, "toggle \f\v");
            Expect(LightCommandKind.Off, "   false   ");
        }

        public static void RejectsEverythingElse()
        {
            string[] rejected =
            {
                "", " ", "\r\n", "O", "OF", "ONN", "ONE", "OFFF", "0FF", "TOGGLE!", "togglee", "toggl",
                "2", "01", "10", "00", "-0", "+1", "1.0", "yes", "no", "tru", "truee", "T", "F", "fals",
                "on off", "O N", "null", "\"ON\"", "{\"state\":\"ON\"}",
            };
            for (int i = 0; i < rejected.Length; i++)
            {
                Expect(LightCommandKind.Invalid, rejected[i]);
            }

            // 00 bytes as a payload carries them (a string cannot hold U+0000 on nanoCLR)
            byte[] trailingNul = { (byte)'O', (byte)'N', 0x00 };
            byte[] leadingNul = { 0x00, (byte)'O', (byte)'N' };
            Check.Equal((long)LightCommandKind.Invalid, (long)LightCommand.Parse(trailingNul, 0, trailingNul.Length), "ON 00");
            Check.Equal((long)LightCommandKind.Invalid, (long)LightCommand.Parse(leadingNul, 0, leadingNul.Length), "00 ON");
        }

        public static void RejectsNonAsciiLookalikes()
        {
            // "ＯＮ" (fullwidth, U+FF2F U+FF2E) and "on" with a trailing combining dot (U+0307), in UTF-8
            byte[] fullwidth = { 0xEF, 0xBC, 0xAF, 0xEF, 0xBC, 0xAE };
            byte[] combining = { (byte)'o', (byte)'n', 0xCC, 0x87 };
            byte[] latin1 = { (byte)'o', 0xCE };
            Check.Equal((long)LightCommandKind.Invalid, (long)LightCommand.Parse(fullwidth, 0, fullwidth.Length), "fullwidth ON");
            Check.Equal((long)LightCommandKind.Invalid, (long)LightCommand.Parse(combining, 0, combining.Length), "on + U+0307");
            Check.Equal((long)LightCommandKind.Invalid, (long)LightCommand.Parse(latin1, 0, latin1.Length), "o + 0xCE");
        }

        public static void RejectsBadRanges()
        {
            byte[] on = Ascii.Bytes("ON");
            Check.Equal((long)LightCommandKind.Invalid, (long)LightCommand.Parse(null, 0, 0), "null");
            Check.Equal((long)LightCommandKind.Invalid, (long)LightCommand.Parse(on, 1, 2), "past the end");
            Check.Equal((long)LightCommandKind.Invalid, (long)LightCommand.Parse(on, -1, 2), "negative offset");
            Check.Equal((long)LightCommandKind.Invalid, (long)LightCommand.Parse(on, 0, -1), "negative count");
            Check.Equal((long)LightCommandKind.Invalid, (long)LightCommand.Parse(on, 0, 1), "just O");
        }

        public static void NextStateAppliesTheCommand()
        {
            Check.True(LightCommand.NextState(LightCommandKind.On, false), "on from off");
            Check.True(LightCommand.NextState(LightCommandKind.On, true), "on from on");
            Check.False(LightCommand.NextState(LightCommandKind.Off, true), "off from on");
            Check.False(LightCommand.NextState(LightCommandKind.Off, false), "off from off");
            Check.True(LightCommand.NextState(LightCommandKind.Toggle, false), "toggle from off");
            Check.False(LightCommand.NextState(LightCommandKind.Toggle, true), "toggle from on");
            Check.True(LightCommand.NextState(LightCommandKind.Invalid, true), "invalid keeps on");
            Check.False(LightCommand.NextState(LightCommandKind.Invalid, false), "invalid keeps off");
        }

        public static void WritesTheStatePayload()
        {
            byte[] buffer = new byte[4];
            Ascii.Equal("ON", buffer, 1, LightCommand.WriteState(true, buffer, 1, 3), "on");
            Ascii.Equal("OFF", buffer, 1, LightCommand.WriteState(false, buffer, 1, 3), "off");
            Check.Equal(-1L, LightCommand.WriteState(false, buffer, 2, 2), "OFF in 2 bytes");
            Check.Equal(-1L, LightCommand.WriteState(true, null, 0, 2), "null");

            // what is written parses back to the same state
            int length = LightCommand.WriteState(false, buffer, 0, 4);
            Check.Equal((long)LightCommandKind.Off, (long)LightCommand.Parse(buffer, 0, length), "OFF round trip");
        }
    }
}
