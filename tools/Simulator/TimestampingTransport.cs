using System.Diagnostics;
using HomeNode.Mqtt;

namespace HomeNode.Simulator
{
    /// <summary>
    /// Wraps a device's transport and watches the bytes the firmware sends: each PUBLISH packet is reported to the
    /// device's <see cref="DeviceTraffic"/> with its topic and the time it went to the socket. The bytes themselves pass
    /// through untouched. Decodes the stream incrementally, so packets split across Send calls are handled.
    /// </summary>
    public sealed class TimestampingTransport : IMqttTransport
    {
        private const int PublishType = 3; // MQTT 3.1.1 §2.2.1: control packet type 3 = PUBLISH
        private const int DupFlag = 0x08;  // MQTT 3.1.1 §3.3.1.1

        private readonly IMqttTransport inner;
        private readonly byte[] topic = new byte[256];

        private Stage stage = Stage.Header;
        private int header;
        private int remaining;
        private int lengthMultiplier;
        private int topicLength;
        private int topicRead;
        private long sendStartedAt;

        public TimestampingTransport(IMqttTransport inner)
        {
            this.inner = inner ?? throw new System.ArgumentNullException(nameof(inner));
        }

        private enum Stage
        {
            Header,
            RemainingLength,
            TopicLengthHigh,
            TopicLengthLow,
            Topic,
            Skip,
        }

        public IMqttTransport Inner => this.inner;

        /// <summary>Where sends are reported; set once before the first Open (null: nothing is reported).</summary>
        public DeviceTraffic Traffic { get; set; }

        public bool Open()
        {
            this.stage = Stage.Header; // a fresh connection starts with a fresh packet
            return this.inner.Open();
        }

        public int Send(byte[] buffer, int offset, int count)
        {
            // Taken before the bytes go out: the reading can reach the monitor before Send returns.
            this.sendStartedAt = Stopwatch.GetTimestamp();
            int sent = this.inner.Send(buffer, offset, count);
            if (sent > 0 && this.Traffic != null)
            {
                this.Scan(buffer, offset, sent);
            }

            return sent;
        }

        public int Receive(byte[] buffer, int offset, int count) => this.inner.Receive(buffer, offset, count);

        public void Close() => this.inner.Close();

        private void Scan(byte[] buffer, int offset, int count)
        {
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                byte b = buffer[i];
                switch (this.stage)
                {
                    case Stage.Header:
                        this.header = b;
                        this.remaining = 0;
                        this.lengthMultiplier = 1;
                        this.stage = Stage.RemainingLength;
                        i++;
                        break;
                    case Stage.RemainingLength:
                        // MQTT 3.1.1 §2.2.3: 7 bits per byte, least significant first, high bit = more bytes follow
                        this.remaining += (b & 0x7F) * this.lengthMultiplier;
                        this.lengthMultiplier *= 128;
                        i++;
                        if ((b & 0x80) == 0)
                        {
                            this.stage = (this.header >> 4) == PublishType ? Stage.TopicLengthHigh : Stage.Skip;
                            if (this.remaining == 0)
                            {
                                this.stage = Stage.Header;
                            }
                        }

                        break;
                    case Stage.TopicLengthHigh:
                        this.topicLength = b << 8;
                        this.remaining--;
                        this.stage = Stage.TopicLengthLow;
                        i++;
                        break;
                    case Stage.TopicLengthLow:
                        this.topicLength |= b;
                        this.topicRead = 0;
                        this.remaining--;
                        this.stage = this.topicLength == 0 ? Stage.Skip : Stage.Topic;
                        i++;
                        if (this.topicLength == 0)
                        {
                            this.Report();
                        }

                        break;
                    case Stage.Topic:
                        if (this.topicRead < this.topic.Length)
                        {
                            this.topic[this.topicRead] = b;
                        }

                        this.topicRead++;
                        this.remaining--;
                        i++;
                        if (this.topicRead == this.topicLength)
                        {
                            this.Report();
                            this.stage = Stage.Skip;
                        }

                        break;
                    default:
                        int skip = end - i < this.remaining ? end - i : this.remaining;
                        i += skip;
                        this.remaining -= skip;
                        break;
                }

                if (this.stage == Stage.Skip && this.remaining == 0)
                {
                    this.stage = Stage.Header;
                }
            }
        }

        private void Report()
        {
            int readingTopic = this.topicLength <= this.topic.Length ? this.Traffic.FindReadingTopic(this.topic, 0, this.topicLength) : -1;
            this.Traffic.OnPublishSent(readingTopic, (this.header & DupFlag) != 0, this.sendStartedAt);
        }
    }
}
