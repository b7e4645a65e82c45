using System;
using HomeNode.Mqtt;

namespace HomeNode.App.Config
{
    /// <summary>
    /// UTF-8 into text, for the configuration file and what is made of it, over the firmware's one codec
    /// (<see cref="MqttUtf8"/>): it decides what is well-formed and how long a character encodes; this class only turns
    /// checked bytes into UTF-16. The MQTT client itself decodes no text (topics and payloads are views), so this is the
    /// firmware's one decoder; public so tests read what the firmware sent with it.
    /// </summary>
    public static class Utf8
    {
        /// <summary>
        /// Decodes <paramref name="count"/> bytes into UTF-16 <paramref name="chars"/> (which needs room for
        /// <paramref name="count"/> chars: UTF-8 never yields more UTF-16 units than bytes). Returns -1 when the bytes
        /// are well-formed UTF-8, else the index (from <paramref name="offset"/>) of the first byte of the bad sequence.
        /// </summary>
        public static int Decode(byte[] buffer, int offset, int count, char[] chars, out int charCount)
        {
            int n = 0;
            int i = 0;
            while (i < count)
            {
                int b0 = buffer[offset + i];
                if (b0 < 0x80)
                {
                    // U+0000 included: the reader reports control characters itself, with their own message
                    chars[n++] = (char)b0;
                    i++;
                    continue;
                }

                // The length the lead byte announces; whether the sequence is well-formed (lead byte, continuation
                // bytes, no overlong form, no surrogate, nothing above U+10FFFF) is the firmware's one codec's call.
                int length = b0 >= 0xF0 ? 4 : (b0 >= 0xE0 ? 3 : 2);
                if (i + length > count || !MqttUtf8.IsValid(buffer, offset + i, length))
                {
                    charCount = n;
                    return i;
                }

                int codePoint = b0 & (length == 2 ? 0x1F : (length == 3 ? 0x0F : 0x07));
                for (int k = 1; k < length; k++)
                {
                    codePoint = (codePoint << 6) | (buffer[offset + i + k] & 0x3F);
                }

                if (codePoint >= 0x10000)
                {
                    // UTF-16 surrogate pair (Unicode §3.9, D91)
                    codePoint -= 0x10000;
                    chars[n++] = (char)(0xD800 + (codePoint >> 10));
                    chars[n++] = (char)(0xDC00 + (codePoint & 0x3FF));
                }
                else
                {
                    chars[n++] = (char)codePoint;
                }

                i += length;
            }

            charCount = n;
            return -1;
        }

        /// <summary>
        /// Well-formed UTF-8 (checked before: configuration text and what is made of it) as a new string. Allocates: for
        /// start-up, never the loop.
        /// </summary>
        public static string ToString(byte[] buffer, int offset, int count)
        {
            char[] chars = new char[count];
            int length;
            int bad = Decode(buffer, offset, count, chars, out length);
            if (bad >= 0)
            {
                throw new ArgumentException("not well-formed UTF-8 at byte " + (offset + bad).ToString());
            }

            return new string(chars, 0, length);
        }

        /// <summary>Bytes <paramref name="text"/> takes in UTF-8 (well-formed text: surrogates come in pairs).</summary>
        public static int ByteCount(string text)
        {
            int bytes = 0;
            int units;
            for (int i = 0; i < text.Length; i += units)
            {
                int codePoint = MqttUtf8.CodePointAt(text, i, out units);
                bytes += codePoint < 0 ? 3 : MqttUtf8.EncodedLength(codePoint);
            }

            return bytes;
        }
    }
}
