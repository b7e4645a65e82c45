using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace HomeNode.Bench
{
    /// <summary>Prints results as a fixed-width table; the ratio compares each row's headline metric with the first contender's.</summary>
    public static class ResultTable
    {
        private const string Format = "{0,-16} {1,7} {2,-10} {3,10} {4,9} {5,9} {6,10} {7,9} {8,6} {9,9}";

        public static void WriteHeader(TextWriter output)
        {
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, Format, "workload", "payload", "client", "msg/s", "p50 us", "p99 us", "B/msg", "CPU us", "lost", "ratio"));
            output.WriteLine(new string('-', 104));
        }

        public static void WriteRow(TextWriter output, WorkloadResult r)
        {
            output.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                Format,
                r.Workload,
                r.PayloadBytes,
                r.Contender,
                r.MessagesPerSecond.ToString("F0", CultureInfo.InvariantCulture),
                r.P50Microseconds.HasValue ? r.P50Microseconds.Value.ToString("F1", CultureInfo.InvariantCulture) : "-",
                r.P99Microseconds.HasValue ? r.P99Microseconds.Value.ToString("F1", CultureInfo.InvariantCulture) : "-",
                r.AllocatedBytesPerMessage.ToString("F0", CultureInfo.InvariantCulture),
                r.CpuMicrosecondsPerMessage.ToString("F2", CultureInfo.InvariantCulture),
                r.Lost,
                r.Ratio.HasValue ? r.Ratio.Value.ToString("F2", CultureInfo.InvariantCulture) + (r.Headline == "p99" ? " p99" : "") : "-"));
        }

        public static void Write(TextWriter output, IEnumerable<WorkloadResult> results)
        {
            WriteHeader(output);
            foreach (WorkloadResult result in results)
            {
                WriteRow(output, result);
            }

            output.WriteLine("ratio: msg/s (p99 latency for qos1-latency) divided by the first client's; B/msg and CPU us are for the whole process (publisher and subscriber).");
        }
    }
}
