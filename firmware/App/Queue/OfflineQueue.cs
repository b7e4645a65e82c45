using System;
using HomeNode.Mqtt;

namespace HomeNode.App.Queue
{
    /// <summary>
    /// Readings waiting for the broker, oldest first, in storage allocated once at construction. When full, an
    /// enqueue drops the oldest entry (the newest reading of a sensor is worth more than an old one) and counts
    /// it in <see cref="DroppedCount"/>. The caller publishes the oldest entry and removes it only after the
    /// client accepted the publish, so nothing is lost when the connection drops in between.
    /// </summary>
    /// <remarks>Not thread-safe: one thread (the app loop) enqueues and drains.</remarks>
    public sealed class OfflineQueue
    {
        private readonly int[] topicIds;
        private readonly int[] payloadLengths;
        private readonly byte[] payloads;
        private readonly int maxPayloadLength;
        private int head;
        private int count;
        private long droppedCount;

        /// <param name="capacity">Entries kept (the app uses 64).</param>
        /// <param name="maxPayloadLength">Longest payload one entry holds.</param>
        public OfflineQueue(int capacity, int maxPayloadLength)
        {
            if (capacity < 1 || maxPayloadLength < 1)
            {
                throw new ArgumentOutOfRangeException();
            }

            this.topicIds = new int[capacity];
            this.payloadLengths = new int[capacity];
            this.payloads = new byte[capacity * maxPayloadLength];
            this.maxPayloadLength = maxPayloadLength;
        }

        public int Capacity
        {
            get { return this.topicIds.Length; }
        }

        public int MaxPayloadLength
        {
            get { return this.maxPayloadLength; }
        }

        public int Count
        {
            get { return this.count; }
        }

        /// <summary>Entries dropped to make room since construction (not reset by <see cref="Clear"/>).</summary>
        public long DroppedCount
        {
            get { return this.droppedCount; }
        }

        /// <summary>
        /// The storage the payload views of <see cref="TryPeekOldest"/> point into; read it, never write it.
        /// </summary>
        public byte[] PayloadStorage
        {
            get { return this.payloads; }
        }

        /// <summary>
        /// Appends a copy of the payload. Returns false (and stores nothing) if the payload is longer than
        /// <see cref="MaxPayloadLength"/> or the range is invalid; drops the oldest entry when full.
        /// </summary>
        [SteadyState]
        public bool Enqueue(int topicId, byte[] payload, int offset, int count)
        {
            if (payload == null || offset < 0 || count < 0 || count > this.maxPayloadLength || offset > payload.Length - count)
            {
                return false;
            }

            int capacity = this.topicIds.Length;
            if (this.count == capacity)
            {
                this.head = (this.head + 1) % capacity;
                this.count--;
                this.droppedCount++;
            }

            int slot = (this.head + this.count) % capacity;
            this.topicIds[slot] = topicId;
            this.payloadLengths[slot] = count;
            Array.Copy(payload, offset, this.payloads, slot * this.maxPayloadLength, count);
            this.count++;
            return true;
        }

        /// <summary>
        /// The oldest entry without removing it: its topic id and where its payload lies in
        /// <see cref="PayloadStorage"/> (valid until the next Enqueue, RemoveOldest or Clear). False when empty.
        /// </summary>
        [SteadyState]
        public bool TryPeekOldest(out int topicId, out int payloadOffset, out int payloadLength)
        {
            if (this.count == 0)
            {
                topicId = 0;
                payloadOffset = 0;
                payloadLength = 0;
                return false;
            }

            topicId = this.topicIds[this.head];
            payloadOffset = this.head * this.maxPayloadLength;
            payloadLength = this.payloadLengths[this.head];
            return true;
        }

        /// <summary>Removes the oldest entry; false when empty.</summary>
        [SteadyState]
        public bool RemoveOldest()
        {
            if (this.count == 0)
            {
                return false;
            }

            this.head = (this.head + 1) % this.topicIds.Length;
            this.count--;
            return true;
        }

        /// <summary>Drops oldest entries, counting them in <see cref="DroppedCount"/>, until at most <paramref name="limit"/> remain.</summary>
        [SteadyState]
        public void TrimTo(int limit)
        {
            while (this.count > limit && this.count > 0)
            {
                this.RemoveOldest();
                this.droppedCount++;
            }
        }

        [SteadyState]
        public void Clear()
        {
            this.head = 0;
            this.count = 0;
        }
    }
}
