using HomeNode.Mqtt;

namespace HomeNode.App.Lights
{
    /// <summary>
    /// The payloads of a light's command topic (<c>.../set</c>) and state topic. Accepted commands, ASCII in any
    /// case with surrounding whitespace ignored: ON, OFF, TOGGLE, 1, 0, TRUE, FALSE. The state is published as
    /// ON / OFF, the payload_on / payload_off announced in Home Assistant discovery.
    /// </summary>
    public static class LightCommand
    {
        public const string StateOn = "ON";
        public const string StateOff = "OFF";

        [SteadyState]
        public static LightCommandKind Parse(byte[] payload, int offset, int count)
        {
            if (payload == null || offset < 0 || count < 0 || offset > payload.Length - count)
            {
                return LightCommandKind.Invalid;
            }

            int start = offset;
            int end = offset + count;
            while (start < end && IsWhitespace(payload[start]))
            {
                start++;
            }

            while (end > start && IsWhitespace(payload[end - 1]))
            {
                end--;
            }

            int length = end - start;
            if (MatchesIgnoringCase(payload, start, length, "on") || MatchesIgnoringCase(payload, start, length, "1") || MatchesIgnoringCase(payload, start, length, "true"))
            {
                return LightCommandKind.On;
            }

            if (MatchesIgnoringCase(payload, start, length, "off") || MatchesIgnoringCase(payload, start, length, "0") || MatchesIgnoringCase(payload, start, length, "false"))
            {
                return LightCommandKind.Off;
            }

            if (MatchesIgnoringCase(payload, start, length, "toggle"))
            {
                return LightCommandKind.Toggle;
            }

            return LightCommandKind.Invalid;
        }

        /// <summary>The state after applying <paramref name="command"/> to a light that is <paramref name="isOn"/>; Invalid leaves it.</summary>
        [SteadyState]
        public static bool NextState(LightCommandKind command, bool isOn)
        {
            if (command == LightCommandKind.On)
            {
                return true;
            }

            if (command == LightCommandKind.Off)
            {
                return false;
            }

            if (command == LightCommandKind.Toggle)
            {
                return !isOn;
            }

            return isOn;
        }

        /// <summary>Writes "ON" or "OFF"; returns the length, or -1 if it does not fit.</summary>
        [SteadyState]
        public static int WriteState(bool isOn, byte[] buffer, int offset, int count)
        {
            string text = isOn ? StateOn : StateOff;
            if (buffer == null || offset < 0 || count < text.Length || offset > buffer.Length - text.Length)
            {
                return -1;
            }

            for (int i = 0; i < text.Length; i++)
            {
                buffer[offset + i] = (byte)text[i];
            }

            return text.Length;
        }

        private static bool IsWhitespace(byte b)
        {
            // space, \t \n \v \f \r
            return b == 0x20 || (b >= 0x09 && b <= 0x0D);
        }

        /// <summary>Compares with a lower-case ASCII token; only ASCII letters are folded, so no multi-byte UTF-8 can match.</summary>
        private static bool MatchesIgnoringCase(byte[] buffer, int start, int length, string lowerToken)
        {
            if (length != lowerToken.Length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                int b = buffer[start + i];
                if (b >= 'A' && b <= 'Z')
                {
                    b += 'a' - 'A';
                }

                if (b != lowerToken[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
