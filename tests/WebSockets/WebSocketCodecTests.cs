using HomeNode.Mqtt.WebSockets;

namespace HomeNode.Tests.WebSockets
{
    /// <summary>SHA-1 (FIPS 180-4) and Base64 (RFC 4648) of our own, against the standard vectors.</summary>
    public static class WebSocketCodecTests
    {
        public static void Sha1MatchesTheFipsAndRfc3174Vectors()
        {
            // RFC 3174 §7.3 TEST1, TEST2 (FIPS 180 examples), the empty message, and TEST4 (640 bytes, several blocks)
            ExpectSha1(HexBytes.Ascii("abc"), 1, "A9 99 3E 36 47 06 81 6A BA 3E 25 71 78 50 C2 6C 9C D0 D8 9D", "abc");
            ExpectSha1(HexBytes.Ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"), 1, "84 98 3E 44 1C 3B D2 6E BA AE 4A A1 F9 51 29 E5 E5 46 70 F1", "448 bits");
            ExpectSha1(new byte[0], 1, "DA 39 A3 EE 5E 6B 4B 0D 32 55 BF EF 95 60 18 90 AF D8 07 09", "empty");
            ExpectSha1(HexBytes.Ascii("0123456701234567012345670123456701234567012345670123456701234567"), 10, "DE A3 56 A2 CD DD 90 C7 A7 EC ED C5 EB B5 63 93 4F 46 04 52", "TEST4");
        }

        public static void Sha1OfAMillionAs()
        {
            // RFC 3174 §7.3 TEST3: "a" one million times, fed in uneven pieces
            byte[] a = new byte[1000];
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = (byte)'a';
            }

            Sha1 sha = new Sha1();
            int left = 1000000;
            int piece = 1;
            while (left > 0)
            {
                int take = piece < left ? piece : left;
                sha.Update(a, 0, take);
                left -= take;
                piece = (piece * 7 % 997) + 1;
            }

            byte[] digest = new byte[20];
            sha.Final(digest, 0);
            Check.Bytes(HexBytes.Parse("34 AA 97 3C D4 C4 DA A4 F6 1E EB 2B DB AD 27 31 65 34 01 6F"), digest, "a x 1,000,000");
        }

        public static void Sha1PadsAtEveryBlockBoundary()
        {
            // 55 bytes leave room for the length in the last block, 56 to 64 do not (FIPS 180-4 §5.1.1); digests from
            // an independent implementation
            ExpectRepeatedA(55, "C1 C8 BB DC 22 79 6E 28 C0 E1 51 63 D2 08 99 B6 56 21 D6 5A");
            ExpectRepeatedA(56, "C2 DB 33 0F 60 83 85 4C 99 D4 B5 BF B6 E8 F2 9F 20 1B E6 99");
            ExpectRepeatedA(63, "03 F0 9F 5B 15 8A 7A 8C DA D9 20 BD DC 29 B8 1C 18 A5 51 F5");
            ExpectRepeatedA(64, "00 98 BA 82 4B 5C 16 42 7B D7 A1 12 2A 5A 44 2A 25 EC 64 4D");
            ExpectRepeatedA(65, "11 65 53 26 C7 08 D7 03 19 BE 26 10 E8 A5 7D 9A 5B 95 9D 3B");

            byte[] digest = new byte[20];
            Sha1 sha = new Sha1();
            byte[] one = HexBytes.Ascii("abc");
            sha.Update(one, 0, 3);
            sha.Final(digest, 0);
            sha.Update(one, 0, 3);
            byte[] again = new byte[20];
            sha.Final(again, 0);
            Check.Bytes(digest, again, "Final starts a new message");
        }

        public static void Base64MatchesRfc4648Section10()
        {
            ExpectBase64("", "");
            ExpectBase64("f", "Zg==");
            ExpectBase64("fo", "Zm8=");
            ExpectBase64("foo", "Zm9v");
            ExpectBase64("foob", "Zm9vYg==");
            ExpectBase64("fooba", "Zm9vYmE=");
            ExpectBase64("foobar", "Zm9vYmFy");
        }

        public static void Base64UsesTheWholeAlphabet()
        {
            byte[] all = HexBytes.Parse("00 10 83 10 51 87 20 92 8B 30 D3 8F 41 14 93 51 55 97 61 96 9B 71 D7 9F 82 18 A3 92 59 A7 A2 9A AB B2 DB AF C3 1C B3 D3 5D B7 E3 9E BB F3 DF BF");
            byte[] text = new byte[64];
            Check.Equal(64, Base64.Encode(all, 0, all.Length, text, 0), "length");
            Check.Bytes(HexBytes.Ascii("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"), text, "alphabet");
        }

        public static void AcceptOfTheRfc6455Example()
        {
            // RFC 6455 §1.3: key dGhlIHNhbXBsZSBub25jZQ== gives s3pPLMBiTxaQ9kYGzzhZRbK+xOo=
            Sha1 sha = new Sha1();
            byte[] key = HexBytes.Ascii("dGhlIHNhbXBsZSBub25jZQ==");
            byte[] guid = HexBytes.Ascii("258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
            sha.Update(key, 0, key.Length);
            sha.Update(guid, 0, guid.Length);
            byte[] digest = new byte[20];
            sha.Final(digest, 0);
            byte[] accept = new byte[28];
            Base64.Encode(digest, 0, 20, accept, 0);
            Check.Bytes(HexBytes.Ascii("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), accept, "accept");

            // and the key itself is the base64 of the 16-byte nonce "the sample nonce"
            byte[] encoded = new byte[24];
            Base64.Encode(HexBytes.Ascii("the sample nonce"), 0, 16, encoded, 0);
            Check.Bytes(key, encoded, "key");
        }

        private static void ExpectSha1(byte[] message, int repeat, string hex, string what)
        {
            Sha1 sha = new Sha1();
            for (int i = 0; i < repeat; i++)
            {
                sha.Update(message, 0, message.Length);
            }

            byte[] digest = new byte[24];
            sha.Final(digest, 2);
            Check.Bytes(HexBytes.Parse(hex), digest, 2, 20, what);
        }

        private static void ExpectRepeatedA(int count, string hex)
        {
            byte[] message = new byte[count];
            for (int i = 0; i < count; i++)
            {
                message[i] = (byte)'a';
            }

            ExpectSha1(message, 1, hex, count.ToString() + " bytes");
        }

        private static void ExpectBase64(string input, string expected)
        {
            byte[] bytes = HexBytes.Ascii(input);
            byte[] output = new byte[12];
            int n = Base64.Encode(bytes, 0, bytes.Length, output, 1);
            Check.Bytes(HexBytes.Ascii(expected), output, 1, n, "base64 of \"" + input + "\"");
        }
    }
}
