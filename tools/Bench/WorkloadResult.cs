using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace HomeNode.Bench
{
    /// <summary>One workload run for one contender and payload size; what the table prints and the JSON holds.</summary>
    public sealed class WorkloadResult
    {
        public string Workload { get; set; }

        public string Contender { get; set; }

        public int PayloadBytes { get; set; }

        /// <summary>The MQTT protocol level the connections spoke (<see cref="MqttProtocolLevels"/>: 4 = 3.1.1, 5 = 5.0); codec rows are 3.1.1.</summary>
        public int ProtocolVersion { get; set; } = MqttProtocolLevels.V311;

        /// <summary>Messages (or codec operations) completed in the measured part.</summary>
        public long Messages { get; set; }

        /// <summary>Messages published in the measured part; <see cref="Messages"/> of them arrived (codec workloads: equal).</summary>
        public long Sent { get; set; }

        /// <summary>Published but not received within the wait (throughput workloads).</summary>
        public long Lost { get; set; }

        public double Seconds { get; set; }

        public double MessagesPerSecond { get; set; }

        /// <summary>Publish-to-receive latency percentiles; null for workloads that do not measure latency.</summary>
        public double? P50Microseconds { get; set; }

        public double? P99Microseconds { get; set; }

        /// <summary>Managed bytes allocated by the whole process (publisher and subscriber together) per message.</summary>
        public double AllocatedBytesPerMessage { get; set; }

        /// <summary>
        /// Bytes allocated per message on the threads that drove the client (publisher loop, subscriber poll thread;
        /// the calling thread for codec workloads), from GC.GetAllocatedBytesForCurrentThread; null where the client
        /// works on threads of its own (MQTTnet's receive loop and the thread pool).
        /// </summary>
        public double? WorkerThreadBytesPerMessage { get; set; }

        /// <summary>Process CPU time (user + kernel, all threads; the broker is another process) per message.</summary>
        public double CpuMicrosecondsPerMessage { get; set; }

        /// <summary>The broker process's CPU time per message (mosquitto is single-threaded: 1e6 / this is its ceiling in msg/s).</summary>
        public double? BrokerCpuMicrosecondsPerMessage { get; set; }

        /// <summary>Broker workloads: seconds until the publisher's last publish returned (the rest of <see cref="Seconds"/> is delivery).</summary>
        public double? PublishSeconds { get; set; }

        /// <summary>The headline metric's median (<see cref="Headline"/>) divided by MQTTnet's for the same workload and payload.</summary>
        public double? Ratio { get; set; }

        /// <summary>The lowest and highest of the per-round ratios to MQTTnet (round i against round i): how much the ratio moved.</summary>
        public double? RatioMin { get; set; }

        public double? RatioMax { get; set; }

        /// <summary>The headline metric's median divided by libmosquitto's (the C reference) for the same workload and payload.</summary>
        public double? RatioToLibMosquitto { get; set; }

        public double? RatioToLibMosquittoMin { get; set; }

        public double? RatioToLibMosquittoMax { get; set; }

        /// <summary>Rounds this row summarises (interleaved with the other contenders' rounds); the other figures are medians over them.</summary>
        public int Rounds { get; set; } = 1;

        /// <summary>The headline metric of each round, in run order (msg/s, or p99 us for latency rows).</summary>
        public List<double> RoundHeadlines { get; set; } = new List<double>();

        /// <summary>The median of <see cref="RoundHeadlines"/>: what the ratios compare.</summary>
        public double HeadlineMedian { get; set; }

        public double HeadlineMin { get; set; }

        public double HeadlineMax { get; set; }

        /// <summary>Latency rows: publish-to-receive samples behind <see cref="P50Microseconds"/> and <see cref="P99Microseconds"/> (all rounds pooled).</summary>
        public int LatencySamples { get; set; }

        /// <summary>Process CPU split: user mode per message (the rest of <see cref="CpuMicrosecondsPerMessage"/> is the kernel's).</summary>
        public double CpuUserMicrosecondsPerMessage { get; set; }

        public double CpuKernelMicrosecondsPerMessage { get; set; }

        /// <summary>QoS 1 messages the publisher kept in flight (1 = each PUBACK awaited).</summary>
        public int Window { get; set; } = 1;

        /// <summary>One round's latency samples in Stopwatch ticks, pooled by the runner; not written to the JSON.</summary>
        [JsonIgnore]
        public long[] LatencyTicks { get; set; }

        /// <summary>Which metric <see cref="Ratio"/> compares: "msg/s" or "p99".</summary>
        public string Headline { get; set; }
    }
}
