using System;
using System.Diagnostics;

namespace HomeNode.Bench
{
    /// <summary>Wall time, process CPU time and managed allocation between <see cref="Start"/> and <see cref="Stop"/>.</summary>
    public sealed class Measurement
    {
        private readonly Process self = Process.GetCurrentProcess();
        private long startTimestamp;
        private long startAllocated;
        private TimeSpan startCpu;

        public double Seconds { get; private set; }

        public long AllocatedBytes { get; private set; }

        public TimeSpan Cpu { get; private set; }

        public void Start()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            self.Refresh();
            startCpu = self.TotalProcessorTime;
            startAllocated = GC.GetTotalAllocatedBytes(true);
            startTimestamp = Stopwatch.GetTimestamp();
        }

        public void Stop()
        {
            long end = Stopwatch.GetTimestamp();
            long allocated = GC.GetTotalAllocatedBytes(true);
            self.Refresh();
            Cpu = self.TotalProcessorTime - startCpu;
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
                Headline = "msg/s",
            };
        }
    }
}
