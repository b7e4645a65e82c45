using HomeNode.App.Connection;

namespace HomeNode.Tests.WebSockets
{
    /// <summary>
    /// Seeded inputs for <see cref="WebSocketFuzzTarget"/>: random bytes, or server frames (RFC 6455 §5) carrying one to
    /// three MQTT packets (PUBLISH QoS 0 and 1, PUBACK, PINGRESP) as one frame, as a fragmented message or cut across
    /// messages, with pings, pongs and now and then a close frame in between, in all three length forms and sometimes
    /// longer than the target accepts; then zero to two mutations: bit flips, a rewritten first header byte (FIN, RSV,
    /// opcode), the MASK bit set, a rewritten length, inserted bytes, truncation. Writes into one reused buffer.
    /// </summary>
    public sealed class WebSocketFuzzInputGenerator
    {
        private const int MaxFrames = 24;

        private readonly Xorshift32 random;
        private readonly byte[] buffer = new byte[WebSocketFuzzTarget.MaxInputBytes];
        private readonly byte[] mqtt = new byte[2400];
        private readonly byte[] control = new byte[125];
        private readonly int[] frameStarts = new int[MaxFrames];
        private int frameCount;
        private int length;
        private bool cut;

        public WebSocketFuzzInputGenerator(uint seed)
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

        /// <summary>Largest read the connection below returns for this input (0 = no limit).</summary>
        public int ReadChunk;

        /// <summary>Whole unmutated frames carrying whole packets.</summary>
        public bool Aligned;

        public long Mutations;

        public void Next(WebSocketFuzzTarget target)
        {
            uint pick = this.random.NextAtMost(99);
            this.ReadChunk = this.random.NextAtMost(2) == 0 ? 0 : 1 + (int)this.random.NextAtMost(this.random.NextAtMost(1) == 0 ? 3u : 40u);
            this.length = 0;
            this.frameCount = 0;
            this.Aligned = false;
            if (pick < 8)
            {
                int count = 1 + (int)this.random.NextAtMost(63);
                for (int i = 0; i < count; i++)
                {
                    this.buffer[i] = (byte)this.random.Next();
                }

                this.length = count;
                return;
            }

            int packets = 1 + (int)this.random.NextAtMost(2);
            int mqttLength = 0;
            for (int i = 0; i < packets; i++)
            {
                mqttLength = this.WritePacket(target, mqttLength);
            }

            this.cut = false;
            this.WriteFrames(mqttLength);
            int mutations = pick < 40 ? 0 : 1 + (int)this.random.NextAtMost(1);
            this.Aligned = mutations == 0 && !this.cut;
            for (int i = 0; i < mutations; i++)
            {
                this.Mutate();
            }
        }

        /// <summary>MQTT 3.1.1 §3.3, §3.4, §3.13: a server-to-client packet into the MQTT scratch buffer.</summary>
        private int WritePacket(WebSocketFuzzTarget target, int at)
        {
            switch (this.random.NextAtMost(5))
            {
                case 0:
                    this.mqtt[at] = 0x40;
                    this.mqtt[at + 1] = 2;
                    ushort id = target.InflightId((int)this.random.NextAtMost(3));
                    this.mqtt[at + 2] = (byte)(id >> 8);
                    this.mqtt[at + 3] = (byte)id;
                    return at + 4;
                case 1:
                    this.mqtt[at] = 0xD0;
                    this.mqtt[at + 1] = 0;
                    return at + 2;
                default:
                    {
                        bool large = this.random.NextAtMost(4) == 0;
                        int payloadLength = large ? 120 + (int)this.random.NextAtMost(560) : (int)this.random.NextAtMost(40);
                        bool qos1 = this.random.NextAtMost(2) == 0;
                        int remaining = 2 + 4 + (qos1 ? 2 : 0) + payloadLength;
                        this.mqtt[at++] = (byte)(qos1 ? 0x32 : 0x30);
                        if (remaining > 127)
                        {
                            this.mqtt[at++] = (byte)(0x80 | (remaining & 0x7F));
                            this.mqtt[at++] = (byte)(remaining >> 7);
                        }
                        else
                        {
                            this.mqtt[at++] = (byte)remaining;
                        }

                        this.mqtt[at++] = 0;
                        this.mqtt[at++] = 4;
                        this.mqtt[at++] = (byte)'w';
                        this.mqtt[at++] = (byte)'s';
                        this.mqtt[at++] = (byte)'/';
                        this.mqtt[at++] = (byte)('a' + this.random.NextAtMost(2));
                        if (qos1)
                        {
                            this.mqtt[at++] = 0;
                            this.mqtt[at++] = (byte)(1 + this.random.NextAtMost(200));
                        }

                        for (int i = 0; i < payloadLength; i++)
                        {
                            this.mqtt[at++] = (byte)this.random.Next();
                        }

                        return at;
                    }
            }
        }

        /// <summary>The MQTT bytes as frames: one message, fragments, or several messages, with control frames between them.</summary>
        private void WriteFrames(int mqttLength)
        {
            uint shape = this.random.NextAtMost(2);
            int at = 0;
            bool first = true;
            while (at < mqttLength)
            {
                int take = shape == 0 ? mqttLength : 1 + (int)this.random.NextAtMost((uint)(mqttLength - at - 1 < 300 ? mqttLength - at - 1 : 300));
                if (take > mqttLength - at)
                {
                    take = mqttLength - at;
                }

                int room = this.buffer.Length - this.length - (2 * 139);
                if (take > room)
                {
                    take = room;
                    this.cut = true;
                }

                if (take <= 0)
                {
                    this.cut = true;
                    break;
                }

                bool last = at + take == mqttLength;
                int header;
                if (shape == 1)
                {
                    header = (first ? 0x02 : 0x00) | (last ? 0x80 : 0);
                }
                else
                {
                    header = 0x82;
                }

                this.WriteFrame(header, this.mqtt, at, take);
                at += take;
                first = false;
                if (this.random.NextAtMost(4) == 0)
                {
                    this.WriteControl();
                }
            }

            if (this.random.NextAtMost(30) == 0)
            {
                // a close frame with a status, or none
                this.control[0] = 0x03;
                this.control[1] = 0xE9;
                this.WriteFrame(0x88, this.control, 0, this.random.NextAtMost(1) == 0 ? 0 : 2);
            }
        }

        private void WriteControl()
        {
            int size = (int)this.random.NextAtMost(this.random.NextAtMost(3) == 0 ? 125u : 8u);
            for (int i = 0; i < size; i++)
            {
                this.control[i] = (byte)this.random.Next();
            }

            this.WriteFrame(this.random.NextAtMost(2) == 0 ? 0x8A : 0x89, this.control, 0, size);
        }

        private void WriteFrame(int first, byte[] payload, int offset, int count)
        {
            if (this.frameCount < MaxFrames)
            {
                this.frameStarts[this.frameCount++] = this.length;
            }

            this.length += ScriptedWebSocketServer.WriteFrameHeader(this.buffer, this.length, first, count);
            System.Array.Copy(payload, offset, this.buffer, this.length, count);
            this.length += count;
        }

        private void Mutate()
        {
            if (this.length == 0)
            {
                return;
            }

            this.Mutations++;
            int at = (int)this.random.NextAtMost((uint)(this.length - 1));
            int frame = this.frameCount == 0 ? 0 : this.frameStarts[this.random.NextAtMost((uint)(this.frameCount - 1))];
            if (frame + 1 >= this.length)
            {
                frame = 0;
            }

            if (this.length < 2)
            {
                this.length = 0;
                return;
            }
            switch (this.random.NextAtMost(6))
            {
                case 0:
                    this.buffer[at] ^= (byte)(1 << (int)this.random.NextAtMost(7));
                    break;
                case 1:
                    // FIN, RSV1-3 and the opcode
                    this.buffer[frame] = (byte)this.random.Next();
                    break;
                case 2:
                    this.buffer[frame + 1] |= 0x80;
                    break;
                case 3:
                    {
                        uint how = this.random.NextAtMost(3);
                        this.buffer[frame + 1] = how == 0 ? (byte)this.random.Next() : how == 1 ? (byte)126 : how == 2 ? (byte)127 : (byte)(this.buffer[frame + 1] + 1);
                        break;
                    }

                case 4:
                    if (this.length < this.buffer.Length)
                    {
                        System.Array.Copy(this.buffer, at, this.buffer, at + 1, this.length - at);
                        this.buffer[at] = (byte)this.random.Next();
                        this.length++;
                    }

                    break;
                default:
                    this.length = at;
                    break;
            }
        }
    }
}
