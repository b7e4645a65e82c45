namespace HomeNode.Bench
{
    /// <summary>One workload run for one contender and payload size; what the table prints and the JSON holds.</summary>
    public sealed class WorkloadResult
    {
        public string Workload { get; set; }

        public string Contender { get; set; }

        public int PayloadBytes { get; set; }

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

        /// <summary>The headline metric (<see cref="Headline"/>) divided by the first contender's for the same workload and payload.</summary>
        public double? Ratio { get; set; }

        /// <summary>Which metric <see cref="Ratio"/> compares: "msg/s" or "p99".</summary>
        public string Headline { get; set; }
    }
}
