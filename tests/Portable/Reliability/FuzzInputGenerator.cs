using HomeNode.App.Connection;

namespace HomeNode.Tests.Reliability
{
    /// <summary>
    /// Seeded inputs for <see cref="ReceivePathFuzzTarget"/>: random bytes, or one to four valid server-to-client
    /// packets (MQTT 3.1.1 §3.2-§3.13: CONNACK, PUBLISH QoS 0/1/2, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK,
    /// PINGRESP, and PUBLISH larger than the receive buffer) with zero to three mutations: bit flips, byte inserts and
    /// deletes, remaining-length corruption, truncation and splicing. Writes into one reused buffer; allocates nothing.
    /// For an MQTT 5.0 target the packets are 5.0 ones (OASIS MQTT 5.0 chapter 3): reason codes, property blocks with
    /// Topic Aliases (some of them alone, some unknown or too large), Response Topic, Correlation Data, Subscription
    /// Identifiers, User Properties, Reason Strings, and DISCONNECT and AUTH from the server.
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

        private readonly bool version5;

        public FuzzInputGenerator(uint seed)
            : this(seed, false)
        {
        }

        public FuzzInputGenerator(uint seed, bool version5)
        {
            this.random = new Xorshift32(seed);
            this.version5 = version5;
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
            if (this.version5)
            {
                return this.WritePacketVersion5(output, at, id);
            }

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

        /// <summary>A server-to-client MQTT 5.0 packet (§3.2-§3.15), each field mostly valid.</summary>
        private int WritePacketVersion5(byte[] output, int at, ushort id)
        {
            switch (this.random.NextAtMost(13))
            {
                case 0:
                    // §3.2.2: flags, reason code, properties (Topic Alias Maximum, Receive Maximum)
                    output[at] = 0x20;
                    output[at + 1] = 9;
                    output[at + 2] = (byte)this.random.NextAtMost(1);
                    output[at + 3] = (byte)(this.random.NextAtMost(3) == 0 ? 0x80 + this.random.NextAtMost(31) : 0);
                    output[at + 4] = 6;
                    output[at + 5] = 0x22;
                    output[at + 6] = 0;
                    output[at + 7] = (byte)this.random.NextAtMost(8);
                    output[at + 8] = 0x21;
                    output[at + 9] = 0;
                    output[at + 10] = (byte)(1 + this.random.NextAtMost(4));
                    return at + 11;
                case 1:
                case 2:
                case 3:
                case 4:
                    return this.WritePublishVersion5(output, at, (int)this.random.NextAtMost(2), id, 24);
                case 5:
                    return this.WriteAcknowledgementVersion5(output, at, 0x40, id);
                case 6:
                    return this.WriteAcknowledgementVersion5(output, at, 0x50, id);
                case 7:
                    return this.WriteAcknowledgementVersion5(output, at, 0x62, id);
                case 8:
                    return this.WriteAcknowledgementVersion5(output, at, 0x70, id);
                case 9:
                case 10:
                    {
                        // §3.9, §3.11: packet id, properties (sometimes a Reason String), one reason code per filter
                        bool subscribe = this.random.NextAtMost(1) == 0;
                        int codes = 1 + (int)this.random.NextAtMost(2);
                        bool reason = this.random.NextAtMost(3) == 0;
                        output[at] = (byte)(subscribe ? 0x90 : 0xB0);
                        output[at + 1] = (byte)(3 + codes + (reason ? 5 : 0));
                        output[at + 2] = (byte)(id >> 8);
                        output[at + 3] = (byte)id;
                        int p = this.WriteReasonString(output, at + 4, reason);
                        for (int i = 0; i < codes; i++)
                        {
                            uint code = this.random.NextAtMost(5);
                            output[p++] = (byte)(code < 3 ? (subscribe ? code : 0) : (code == 3 ? 0x80u : (subscribe ? 0x87u : 0x11u)));
                        }

                        return p;
                    }

                case 11:
                    {
                        // §3.14, §3.15: DISCONNECT or AUTH from the server, sometimes with only the header
                        bool auth = this.random.NextAtMost(3) == 0;
                        output[at] = (byte)(auth ? 0xF0 : 0xE0);
                        if (this.random.NextAtMost(2) == 0)
                        {
                            output[at + 1] = 0;
                            return at + 2;
                        }

                        bool reason = this.random.NextAtMost(1) == 0;
                        output[at + 1] = (byte)(2 + (reason ? 5 : 0));
                        output[at + 2] = (byte)(auth ? 0x18 : 0x80 + this.random.NextAtMost(31));
                        return this.WriteReasonString(output, at + 3, reason);
                    }

                default:
                    if (this.random.NextAtMost(3) == 0)
                    {
                        // Larger than our Maximum Packet Size: a Protocol Error the client answers with DISCONNECT 0x95.
                        return this.WritePublishVersion5(output, at, (int)this.random.NextAtMost(2), id, 600);
                    }

                    output[at] = 0xD0;
                    output[at + 1] = 0;
                    return at + 2;
            }
        }

        /// <summary>A property block that is empty or holds a two-byte Reason String (5 bytes).</summary>
        private int WriteReasonString(byte[] output, int at, bool reason)
        {
            if (!reason)
            {
                output[at] = 0;
                return at + 1;
            }

            output[at] = 5;
            output[at + 1] = 0x1F;
            output[at + 2] = 0;
            output[at + 3] = 2;
            output[at + 4] = (byte)('a' + this.random.NextAtMost(25));
            output[at + 5] = (byte)('a' + this.random.NextAtMost(25));
            return at + 6;
        }

        /// <summary>§3.4-§3.7: id alone, id and reason code, or id, reason code and a Reason String.</summary>
        private int WriteAcknowledgementVersion5(byte[] output, int at, byte header, ushort id)
        {
            uint form = this.random.NextAtMost(3);
            output[at] = header;
            output[at + 2] = (byte)(id >> 8);
            output[at + 3] = (byte)id;
            if (form == 0)
            {
                output[at + 1] = 2;
                return at + 4;
            }

            bool release = header == 0x62 || header == 0x70;
            uint code = this.random.NextAtMost(3);
            output[at + 4] = (byte)(code == 0 ? 0 : (release ? 0x92 : (code == 1 ? 0x10 : 0x87)));
            if (form == 1)
            {
                output[at + 1] = 3;
                return at + 5;
            }

            output[at + 1] = 4 + 5;
            return this.WriteReasonString(output, at + 5, true);
        }

        /// <summary>
        /// MQTT 5.0 PUBLISH (§3.3): topic (or none, with an alias), packet id, properties drawn from Message Expiry,
        /// Topic Alias (0-5: our table holds 4), Response Topic, Correlation Data, Subscription Identifier, User Property.
        /// </summary>
        private int WritePublishVersion5(byte[] output, int at, int qos, ushort id, int maxPayload)
        {
            uint shape = this.random.NextAtMost(7);
            bool alias = shape < 4;
            int topicLength = alias && this.random.NextAtMost(1) == 0 ? 0 : 1 + (int)this.random.NextAtMost(10);
            int payloadLength = (int)this.random.NextAtMost((uint)maxPayload);
            if (maxPayload > 100)
            {
                payloadLength += 130;
            }

            // properties: alias 3, expiry 5, response topic 5, correlation 5, subscription identifier 2, user property 7
            bool expiry = this.random.NextAtMost(2) == 0;
            bool response = shape == 4 || shape == 5;
            bool identifier = this.random.NextAtMost(2) == 0;
            bool user = shape == 6;
            int properties = (alias ? 3 : 0) + (expiry ? 5 : 0) + (response ? 10 : 0) + (identifier ? 2 : 0) + (user ? 7 : 0);
            int remaining = 2 + topicLength + (qos > 0 ? 2 : 0) + 1 + properties + payloadLength;
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

            output[at++] = (byte)properties;
            if (alias)
            {
                output[at++] = 0x23;
                output[at++] = 0;
                output[at++] = (byte)this.random.NextAtMost(5);
            }

            if (expiry)
            {
                output[at++] = 0x02;
                output[at++] = 0;
                output[at++] = 0;
                output[at++] = 0;
                output[at++] = (byte)this.random.Next();
            }

            if (response)
            {
                output[at++] = 0x08;
                output[at++] = 0;
                output[at++] = 2;
                output[at++] = (byte)'r';
                output[at++] = (byte)('a' + this.random.NextAtMost(3));
                output[at++] = 0x09;
                output[at++] = 0;
                output[at++] = 2;
                output[at++] = (byte)this.random.Next();
                output[at++] = (byte)this.random.Next();
            }

            if (identifier)
            {
                output[at++] = 0x0B;
                output[at++] = (byte)(1 + this.random.NextAtMost(126));
            }

            if (user)
            {
                output[at++] = 0x26;
                output[at++] = 0;
                output[at++] = 1;
                output[at++] = (byte)'k';
                output[at++] = 0;
                output[at++] = 1;
                output[at++] = (byte)'v';
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
