using System;

namespace HomeNode.Bench
{
    /// <summary>
    /// What one broker workload asks of a contender: where the broker is, the topic (one per workload and contender),
    /// the payload size, the QoS, how many messages at most and for how long. The same plan goes to every contender.
    /// </summary>
    public sealed class BrokerWorkloadPlan
    {
        public string Host { get; set; }

        public int Port { get; set; }

        /// <summary>The broker's process id, for its CPU time (0 when unknown).</summary>
        public int BrokerProcessId { get; set; }

        public string Topic { get; set; }

        public int PayloadBytes { get; set; }

        public int Qos { get; set; }

        /// <summary>
        /// The MQTT protocol level every connection of the run asks for in CONNECT (MQTT 5.0 §3.1.2.2):
        /// <see cref="MqttProtocolLevels.V311"/> or <see cref="MqttProtocolLevels.V500"/>.
        /// </summary>
        public int ProtocolVersion { get; set; } = MqttProtocolLevels.V311;

        /// <summary>
        /// QoS 1 messages the publisher may have in flight at once: 1 = await each PUBACK before the next publish;
        /// N &gt; 1 = publish while fewer than N are unacknowledged (how a device replays buffered readings).
        /// </summary>
        public int Window { get; set; } = 1;

        /// <summary>Measured messages at most; the measured part also ends at <see cref="MaxSeconds"/>.</summary>
        public int Messages { get; set; }

        public int WarmUpMessages { get; set; }

        public double MaxSeconds { get; set; }

        /// <summary>How long to wait for what is still on its way once publishing stopped.</summary>
        public TimeSpan DeliveryGrace { get; set; }

        public TimeSpan ConnectTimeout { get; set; }

        public string PublisherClientId { get; set; }

        public string SubscriberClientId { get; set; }
    }
}
