using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace HomeNode.Bench
{
    /// <summary>Prints results as a markdown table; the ratio compares each row's headline metric with the first contender's.</summary>
    public static class ResultTable
    {
        public const string Legend =
            "rounds: interleaved runs behind the row (contender A, B, C on MQTT 3.1.1, A, B, C on 5.0, A, B, C on 3.1.1, ...); every figure is the median over them. " +
            "workload: MQTT 3.1.1 unless it says 'MQTT 5.0' (every connection of that row connects at protocol level 5; codec rows are 3.1.1). " +
            "msg/s: messages the subscriber received (codec rows: packets) per second of the measured part, delivery included; min-max over the rounds beside it (latency rows: p99 min-max). " +
            "recv/sent: received of published, all rounds (QoS 0 may drop). " +
            "p50/p99 us: publish-to-receive, all rounds' samples pooled (n = samples). " +
            "B/msg process: GC.GetTotalAllocatedBytes(true) delta of the whole bench process per message. " +
            "B/msg threads: GC.GetAllocatedBytesForCurrentThread deltas of the threads that drive the client (ours and libmosquitto: publisher loop and subscriber loop; the calling thread for codec rows), worst round; '-' where the client works on its own threads. " +
            "CPU us: bench process user+kernel time per message, all threads (user/kernel split beside it). broker CPU us: mosquitto's (single-threaded) CPU time per message. " +
            "vs MQTTnet, vs libmosquitto: this row's median msg/s (p99 for qos1-latency, where lower is better) divided by theirs on the same protocol, with the range of the per-round ratios (round i against round i).";

        public static void WriteHeader(TextWriter output)
        {
            output.WriteLine("| workload | payload B | client | rounds | msg/s | min-max | recv/sent | p50 us | p99 us (n) | B/msg process | B/msg threads | CPU us/msg (user/kernel) | broker CPU us/msg | vs MQTTnet | vs libmosquitto |");
            output.WriteLine("|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        }

        public static void WriteRow(TextWriter output, WorkloadResult r)
        {
            bool latency = r.Headline == "p99";
            output.WriteLine(
                "| " + r.Workload + (r.Window > 1 ? " (" + r.Window + " in flight)" : string.Empty) + (r.ProtocolVersion != MqttProtocolLevels.V311 ? ", MQTT " + MqttProtocolLevels.Name(r.ProtocolVersion) : string.Empty) +
                " | " + r.PayloadBytes.ToString(CultureInfo.InvariantCulture) +
                " | " + r.Contender +
                " | " + r.Rounds.ToString(CultureInfo.InvariantCulture) +
                " | " + r.MessagesPerSecond.ToString("N0", CultureInfo.InvariantCulture) +
                " | " + (r.Rounds > 1 || latency ? r.HeadlineMin.ToString(latency ? "F1" : "N0", CultureInfo.InvariantCulture) + "-" + r.HeadlineMax.ToString(latency ? "F1" : "N0", CultureInfo.InvariantCulture) + (latency ? " (p99)" : string.Empty) : "-") +
                " | " + (r.Workload.EndsWith("-publish") ? "-" : r.Messages.ToString(CultureInfo.InvariantCulture) + "/" + r.Sent.ToString(CultureInfo.InvariantCulture)) +
                " | " + Number(r.P50Microseconds, "F1") +
                " | " + Number(r.P99Microseconds, "F1") + (latency ? " (" + r.LatencySamples.ToString(CultureInfo.InvariantCulture) + ")" : string.Empty) +
                " | " + r.AllocatedBytesPerMessage.ToString("F0", CultureInfo.InvariantCulture) +
                " | " + Number(r.WorkerThreadBytesPerMessage, "F0") +
                " | " + r.CpuMicrosecondsPerMessage.ToString("F2", CultureInfo.InvariantCulture) + " (" + r.CpuUserMicrosecondsPerMessage.ToString("F1", CultureInfo.InvariantCulture) + "/" + r.CpuKernelMicrosecondsPerMessage.ToString("F1", CultureInfo.InvariantCulture) + ")" +
                " | " + Number(r.BrokerCpuMicrosecondsPerMessage, "F2") +
                " | " + Ratio(r.Ratio, r.RatioMin, r.RatioMax) +
                " | " + Ratio(r.RatioToLibMosquitto, r.RatioToLibMosquittoMin, r.RatioToLibMosquittoMax) +
                " |");
        }

        private static string Ratio(double? ratio, double? min, double? max)
        {
            if (!ratio.HasValue)
            {
                return "-";
            }

            string text = ratio.Value.ToString("F2", CultureInfo.InvariantCulture);
            if (min.HasValue && max.HasValue && min.Value != max.Value)
            {
                text += " (" + min.Value.ToString("F2", CultureInfo.InvariantCulture) + "-" + max.Value.ToString("F2", CultureInfo.InvariantCulture) + ")";
            }

            return text;
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
