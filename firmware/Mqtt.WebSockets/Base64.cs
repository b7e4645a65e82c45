using System;

namespace HomeNode.Mqtt.WebSockets
{
    /// <summary>
    /// Base64 encoding (RFC 4648 §4, standard alphabet, '=' padding) into a byte buffer, for the WebSocket handshake
    /// keys (RFC 6455 §4.1). The device mscorlib has no Convert.ToBase64String, and a string would allocate anyway.
    /// </summary>
    public static class Base64
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

        /// <summary>Length of the encoding of <paramref name="count"/> bytes: 4 characters per started group of 3.</summary>
        public static int EncodedLength(int count)
        {
            return ((count + 2) / 3) * 4;
        }

        /// <summary>Writes the ASCII encoding of input[offset, offset+count) at output[outputOffset]; returns its length.</summary>
        [SteadyState]
        public static int Encode(byte[] input, int offset, int count, byte[] output, int outputOffset)
        {
            if (input == null || output == null)
            {
                throw new ArgumentNullException(input == null ? "input" : "output");
            }

            if (offset < 0 || count < 0 || offset > input.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            int length = EncodedLength(count);
            if (outputOffset < 0 || outputOffset > output.Length - length)
            {
                throw new ArgumentOutOfRangeException("outputOffset");
            }

            int at = outputOffset;
            int end = offset + count;
            int i = offset;
            for (; i + 2 < end; i += 3)
            {
                int group = (input[i] << 16) | (input[i + 1] << 8) | input[i + 2];
                output[at++] = (byte)Alphabet[group >> 18];
                output[at++] = (byte)Alphabet[(group >> 12) & 0x3F];
                output[at++] = (byte)Alphabet[(group >> 6) & 0x3F];
                output[at++] = (byte)Alphabet[group & 0x3F];
            }

            int left = end - i;
            if (left > 0)
            {
                // RFC 4648 §4: the last group of 1 or 2 bytes is zero-filled and padded with '='
                int group = input[i] << 16;
                if (left == 2)
                {
                    group |= input[i + 1] << 8;
                }

                output[at++] = (byte)Alphabet[group >> 18];
                output[at++] = (byte)Alphabet[(group >> 12) & 0x3F];
                output[at++] = left == 2 ? (byte)Alphabet[(group >> 6) & 0x3F] : (byte)'=';
                output[at++] = (byte)'=';
            }

            return at - outputOffset;
        }
    }
}
