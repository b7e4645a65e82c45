using System.Diagnostics;
using System.Threading;

namespace HomeNode.Simulator
{
    /// <summary>
    /// What one device sent, as seen on the wire by its <see cref="TimestampingTransport"/>: the number of PUBLISH
    /// packets, the readings the monitor received, and the publish-to-receive latency of each reading.
    /// </summary>
    /// <remarks>
    /// Latency method: the transport takes <see cref="Stopwatch.GetTimestamp"/> just before it hands the bytes of a
    /// first-time PUBLISH (DUP = 0) on a reading topic to the socket; the monitor client takes it when the message
    /// arrives. Per topic the two are paired in order: a broker delivers one publisher's QoS 1 messages on a topic in
    /// the order they were sent (MQTT 3.1.1 §4.6). On loopback a message can arrive before the sending thread has
    /// recorded its send, so each topic keeps a FIFO of whichever side is ahead (sends waiting for arrivals, or
    /// arrivals waiting for sends). Nothing is added to the firmware's payloads. Written by the device's poller
    /// thread and the monitor's thread: guarded by a lock.
    /// </remarks>
    public sealed class DeviceTraffic
    {
        // Events on one topic that can wait for their partner: the offline queue drains in a burst after a reconnect.
        private const int PendingPerTopic = 64;

        private readonly object gate = new object();
        private readonly LatencyRecorder latency;
        private readonly long[] pending;
        private readonly int[] head;

        // Per topic: > 0 sends are waiting for arrivals, < 0 arrivals are waiting for sends.
        private readonly int[] balance;
        private long publishes;
        private long readingsReceived;
        private long unpaired;

        public DeviceTraffic(int deviceIndex, string[] readingTopics, byte[][] readingTopicBytes, LatencyRecorder latency)
        {
            this.DeviceIndex = deviceIndex;
            this.ReadingTopics = readingTopics;
            this.ReadingTopicBytes = readingTopicBytes;
            this.latency = latency;
            this.pending = new long[readingTopics.Length * PendingPerTopic];
            this.head = new int[readingTopics.Length];
            this.balance = new int[readingTopics.Length];
        }

        public int DeviceIndex { get; }

        public string[] ReadingTopics { get; }

        public byte[][] ReadingTopicBytes { get; }

        /// <summary>PUBLISH packets written to the socket (readings, states, status, discovery, diagnostics, resends).</summary>
        public long Publishes => Interlocked.Read(ref this.publishes);

        /// <summary>Reading messages of this device that the monitor received.</summary>
        public long ReadingsReceived => Interlocked.Read(ref this.readingsReceived);

        /// <summary>Sends or arrivals that found no partner in time (FIFO overflow): their latency is not measured.</summary>
        public long Unpaired => Interlocked.Read(ref this.unpaired);

        /// <summary>Called by the transport for every PUBLISH it writes; <paramref name="readingTopic"/> is -1 for other topics.</summary>
        public void OnPublishSent(int readingTopic, bool duplicate, long timestamp)
        {
            Interlocked.Increment(ref this.publishes);
            if (readingTopic >= 0 && !duplicate)
            {
                this.Pair(readingTopic, +1, timestamp);
            }
        }

        /// <summary>Called by the monitor when a reading of this device arrives.</summary>
        public void OnReadingReceived(int readingTopic, long timestamp)
        {
            Interlocked.Increment(ref this.readingsReceived);
            this.Pair(readingTopic, -1, timestamp);
        }

        private void Pair(int topic, int side, long timestamp)
        {
            long partner;
            lock (this.gate)
            {
                int n = this.balance[topic];
                int h = this.head[topic];
                if (n == 0 || (n > 0) == (side > 0))
                {
                    // Nothing from the other side is waiting: this one waits.
                    int waiting = n * side;
                    if (waiting == PendingPerTopic)
                    {
                        h = (h + 1) % PendingPerTopic;
                        this.head[topic] = h;
                        waiting--;
                        this.unpaired++;
                    }

                    this.pending[(topic * PendingPerTopic) + ((h + waiting) % PendingPerTopic)] = timestamp;
                    this.balance[topic] = (waiting + 1) * side;
                    return;
                }

                partner = this.pending[(topic * PendingPerTopic) + h];
                this.head[topic] = (h + 1) % PendingPerTopic;
                this.balance[topic] = n + side;
            }

            long sentAt = side > 0 ? timestamp : partner;
            long receivedAt = side > 0 ? partner : timestamp;
            this.latency?.Add((receivedAt - sentAt) * 1000.0 / Stopwatch.Frequency);
        }

        /// <summary>Index of <paramref name="length"/> topic bytes in <paramref name="buffer"/> among the reading topics, or -1.</summary>
        public int FindReadingTopic(byte[] buffer, int offset, int length)
        {
            for (int t = 0; t < this.ReadingTopicBytes.Length; t++)
            {
                byte[] topic = this.ReadingTopicBytes[t];
                if (topic.Length != length)
                {
                    continue;
                }

                int i = 0;
                while (i < length && topic[i] == buffer[offset + i])
                {
                    i++;
                }

                if (i == length)
                {
                    return t;
                }
            }

            return -1;
        }
    }
}
