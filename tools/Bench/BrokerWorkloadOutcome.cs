namespace HomeNode.Bench
{
    /// <summary>What a contender measured for one broker workload; <see cref="BenchRunner"/> turns it into a <see cref="WorkloadResult"/>.</summary>
    public sealed class BrokerWorkloadOutcome
    {
        /// <summary>Started after the warm-up, stopped once everything published arrived (or the delivery grace ran out).</summary>
        public Measurement Measurement { get; set; }

        public long Sent { get; set; }

        /// <summary>Messages the subscriber received in the measured part (never more than <see cref="Sent"/>).</summary>
        public long Received { get; set; }

        /// <summary>Publish-to-receive times in Stopwatch ticks, the first <see cref="LatencyCount"/> entries; null for throughput.</summary>
        public long[] LatencyTicks { get; set; }

        public int LatencyCount { get; set; }

        /// <summary>
        /// Bytes allocated during the measured part on the threads that drive the client (publisher loop and
        /// subscriber poll thread), from GC.GetAllocatedBytesForCurrentThread; null when the client runs its work on
        /// threads of its own or the thread pool, where no such thread can be read.
        /// </summary>
        public long? WorkerThreadAllocatedBytes { get; set; }
    }
}
