using System;
using System.Diagnostics;

namespace HomeNode.Bench
{
    /// <summary>Wall time, process CPU time and managed allocation between <see cref="Start"/> and <see cref="Stop"/>.</summary>
    public sealed class Measurement
    {
        private readonly Process self = Process.GetCurrentProcess();
        private readonly Process broker;
        private long startTimestamp;
        private long publishedTimestamp;
        private long startAllocated;
        private TimeSpan startCpu;
        private TimeSpan startUserCpu;
        private TimeSpan startBrokerCpu;

        public Measurement()
        {
        }

        /// <summary>Also measures the broker's CPU time (another process, e.g. the bench's mosquitto); 0 = none.</summary>
        public Measurement(int brokerProcessId)
        {
            if (brokerProcessId > 0)
            {
                broker = Process.GetProcessById(brokerProcessId);
            }
        }

        public double Seconds { get; private set; }

        public long AllocatedBytes { get; private set; }

        public TimeSpan Cpu { get; private set; }

        /// <summary>The user-mode part of <see cref="Cpu"/>; the rest is kernel time (system calls, the loopback TCP stack).</summary>
        public TimeSpan UserCpu { get; private set; }

        public TimeSpan BrokerCpu { get; private set; }

        /// <summary>Seconds from start until the publisher finished its last publish (the rest is delivery); 0 if not marked.</summary>
        public double PublishSeconds { get; private set; }

        public void Start()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            self.Refresh();
            startCpu = self.TotalProcessorTime;
            startUserCpu = self.UserProcessorTime;
            if (broker != null)
            {
                broker.Refresh();
                startBrokerCpu = broker.TotalProcessorTime;
            }

            startAllocated = GC.GetTotalAllocatedBytes(true);
            startTimestamp = Stopwatch.GetTimestamp();
        }

        /// <summary>The publisher's loop ended; called between <see cref="Start"/> and <see cref="Stop"/>. Allocates nothing.</summary>
        public void MarkPublished()
        {
            publishedTimestamp = Stopwatch.GetTimestamp();
        }

        public void Stop()
        {
            long end = Stopwatch.GetTimestamp();
            long allocated = GC.GetTotalAllocatedBytes(true);
            self.Refresh();
            Cpu = self.TotalProcessorTime - startCpu;
            UserCpu = self.UserProcessorTime - startUserCpu;
            if (broker != null)
            {
                broker.Refresh();
                BrokerCpu = broker.TotalProcessorTime - startBrokerCpu;
            }

            if (publishedTimestamp != 0)
            {
                PublishSeconds = Stopwatch.GetElapsedTime(startTimestamp, publishedTimestamp).TotalSeconds;
            }

            AllocatedBytes = allocated - startAllocated;
            Seconds = Stopwatch.GetElapsedTime(startTimestamp, end).TotalSeconds;
        }

        public WorkloadResult Result(string workload, Contender contender, int payloadBytes, long messages)
        {
            double perMessage = messages == 0 ? double.NaN : 1.0 / messages;
            return new WorkloadResult
            {
                Workload = workload,
                Contender = contender.Name,
                PayloadBytes = payloadBytes,
                Messages = messages,
                Seconds = Seconds,
                MessagesPerSecond = Seconds > 0 ? messages / Seconds : 0,
                AllocatedBytesPerMessage = AllocatedBytes * perMessage,
                CpuMicrosecondsPerMessage = Cpu.TotalMilliseconds * 1000 * perMessage,
                CpuUserMicrosecondsPerMessage = UserCpu.TotalMilliseconds * 1000 * perMessage,
                CpuKernelMicrosecondsPerMessage = (Cpu - UserCpu).TotalMilliseconds * 1000 * perMessage,
                BrokerCpuMicrosecondsPerMessage = broker == null ? null : BrokerCpu.TotalMilliseconds * 1000 * perMessage,
                PublishSeconds = PublishSeconds > 0 ? PublishSeconds : null,
                Headline = "msg/s",
            };
        }
    }
}
