using HomeNode.App.Discovery;
using HomeNode.App.Queue;
using HomeNode.App.Topics;
using HomeNode.Mqtt;

namespace HomeNode.App.Runtime
{
    /// <summary>
    /// Publishes the runtime's counters and the board's health as JSON on <c>&lt;base&gt;/diag</c>, once a period, at QoS
    /// 0; on MQTT 5.0 also as the answer to a request on <c>&lt;base&gt;/diag/get</c> (<see cref="Answer"/>).
    /// </summary>
    /// <remarks>Not thread-safe: the runtime loop owns it. Allocates nothing after construction.</remarks>
    public sealed class DiagnosticsPublisher
    {
        private readonly MqttClient client;
        private readonly RuntimeCounters counters;
        private readonly IDeviceHardware hardware;
        private readonly OfflineQueue queue;
        private readonly long periodMilliseconds;
        private readonly JsonWriter json = new JsonWriter();
        private readonly byte[] scratch;
        private readonly LightChannel[] lights;
        private readonly ProtocolFallback protocol;
        private readonly MqttPublishProperties unaliased = new MqttPublishProperties(); // the Topic Aliases are the readings'
        private readonly byte[] requestTopic;
        private long startedAt;
        private long nextAt;

        /// <param name="periodSeconds">0 publishes nothing.</param>
        /// <param name="scratch">Where the JSON is written; shared with other parts, used only within one call.</param>
        public DiagnosticsPublisher(string topic, int periodSeconds, IDeviceHardware hardware, OfflineQueue queue, MqttClient client, RuntimeCounters counters, byte[] scratch)
            : this(topic, periodSeconds, hardware, queue, client, counters, scratch, null, null)
        {
        }

        /// <param name="lights">Counted in <c>lights_on</c>; null for none.</param>
        /// <param name="protocol">The MQTT version in use, reported as <c>mqtt</c>; null leaves it out.</param>
        public DiagnosticsPublisher(string topic, int periodSeconds, IDeviceHardware hardware, OfflineQueue queue, MqttClient client, RuntimeCounters counters, byte[] scratch, LightChannel[] lights, ProtocolFallback protocol)
        {
            this.lights = lights == null ? new LightChannel[0] : lights;
            this.protocol = protocol;
            this.unaliased.NoTopicAlias = true;
            this.Topic = topic;
            this.RequestTopic = topic + "/" + TopicLevels.Get;
            this.requestTopic = Utf8Bytes.Of(this.RequestTopic);
            this.periodMilliseconds = periodSeconds * 1000L;
            this.hardware = hardware;
            this.queue = queue;
            this.client = client;
            this.counters = counters;
            this.scratch = scratch;
        }

        public string Topic { get; private set; }

        /// <summary>Where MQTT 5.0 requests for the report go (<c>&lt;base&gt;/diag/get</c>), answered on their Response Topic.</summary>
        public string RequestTopic { get; private set; }

        /// <summary>Uptime counts from <paramref name="now"/>; the first report goes out at the first chance.</summary>
        public void Start(long now)
        {
            this.startedAt = now;
            this.nextAt = now;
        }

        /// <summary>A report when one is due (call while connected).</summary>
        [SteadyState]
        public void Publish(long now)
        {
            if (this.periodMilliseconds <= 0 || now < this.nextAt)
            {
                return;
            }

            int length = this.Write(now);
            if (length > 0)
            {
                ushort packetId;
                MqttStatus status = this.client.Publish(this.Topic, this.scratch, 0, length, MqttQos.AtMostOnce, false, out packetId, this.unaliased);
                if (status == MqttStatus.SendInProgress || status == MqttStatus.InflightFull)
                {
                    return; // the client is busy: this report goes on a later poll, not a period later
                }
            }

            this.nextAt = now + this.periodMilliseconds;
        }

        /// <summary>Answers a request (MQTT 5.0, a Response Topic) with the report as it is now.</summary>
        [SteadyState]
        public void Answer(MqttReceivedMessage request, RequestAnswerer answers, long now)
        {
            answers.Answer(request, this.scratch, this.Write(now));
        }

        /// <summary>Answers <paramref name="message"/> when it is a request on <see cref="RequestTopic"/>; false when it is not one.</summary>
        [SteadyState]
        public bool AnswerIfRequest(MqttReceivedMessage message, RequestAnswerer answers, long now)
        {
            if (!message.TopicEquals(this.requestTopic, 0, this.requestTopic.Length))
            {
                return false;
            }

            this.Answer(message, answers, now);
            return true;
        }

        /// <summary>The report into the scratch buffer; its length, 0 or less when it did not fit.</summary>
        [SteadyState]
        private int Write(long now)
        {
            JsonWriter w = this.json;
            w.Reset(this.scratch, 0, this.scratch.Length);
            w.BeginObject();
            w.Property("uptime_s", (now - this.startedAt) / 1000);
            long freeMemory = this.hardware.FreeMemoryBytes();
            if (freeMemory >= 0)
            {
                w.Property("free_memory", freeMemory);
            }

            w.Property("reconnects", this.counters.Reconnects);
            w.Property("failed_connects", this.counters.FailedConnects);
            w.Property("dropped_readings", this.queue.DroppedCount);
            w.Property("queued_readings", this.queue.Count);
            w.Property("failed_reads", this.counters.FailedReads);
            w.Property("out_of_range_values", this.counters.OutOfRangeValues);
            w.Property("invalid_commands", this.counters.InvalidCommands);
            w.Property("stale_commands", this.counters.StaleCommands);
            w.Property("subscription_failures", this.counters.SubscriptionFailures);
            w.Property("acknowledgement_stalls", this.counters.AcknowledgementStalls);
            w.Property("expired_commands", this.counters.ExpiredCommands);
            w.Property("answered_requests", this.counters.AnsweredRequests);
            w.Property("unanswered_requests", this.counters.UnansweredRequests);
            int on = 0;
            for (int i = 0; i < this.lights.Length; i++)
            {
                if (this.lights[i].IsOn)
                {
                    on++;
                }
            }

            w.Property("lights_on", on);
            if (this.protocol != null)
            {
                w.Property("mqtt", this.protocol.Version == MqttProtocolVersion.V500 ? "5.0" : "3.1.1");
                w.Property("protocol_fallbacks", this.counters.ProtocolFallbacks);
            }

            int signal = this.hardware.WifiSignalDbm();
            if (signal != 0)
            {
                w.Property("wifi_rssi_dbm", signal);
            }

            w.EndObject();
            return w.Length;
        }
    }
}
