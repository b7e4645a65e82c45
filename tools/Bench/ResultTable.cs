using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace HomeNode.Bench
{
    /// <summary>Prints results as a markdown table; the ratio compares each row's headline metric with the first contender's.</summary>
    public static class ResultTable
    {
        public const string Legend =
            "msg/s: messages the subscriber received (codec rows: packets) per second of the measured part, delivery included. " +
            "recv/sent: received of published (QoS 0 may drop). " +
            "B/msg process: GC.GetTotalAllocatedBytes(true) delta of the whole bench process (publisher, subscriber, harness) per message. " +
            "B/msg threads: GC.GetAllocatedBytesForCurrentThread deltas of the threads that drive the client (our publisher loop and subscriber poll thread; the calling thread for codec rows), '-' where the client works on its own threads. " +
            "CPU us: bench process user+kernel time per message, all threads. broker CPU us: mosquitto's (single-threaded) CPU time per message. " +
            "ratio: this row's msg/s (p99 for qos1-latency) divided by the first client's (MQTTnet).";

        public static void WriteHeader(TextWriter output)
        {
            output.WriteLine("| workload | payload B | client | msg/s | recv/sent | p50 us | p99 us | B/msg process | B/msg threads | CPU us/msg | broker CPU us/msg | ratio |");
            output.WriteLine("|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        }

        public static void WriteRow(TextWriter output, WorkloadResult r)
        {
            output.WriteLine(
                "| " + r.Workload +
                " | " + r.PayloadBytes.ToString(CultureInfo.InvariantCulture) +
                " | " + r.Contender +
                " | " + r.MessagesPerSecond.ToString("N0", CultureInfo.InvariantCulture) +
                " | " + (r.Workload.EndsWith("-publish") ? "-" : r.Messages.ToString(CultureInfo.InvariantCulture) + "/" + r.Sent.ToString(CultureInfo.InvariantCulture)) +
                " | " + Number(r.P50Microseconds, "F1") +
                " | " + Number(r.P99Microseconds, "F1") +
                " | " + r.AllocatedBytesPerMessage.ToString("F0", CultureInfo.InvariantCulture) +
                " | " + Number(r.WorkerThreadBytesPerMessage, "F0") +
                " | " + r.CpuMicrosecondsPerMessage.ToString("F2", CultureInfo.InvariantCulture) +
                " | " + Number(r.BrokerCpuMicrosecondsPerMessage, "F2") +
                " | " + (r.Ratio.HasValue ? r.Ratio.Value.ToString("F2", CultureInfo.InvariantCulture) + (r.Headline == "p99" ? " (p99)" : string.Empty) : "-") +
                " |");
        }

        public static void Write(TextWriter output, IEnumerable<WorkloadResult> results)
        {
            WriteHeader(output);
            foreach (WorkloadResult result in results)
            {
                WriteRow(output, result);
            }

            output.WriteLine();
            output.WriteLine(Legend);
        }

        private static string Number(double? value, string format)
        {
            return value.HasValue ? value.Value.ToString(format, CultureInfo.InvariantCulture) : "-";
        }
    }
}
