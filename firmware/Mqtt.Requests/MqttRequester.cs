using System;

namespace HomeNode.Mqtt.Requests
{
    /// <summary>
    /// MQTT 5.0 request/response (§4.10) from the asking side, on top of a <see cref="MqttClient"/>: a request is a
    /// PUBLISH with a Response Topic and Correlation Data; the answer comes back on the response topic (subscribe to
    /// it first) carrying the same Correlation Data. Up to <c>capacity</c> requests wait at once, each until its
    /// answer or its time-out on the client's monotonic clock. Nothing is allocated after construction.
    /// </summary>
    /// <remarks>
    /// The Correlation Data is 8 bytes: <see cref="CorrelationPrefix"/> (big-endian) and the request id, so answers to
    /// another requester, or to this one before a restart with another prefix, are told apart. Call
    /// <see cref="TryMatch"/> from <see cref="IMqttHandler.OnMessage"/> and <see cref="TakeExpired"/> after Poll.
    /// </remarks>
    public sealed class MqttRequester
    {
        /// <summary>Bytes of the Correlation Data this requester writes.</summary>
        public const int CorrelationLength = 8;

        private readonly MqttClient client;
        private readonly IMonotonicClock clock;
        private readonly MqttPublishProperties properties = new MqttPublishProperties();
        private readonly int[] ids;
        private readonly long[] deadlines;
        private readonly byte[] correlation = new byte[CorrelationLength];
        private int lastId;

        public MqttRequester(MqttClient client, IMonotonicClock clock, int capacity)
        {
            if (client == null || clock == null)
            {
                throw new ArgumentNullException("client and clock are required");
            }

            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException("capacity", "at least one request");
            }

            this.client = client;
            this.clock = clock;
            this.ids = new int[capacity];
            this.deadlines = new long[capacity];
            this.TimeoutMilliseconds = 10000;
            this.CorrelationPrefix = (int)clock.ElapsedMilliseconds;
        }

        /// <summary>How long a request waits for its answer before <see cref="TakeExpired"/> gives it up (10 s by default).</summary>
        public int TimeoutMilliseconds;

        /// <summary>The first four bytes of every Correlation Data; give each requester (and each boot) its own.</summary>
        public int CorrelationPrefix;

        /// <summary>
        /// Properties sent with every request besides Response Topic and Correlation Data, which the requester sets
        /// (Content Type, Message Expiry, User Properties: set them here once).
        /// </summary>
        public MqttPublishProperties Properties
        {
            get { return this.properties; }
        }

        /// <summary>Requests waiting for an answer.</summary>
        public int Pending => this.pending;
        private int pending;

        /// <summary>
        /// Publishes a request to <paramref name="topic"/> asking for the answer on <paramref name="responseTopic"/>.
        /// <paramref name="requestId"/> (never 0) names it in <see cref="TryMatch"/> and <see cref="TakeExpired"/>.
        /// Returns the client's status (nothing is waited for unless Ok), or <see cref="MqttStatus.InflightFull"/>
        /// when <c>capacity</c> requests already wait.
        /// </summary>
        [SteadyState]
        public MqttStatus Request(string topic, string responseTopic, byte[] payload, int offset, int count, MqttQos qos, out int requestId)
        {
            requestId = 0;
            if (responseTopic == null)
            {
                throw new ArgumentNullException("responseTopic");
            }

            int slot = this.FindSlot(0);
            if (slot < 0)
            {
                return MqttStatus.InflightFull;
            }

            int id = this.NextId();
            WriteInt(this.correlation, 0, this.CorrelationPrefix);
            WriteInt(this.correlation, 4, id);
            MqttPublishProperties sent = this.properties;
            sent.ResponseTopic = responseTopic;
            sent.CorrelationData = this.correlation;
            sent.CorrelationOffset = 0;
            sent.CorrelationCount = CorrelationLength;
            ushort packetId;
            MqttStatus status = this.client.Publish(topic, payload, offset, count, qos, false, out packetId, sent);
            sent.ResponseTopic = null;
            sent.CorrelationData = null;
            if (status != MqttStatus.Ok)
            {
                return status;
            }

            this.ids[slot] = id;
            this.deadlines[slot] = this.clock.ElapsedMilliseconds + this.TimeoutMilliseconds;
            this.pending++;
            requestId = id;
            return MqttStatus.Ok;
        }

        /// <summary>
        /// Whether <paramref name="message"/> answers a waiting request (its Correlation Data is one of ours); if so the
        /// request is done and <paramref name="requestId"/> names it. The message's payload is the answer.
        /// </summary>
        [SteadyState]
        public bool TryMatch(MqttReceivedMessage message, out int requestId)
        {
            requestId = 0;
            if (message.CorrelationDataLength != CorrelationLength || ReadInt(message.Buffer, message.CorrelationDataOffset) != this.CorrelationPrefix)
            {
                return false;
            }

            int id = ReadInt(message.Buffer, message.CorrelationDataOffset + 4);
            int slot = id == 0 ? -1 : this.FindSlot(id);
            if (slot < 0)
            {
                return false; // late (timed out already), answered twice, or not ours
            }

            this.ids[slot] = 0;
            this.pending--;
            requestId = id;
            return true;
        }

        /// <summary>A request whose time-out has passed, now given up; 0 when none. Call until it returns 0.</summary>
        [SteadyState]
        public int TakeExpired()
        {
            long now = this.clock.ElapsedMilliseconds;
            for (int i = 0; i < this.ids.Length; i++)
            {
                if (this.ids[i] != 0 && now - this.deadlines[i] >= 0)
                {
                    int id = this.ids[i];
                    this.ids[i] = 0;
                    this.pending--;
                    return id;
                }
            }

            return 0;
        }

        [SteadyState]
        private int FindSlot(int id)
        {
            for (int i = 0; i < this.ids.Length; i++)
            {
                if (this.ids[i] == id)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The next request id: never 0, never one still waiting.</summary>
        [SteadyState]
        private int NextId()
        {
            do
            {
                this.lastId = this.lastId == int.MaxValue ? 1 : this.lastId + 1;
            }
            while (this.FindSlot(this.lastId) >= 0);

            return this.lastId;
        }

        [SteadyState]
        private static void WriteInt(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }

        [SteadyState]
        private static int ReadInt(byte[] buffer, int offset)
        {
            return (buffer[offset] << 24) | (buffer[offset + 1] << 16) | (buffer[offset + 2] << 8) | buffer[offset + 3];
        }
    }
}
