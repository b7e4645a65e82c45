using HomeNode.App.Connection;

namespace HomeNode.Tests.Reliability
{
    /// <summary>
    /// Seeded inputs for <see cref="ReceivePathFuzzTarget"/>: random bytes, or one to four valid server-to-client
    /// packets (MQTT 3.1.1 §3.2-§3.13: CONNACK, PUBLISH QoS 0/1/2, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK,
    /// PINGRESP, and PUBLISH larger than the receive buffer) with zero to three mutations: bit flips, byte inserts and
    /// deletes, remaining-length corruption, truncation and splicing. Writes into one reused buffer; allocates nothing.
    /// </summary>
    public sealed class FuzzInputGenerator
    {
        private const int MaxPackets = 4;

        private readonly Xorshift32 random;
        private readonly byte[] buffer = new byte[ReceivePathFuzzTarget.MaxInputBytes];
        private readonly byte[] spare = new byte[ReceivePathFuzzTarget.MaxInputBytes];
        private readonly int[] packetStarts = new int[MaxPackets];
        private int packetCount;
        private int length;

        public FuzzInputGenerator(uint seed)
        {
            this.random = new Xorshift32(seed);
        }

        public byte[] Buffer
        {
            get { return this.buffer; }
        }

        public int Length
        {
            get { return this.length; }
        }

        /// <summary>Largest read the transport returns for this input (0 = no limit).</summary>
        public int ReadChunk;

        /// <summary>Whether the CONNACK of the next reconnect says a session is present.</summary>
        public bool SessionPresent;

        public long Mutations;

        /// <summary>The input is whole valid packets, unmutated.</summary>
        public bool PacketAligned;

        public void Next(ReceivePathFuzzTarget target)
        {
            uint pick = this.random.NextAtMost(99);
            this.ReadChunk = this.random.NextAtMost(2) == 0 ? 0 : 1 + (int)this.random.NextAtMost(this.random.NextAtMost(1) == 0 ? 3u : 40u);
            this.SessionPresent = this.random.NextAtMost(1) == 0;
            this.length = 0;
            this.packetCount = 0;
            this.PacketAligned = false;
            if (pick < 10)
            {
                int count = 1 + (int)this.random.NextAtMost(63);
                for (int i = 0; i < count; i++)
                {
                    this.buffer[i] = (byte)this.random.Next();
                }

                this.length = count;
                return;
            }

            int packets = 1 + (int)this.random.NextAtMost(MaxPackets - 1);
            for (int i = 0; i < packets; i++)
            {
                this.packetStarts[this.packetCount++] = this.length;
                this.length = this.WritePacket(target, this.buffer, this.length);
            }

            int mutations = pick < 30 ? 0 : 1 + (int)this.random.NextAtMost(2);
            this.PacketAligned = mutations == 0;
            for (int i = 0; i < mutations; i++)
            {
                this.Mutate(target);
            }
        }

        private ushort PacketId(ReceivePathFuzzTarget target)
        {
            uint pick = this.random.NextAtMost(9);
            if (pick < 7)
            {
                return target.RecentId((int)this.random.NextAtMost(ReceivePathFuzzTarget.RecentIdCount - 1));
            }

            return pick == 7 ? (ushort)0 : (ushort)this.random.Next();
        }

        private int WritePacket(ReceivePathFuzzTarget target, byte[] output, int at)
        {
            if (at > output.Length - 700)
            {
                return at;
            }

            ushort id = this.PacketId(target);
            switch (this.random.NextAtMost(11))
            {
                case 0:
                    // §3.2: acknowledge flags, return code (mostly 0, sometimes a refusal or a reserved one)
                    output[at] = 0x20;
                    output[at + 1] = 2;
                    output[at + 2] = (byte)this.random.NextAtMost(1);
                    output[at + 3] = (byte)(this.random.NextAtMost(3) == 0 ? this.random.NextAtMost(7) : 0);
                    return at + 4;
                case 1:
                case 2:
                case 3:
                case 4:
                    return this.WritePublish(output, at, (int)this.random.NextAtMost(2), id, 24);
                case 5:
                    return WriteAcknowledgement(output, at, 0x40, id);
                case 6:
                    return WriteAcknowledgement(output, at, 0x50, id);
                case 7:
                    return WriteAcknowledgement(output, at, 0x62, id); // §3.6.1: PUBREL flags are 0010
                case 8:
                    return WriteAcknowledgement(output, at, 0x70, id);
                case 9:
                    {
                        // §3.9: packet id, then one return code per filter
                        int codes = 1 + (int)this.random.NextAtMost(2);
                        output[at] = 0x90;
                        output[at + 1] = (byte)(2 + codes);
                        output[at + 2] = (byte)(id >> 8);
                        output[at + 3] = (byte)id;
                        for (int i = 0; i < codes; i++)
                        {
                            uint code = this.random.NextAtMost(3);
                            output[at + 4 + i] = (byte)(code == 3 ? 0x80 : code);
                        }

                        return at + 4 + codes;
                    }

                case 10:
                    return WriteAcknowledgement(output, at, 0xB0, id);
                default:
                    if (this.random.NextAtMost(3) == 0)
                    {
                        // Larger than the client's receive buffer: must be skipped, stream kept in sync.
                        return this.WritePublish(output, at, (int)this.random.NextAtMost(2), id, 600);
                    }

                    output[at] = 0xD0;
                    output[at + 1] = 0;
                    return at + 2;
            }
        }

        private static int WriteAcknowledgement(byte[] output, int at, byte header, ushort id)
        {
            output[at] = header;
            output[at + 1] = 2;
            output[at + 2] = (byte)(id >> 8);
            output[at + 3] = (byte)id;
            return at + 4;
        }

        /// <summary>PUBLISH (§3.3): topic "fuzz/..." (sometimes random bytes), packet id for QoS 1 and 2, payload.</summary>
        private int WritePublish(byte[] output, int at, int qos, ushort id, int maxPayload)
        {
            int topicLength = 1 + (int)this.random.NextAtMost(10);
            int payloadLength = (int)this.random.NextAtMost((uint)maxPayload);
            if (maxPayload > 100)
            {
                payloadLength += 130;
            }

            int remaining = 2 + topicLength + (qos > 0 ? 2 : 0) + payloadLength;
            int flags = (qos << 1) | (int)this.random.NextAtMost(1);
            if (qos > 0 && this.random.NextAtMost(3) == 0)
            {
                flags |= 0x08; // DUP
            }

            output[at++] = (byte)(0x30 | flags);
            at = WriteRemainingLength(output, at, remaining);
            output[at++] = (byte)(topicLength >> 8);
            output[at++] = (byte)topicLength;
            bool randomTopic = this.random.NextAtMost(7) == 0;
            for (int i = 0; i < topicLength; i++)
            {
                output[at++] = randomTopic ? (byte)this.random.Next() : (byte)(i == 4 ? '/' : 'a' + (int)this.random.NextAtMost(3));
            }

            if (qos > 0)
            {
                output[at++] = (byte)(id >> 8);
                output[at++] = (byte)id;
            }

            for (int i = 0; i < payloadLength; i++)
            {
                output[at++] = (byte)this.random.Next();
            }

            return at;
        }

        /// <summary>§2.2.3: seven bits per byte, least significant first, bit 7 = more bytes follow.</summary>
        private static int WriteRemainingLength(byte[] output, int at, int value)
        {
            do
            {
                int digit = value & 0x7F;
                value >>= 7;
                output[at++] = (byte)(value > 0 ? digit | 0x80 : digit);
            }
            while (value > 0);
            return at;
        }

        private void Mutate(ReceivePathFuzzTarget target)
        {
            if (this.length == 0)
            {
                return;
            }

            this.Mutations++;
            int at = (int)this.random.NextAtMost((uint)(this.length - 1));
            switch (this.random.NextAtMost(5))
            {
                case 0:
                    this.buffer[at] ^= (byte)(1 << (int)this.random.NextAtMost(7));
                    break;
                case 1:
                    if (this.length < this.buffer.Length)
                    {
                        System.Array.Copy(this.buffer, at, this.buffer, at + 1, this.length - at);
                        this.buffer[at] = (byte)this.random.Next();
                        this.length++;
                    }

                    break;
                case 2:
                    System.Array.Copy(this.buffer, at + 1, this.buffer, at, this.length - at - 1);
                    this.length--;
                    break;
                case 3:
                    {
                        // The remaining length of one packet: random, off by a little, or an endless continuation.
                        int start = this.packetCount == 0 ? 0 : this.packetStarts[this.random.NextAtMost((uint)(this.packetCount - 1))];
                        if (start + 1 < this.length)
                        {
                            uint how = this.random.NextAtMost(3);
                            if (how == 0)
                            {
                                this.buffer[start + 1] = (byte)this.random.Next();
                            }
                            else if (how == 1)
                            {
                                this.buffer[start + 1] = (byte)(this.buffer[start + 1] + (int)this.random.NextAtMost(4) - 2);
                            }
                            else
                            {
                                this.buffer[start + 1] |= 0x80;
                            }
                        }

                        break;
                    }

                case 4:
                    this.length = at;
                    break;
                default:
                    {
                        // Splice: a fresh packet's tail replaces this input's tail from a random point.
                        int end = this.WritePacket(target, this.spare, 0);
                        int from = end == 0 ? 0 : (int)this.random.NextAtMost((uint)(end - 1));
                        int take = end - from;
                        if (at + take > this.buffer.Length)
                        {
                            take = this.buffer.Length - at;
                        }

                        System.Array.Copy(this.spare, from, this.buffer, at, take);
                        this.length = at + take;
                        break;
                    }
            }
        }
    }
}
