using System;

namespace HomeNode.Mqtt
{
    /// <summary>
    /// The client's session state, sized once by the caller: outgoing packets awaiting acknowledgement (each with a
    /// copy of its encoded bytes so it can be resent on reconnect, §4.4) and the ids of incoming QoS 2 messages
    /// awaiting PUBREL (§4.3.3). A full table makes publish return <see cref="MqttStatus.InflightFull"/>;
    /// nothing grows.
    /// </summary>
    public sealed class InflightTable
    {
        private readonly ushort[] incomingIds;
        private long nextSequence;
        private int incomingCount;

        // What a slot is waiting for (MQTT 3.1.1 §4.3). Constants rather than an enum: on nanoCLR an enum is a type,
        // a field and a name each in flash, constants cost nothing.

        /// <summary>A free slot.</summary>
        public const byte Free = 0;

        /// <summary>QoS 1 PUBLISH sent, PUBACK outstanding; resent with DUP=1 on reconnect.</summary>
        public const byte PublishAwaitingAck = 1;

        /// <summary>QoS 2 PUBLISH sent, PUBREC outstanding; resent with DUP=1 on reconnect.</summary>
        public const byte PublishAwaitingReceived = 2;

        /// <summary>PUBREL sent, PUBCOMP outstanding; PUBREL resent on reconnect.</summary>
        public const byte ReleaseAwaitingComplete = 3;

        /// <summary>SUBSCRIBE sent, SUBACK outstanding.</summary>
        public const byte SubscribeAwaitingAck = 4;

        /// <summary>UNSUBSCRIBE sent, UNSUBACK outstanding.</summary>
        public const byte UnsubscribeAwaitingAck = 5;

        /// <summary>The most packets either direction can have in flight: one packet id each, and ids are 1 to 65,535 [MQTT-2.3.1-1].</summary>
        public const int MaxCapacity = 65535;

        /// <param name="capacity">Outgoing packets that may await acknowledgement at once, 1 to <see cref="MaxCapacity"/>.</param>
        /// <param name="slotBytes">Largest encoded QoS 1/2 PUBLISH that can be kept for resending, at least 4 bytes (a PUBREL).</param>
        /// <param name="incomingCapacity">Incoming QoS 2 messages that may await PUBREL at once, 1 to <see cref="MaxCapacity"/>.</param>
        /// <exception cref="ArgumentOutOfRangeException">A size is out of range, or <paramref name="capacity"/> x <paramref name="slotBytes"/> does not fit one array.</exception>
        public InflightTable(int capacity, int slotBytes, int incomingCapacity)
        {
            if (capacity < 1 || capacity > MaxCapacity)
            {
                throw new ArgumentOutOfRangeException("capacity", "1 to 65535: each slot needs its own packet id (MQTT-2.3.1-1)");
            }

            if (slotBytes < 4)
            {
                throw new ArgumentOutOfRangeException("slotBytes", "at least 4 bytes (a PUBREL)");
            }

            if (slotBytes > int.MaxValue / capacity)
            {
                throw new ArgumentOutOfRangeException("slotBytes", "capacity x slotBytes must fit in one array (at most 2147483647 bytes)");
            }

            if (incomingCapacity < 1 || incomingCapacity > MaxCapacity)
            {
                throw new ArgumentOutOfRangeException("incomingCapacity", "1 to 65535: one incoming packet id each");
            }

            this.Storage = new byte[capacity * slotBytes];
            this.PacketIds = new ushort[capacity];
            this.Kinds = new byte[capacity];
            this.Lengths = new int[capacity];
            this.Sequences = new long[capacity];
            this.Resends = new int[capacity];
            this.incomingIds = new ushort[incomingCapacity];
            this.Capacity = capacity;
            this.SlotBytes = slotBytes;
            this.IncomingCapacity = incomingCapacity;
        }

        public readonly int Capacity;

        public readonly int SlotBytes;

        // Per slot, indexed by slot number, for reading; only the table's own methods write them. Plain arrays rather
        // than accessor methods: on nanoCLR each method costs flash and RAM of its own.

        /// <summary>What each slot waits for: <see cref="Free"/>, <see cref="PublishAwaitingAck"/> and the rest.</summary>
        public readonly byte[] Kinds;

        /// <summary>The packet id each occupied slot holds.</summary>
        public readonly ushort[] PacketIds;

        /// <summary>
        /// The length of the packet each slot keeps at its <see cref="Storage"/> offset; for SUBSCRIBE and UNSUBSCRIBE,
        /// which keep no bytes, the number of topic filters (their acknowledgement carries one code per filter).
        /// </summary>
        public readonly int[] Lengths;

        /// <summary>Each slot's send-order number, given at <see cref="Occupy"/> (§4.6: resends go in original order).</summary>
        public readonly long[] Sequences;

        /// <summary>How often each slot's packet was sent again on a reconnect (PUBLISH and its PUBREL together).</summary>
        public readonly int[] Resends;

        /// <summary>Occupied outgoing slots (counted, as <see cref="PublishCount"/> is: a counter kept beside the kinds would be one more field to keep in step).</summary>
        public int Count
        {
            get
            {
                int count = 0;
                for (int i = 0; i < this.Capacity; i++)
                {
                    if (this.Kinds[i] != Free)
                    {
                        count++;
                    }
                }

                return count;
            }
        }

        /// <summary>Incoming QoS 2 messages that may await PUBREL at once (the MQTT 5.0 Receive Maximum the client announces).</summary>
        public readonly int IncomingCapacity;

        /// <summary>Outgoing QoS 1/2 messages not yet acknowledged (PUBACK, or PUBCOMP): what MQTT 5.0's send quota counts (§4.9).</summary>
        public int PublishCount
        {
            get
            {
                int count = 0;
                for (int i = 0; i < this.Capacity; i++)
                {
                    byte kind = this.Kinds[i];
                    if (kind == PublishAwaitingAck || kind == PublishAwaitingReceived || kind == ReleaseAwaitingComplete)
                    {
                        count++;
                    }
                }

                return count;
            }
        }

        public int IncomingCount
        {
            get { return this.incomingCount; }
        }

        /// <summary>Bytes this table holds, for footprint reports.</summary>
        public int FootprintBytes
        {
            get { return this.Storage.Length + (this.Capacity * (2 + 1 + 4 + 8 + 4)) + (this.incomingIds.Length * 2); }
        }

        /// <summary>The shared storage; slot <c>s</c> starts at <c>s</c> x <see cref="SlotBytes"/>.</summary>
        public readonly byte[] Storage;

        /// <summary>A free slot, or -1 when all are taken.</summary>
        [SteadyState]
        public int FindFree()
        {
            for (int i = 0; i < this.Capacity; i++)
            {
                if (this.Kinds[i] == Free)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The slot holding <paramref name="packetId"/>, or -1.</summary>
        [SteadyState]
        public int Find(ushort packetId)
        {
            for (int i = 0; i < this.Capacity; i++)
            {
                if (this.Kinds[i] != Free && this.PacketIds[i] == packetId)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Takes a free slot for a packet; the order of occupation is remembered for resending (§4.6).</summary>
        [SteadyState]
        public void Occupy(int slot, ushort packetId, byte kind, int length)
        {
            this.PacketIds[slot] = packetId;
            this.Kinds[slot] = kind;
            this.Lengths[slot] = length;
            this.Sequences[slot] = this.nextSequence++;
            this.Resends[slot] = 0;
        }

        [SteadyState]
        public void CountResend(int slot)
        {
            this.Resends[slot]++;
        }

        /// <summary>Moves a slot to its next stage (PUBLISH to PUBREL) keeping its place in the resend order and its resend count.</summary>
        [SteadyState]
        public void Advance(int slot, byte kind, int length)
        {
            this.Kinds[slot] = kind;
            this.Lengths[slot] = length;
        }

        [SteadyState]
        public void Release(int slot)
        {
            this.Kinds[slot] = Free;
        }

        /// <summary>
        /// The occupied slot that comes next in send order after the one with sequence <paramref name="afterSequence"/>
        /// (pass -1 to start), or -1 when none is left. Lets the client walk slots in original order without sorting.
        /// </summary>
        [SteadyState]
        public int NextInOrder(long afterSequence)
        {
            int best = -1;
            for (int i = 0; i < this.Capacity; i++)
            {
                if (this.Kinds[i] != Free && this.Sequences[i] > afterSequence && (best < 0 || this.Sequences[i] < this.Sequences[best]))
                {
                    best = i;
                }
            }

            return best;
        }

        /// <summary>The send-order number the most recently occupied slot got (-1 before any).</summary>
        public long LastSequence
        {
            get { return this.nextSequence - 1; }
        }

        [SteadyState]
        public bool ContainsIncoming(ushort packetId)
        {
            for (int i = 0; i < this.incomingCount; i++)
            {
                if (this.incomingIds[i] == packetId)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Remembers an incoming QoS 2 id until its PUBREL; false when the table is full.</summary>
        [SteadyState]
        public bool AddIncoming(ushort packetId)
        {
            if (this.incomingCount == this.incomingIds.Length)
            {
                return false;
            }

            this.incomingIds[this.incomingCount++] = packetId;
            return true;
        }

        [SteadyState]
        public bool RemoveIncoming(ushort packetId)
        {
            for (int i = 0; i < this.incomingCount; i++)
            {
                if (this.incomingIds[i] == packetId)
                {
                    this.incomingCount--;
                    this.incomingIds[i] = this.incomingIds[this.incomingCount];
                    return true;
                }
            }

            return false;
        }

        public void ClearIncoming()
        {
            this.incomingCount = 0;
        }
    }
}
