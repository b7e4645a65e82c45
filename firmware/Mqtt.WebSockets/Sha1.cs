using System;

namespace HomeNode.Mqtt.WebSockets
{
    /// <summary>
    /// SHA-1 (FIPS 180-4 §6.1), for the WebSocket opening handshake only (RFC 6455 §4.2.2: Sec-WebSocket-Accept),
    /// where it is a checksum, not a security measure. The device mscorlib has no hash functions. Fixed state: one
    /// instance hashes any number of messages (<see cref="Reset"/>, <see cref="Update"/>, <see cref="Final"/>) without
    /// allocating.
    /// </summary>
    public sealed class Sha1
    {
        public const int HashBytes = 20;

        private const int BlockBytes = 64;

        private readonly uint[] schedule = new uint[80];
        private readonly byte[] block = new byte[BlockBytes];
        private uint h0;
        private uint h1;
        private uint h2;
        private uint h3;
        private uint h4;
        private int blockFill;
        private long messageBytes;

        public Sha1()
        {
            this.Reset();
        }

        /// <summary>Starts a new message.</summary>
        [SteadyState]
        public void Reset()
        {
            // FIPS 180-4 §5.3.1
            this.h0 = 0x67452301;
            this.h1 = 0xEFCDAB89;
            this.h2 = 0x98BADCFE;
            this.h3 = 0x10325476;
            this.h4 = 0xC3D2E1F0;
            this.blockFill = 0;
            this.messageBytes = 0;
        }

        [SteadyState]
        public void Update(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            this.messageBytes += count;
            while (count > 0)
            {
                int take = BlockBytes - this.blockFill;
                if (take > count)
                {
                    take = count;
                }

                Array.Copy(data, offset, this.block, this.blockFill, take);
                this.blockFill += take;
                offset += take;
                count -= take;
                if (this.blockFill == BlockBytes)
                {
                    this.Compress();
                    this.blockFill = 0;
                }
            }
        }

        /// <summary>Pads the message, writes the 20-byte digest at <paramref name="offset"/> and starts a new message.</summary>
        [SteadyState]
        public void Final(byte[] output, int offset)
        {
            if (output == null)
            {
                throw new ArgumentNullException("output");
            }

            if (offset < 0 || offset > output.Length - HashBytes)
            {
                throw new ArgumentOutOfRangeException("offset");
            }

            // FIPS 180-4 §5.1.1: a 1 bit, zeros up to 56 mod 64 bytes, then the length in bits as 64-bit big-endian
            long bits = this.messageBytes * 8;
            this.block[this.blockFill++] = 0x80;
            if (this.blockFill > BlockBytes - 8)
            {
                while (this.blockFill < BlockBytes)
                {
                    this.block[this.blockFill++] = 0;
                }

                this.Compress();
                this.blockFill = 0;
            }

            while (this.blockFill < BlockBytes - 8)
            {
                this.block[this.blockFill++] = 0;
            }

            for (int i = 7; i >= 0; i--)
            {
                this.block[BlockBytes - 8 + i] = (byte)bits;
                bits >>= 8;
            }

            this.Compress();
            WriteBigEndian(this.h0, output, offset);
            WriteBigEndian(this.h1, output, offset + 4);
            WriteBigEndian(this.h2, output, offset + 8);
            WriteBigEndian(this.h3, output, offset + 12);
            WriteBigEndian(this.h4, output, offset + 16);
            this.Reset();
        }

        /// <summary>FIPS 180-4 §6.1.2: one 512-bit block.</summary>
        [SteadyState]
        private void Compress()
        {
            uint[] w = this.schedule;
            for (int t = 0; t < 16; t++)
            {
                int at = t * 4;
                w[t] = ((uint)this.block[at] << 24) | ((uint)this.block[at + 1] << 16) | ((uint)this.block[at + 2] << 8) | this.block[at + 3];
            }

            for (int t = 16; t < 80; t++)
            {
                w[t] = RotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
            }

            uint a = this.h0;
            uint b = this.h1;
            uint c = this.h2;
            uint d = this.h3;
            uint e = this.h4;
            for (int t = 0; t < 80; t++)
            {
                // §4.1.1 functions and §4.2.1 constants
                uint f;
                uint k;
                if (t < 20)
                {
                    f = (b & c) | (~b & d);
                    k = 0x5A827999;
                }
                else if (t < 40)
                {
                    f = b ^ c ^ d;
                    k = 0x6ED9EBA1;
                }
                else if (t < 60)
                {
                    f = (b & c) | (b & d) | (c & d);
                    k = 0x8F1BBCDC;
                }
                else
                {
                    f = b ^ c ^ d;
                    k = 0xCA62C1D6;
                }

                uint temp = RotateLeft(a, 5) + f + e + k + w[t];
                e = d;
                d = c;
                c = RotateLeft(b, 30);
                b = a;
                a = temp;
            }

            this.h0 += a;
            this.h1 += b;
            this.h2 += c;
            this.h3 += d;
            this.h4 += e;
        }

        [SteadyState]
        private static uint RotateLeft(uint value, int bits)
        {
            return (value << bits) | (value >> (32 - bits));
        }

        [SteadyState]
        private static void WriteBigEndian(uint value, byte[] output, int offset)
        {
            output[offset] = (byte)(value >> 24);
            output[offset + 1] = (byte)(value >> 16);
            output[offset + 2] = (byte)(value >> 8);
            output[offset + 3] = (byte)value;
        }
    }
}
