using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace HomeNode.Bench
{
    /// <summary>
    /// The targets of issue 13 checked against a run's rows: QoS 0 throughput against MQTTnet and libmosquitto,
    /// await-each QoS 1 latency and CPU, windowed QoS 1, zero allocation, and (with nanoCLR) the device's figures.
    /// A missed target says where the time goes: our CPU split into user and kernel, the broker's CPU and the
    /// system calls per message, beside the reference's.
    /// </summary>
    public static class TargetTable
    {
        public const string Ours = "HomeNode";

        public const string MqttNet = "MQTTnet";

        public static List<TargetResult> Evaluate(IReadOnlyList<WorkloadResult> results, IReadOnlyList<SyscallCountEntry> syscalls, IReadOnlyList<NanoClrTimingEntry> nanoClrTiming, IReadOnlyList<NanoClrFootprintEntry> nanoClrFootprint)
        {
            // issue 13's speed targets are MQTT 3.1.1 figures; the zero-allocation target holds on every row, 5.0 included
            IReadOnlyList<WorkloadResult> allRows = results;
            results = results.Where(r => r.ProtocolVersion == MqttProtocolLevels.V311).ToList();
            List<TargetResult> targets = new List<TargetResult>();
            foreach (int payload in results.Select(r => r.PayloadBytes).Distinct().OrderBy(p => p))
            {
                WorkloadResult ours = Row(results, "qos0-throughput", payload, Ours);
                if (ours != null)
                {
                    targets.Add(AtLeast("QoS 0 throughput, " + payload + " B: >= 2x MQTTnet", ours.Ratio, ours.RatioMin, ours.RatioMax, 2.0, results, syscalls, "qos0-throughput", payload, MqttNet));
                    targets.Add(AtLeast("QoS 0 throughput, " + payload + " B: >= 0.9x libmosquitto", ours.RatioToLibMosquitto, ours.RatioToLibMosquittoMin, ours.RatioToLibMosquittoMax, 0.9, results, syscalls, "qos0-throughput", payload, Program.LibMosquittoName));
                }
            }

            foreach (int payload in results.Where(r => r.Workload == "qos1-latency").Select(r => r.PayloadBytes).Distinct().OrderBy(p => p))
            {
                WorkloadResult ours = Row(results, "qos1-latency", payload, Ours);
                WorkloadResult mqttNet = Row(results, "qos1-latency", payload, MqttNet);
                WorkloadResult reference = Row(results, "qos1-latency", payload, Program.LibMosquittoName);
                if (ours == null)
                {
                    continue;
                }

                foreach ((string name, Func<WorkloadResult, double?> percentile) in new (string, Func<WorkloadResult, double?>)[] { ("p50", r => r.P50Microseconds), ("p99", r => r.P99Microseconds) })
                {
                    if (mqttNet != null)
                    {
                        targets.Add(AtMost("QoS 1 await-each " + name + ", " + payload + " B: <= MQTTnet", percentile(ours), percentile(mqttNet), 1.0, results, syscalls, "qos1-latency", payload, MqttNet));
                    }

                    if (reference != null)
                    {
                        targets.Add(AtMost("QoS 1 await-each " + name + ", " + payload + " B: <= 1.2x libmosquitto", percentile(ours), percentile(reference), 1.2, results, syscalls, "qos1-latency", payload, Program.LibMosquittoName));
                    }
                }
            }

            foreach (int payload in results.Where(r => r.Workload == "qos1-throughput").Select(r => r.PayloadBytes).Distinct().OrderBy(p => p))
            {
                WorkloadResult ours = Row(results, "qos1-throughput", payload, Ours);
                WorkloadResult mqttNet = Row(results, "qos1-throughput", payload, MqttNet);
                if (ours != null && mqttNet != null)
                {
                    targets.Add(AtMost("QoS 1 await-each CPU per message, " + payload + " B: <= 0.6x MQTTnet", ours.CpuMicrosecondsPerMessage, mqttNet.CpuMicrosecondsPerMessage, 0.6, results, syscalls, "qos1-throughput", payload, MqttNet));
                }
            }

            foreach (int payload in results.Where(r => r.Workload == "qos1-windowed").Select(r => r.PayloadBytes).Distinct().OrderBy(p => p))
            {
                WorkloadResult ours = Row(results, "qos1-windowed", payload, Ours);
                if (ours != null)
                {
                    targets.Add(AtLeast("QoS 1 windowed (" + ours.Window + " in flight), " + payload + " B: >= 2x MQTTnet", ours.Ratio, ours.RatioMin, ours.RatioMax, 2.0, results, syscalls, "qos1-windowed", payload, MqttNet));
                }
            }

            List<WorkloadResult> ourRows = allRows.Where(r => r.Contender == Ours).ToList();
            if (ourRows.Count > 0)
            {
                List<WorkloadResult> allocating = ourRows.Where(r => r.WorkerThreadBytesPerMessage != 0).ToList();
                targets.Add(new TargetResult
                {
                    Target = "0 B allocated per message on every row (ours, on the threads that drive it)",
                    Measured = allocating.Count == 0 ? "0 B on all " + ourRows.Count + " rows (" + ourRows.Count(r => r.ProtocolVersion == MqttProtocolLevels.V500) + " of them MQTT 5.0)" : string.Join(", ", allocating.Select(r => r.Workload + " " + r.PayloadBytes + " B MQTT " + MqttProtocolLevels.Name(r.ProtocolVersion) + ": " + (r.WorkerThreadBytesPerMessage?.ToString("F2", CultureInfo.InvariantCulture) ?? "unmeasured"))),
                    Met = allocating.Count == 0,
                });
            }

            targets.AddRange(NanoClrTargets(nanoClrTiming, nanoClrFootprint));
            return targets;
        }

        public static void Write(TextWriter output, IReadOnlyList<TargetResult> targets)
        {
            output.WriteLine("| target | measured | met |");
            output.WriteLine("|---|---|---|");
            foreach (TargetResult target in targets)
            {
                output.WriteLine("| " + target.Target + " | " + target.Measured + " | " + (target.Met == true ? "met" : target.Met == false ? "**missed**" : "not measured") + " |");
            }

            List<TargetResult> missed = targets.Where(t => t.Met == false && t.WhereTimeGoes != null).ToList();
            if (missed.Count > 0)
            {
                output.WriteLine();
                output.WriteLine("where the time goes for the missed ones (every contender's bench process CPU per message split user/kernel and how much of a core that kept busy, mosquitto's CPU per message and how busy that kept its single thread, system calls per message from strace -c -f; the machine has " + Environment.ProcessorCount + " cores for the broker and both clients of a workload):");
                output.WriteLine();
                foreach (TargetResult target in missed)
                {
                    output.WriteLine("- " + target.Target + ": " + target.WhereTimeGoes);
                }
            }
        }

        /// <summary>Issue 11's footprint budget for HomeNode.Mqtt on the 32-bit nanoCLR: 24 KB of flash, 1.2 KB of RAM.</summary>
        public const int RomBudgetBytes = 24 * 1024;

        public const int RamBudgetBytes = 1228;

        private static IEnumerable<TargetResult> NanoClrTargets(IReadOnlyList<NanoClrTimingEntry> timing, IReadOnlyList<NanoClrFootprintEntry> footprint)
        {
            // the 32-bit nanoCLR when there (pointer size and heap blocks as on an ESP32), else the 64-bit one
            string runtime = timing != null && timing.Any(t => t.Runtime == "nanoclr32") ? "nanoclr32" : "nanoclr";
            NanoClrTimingEntry ours = timing?.FirstOrDefault(t => t.Runtime == runtime && t.Client == NanoClrTiming.OursName && t.Operation == NanoClrTiming.Qos1Codec);
            NanoClrTimingEntry theirs = timing?.FirstOrDefault(t => t.Runtime == runtime && t.Client == NanoClrTiming.M2MqttName && t.Operation == NanoClrTiming.Qos1Codec);
            NanoClrTimingEntry client = timing?.FirstOrDefault(t => t.Runtime == runtime && t.Client == NanoClrTiming.OursName && t.Operation == "qos1-cycle");
            TargetResult cycle = new TargetResult { Target = "nanoCLR: QoS 1 publish+receive cycle no slower than M2Mqtt's equivalent (its client cannot run without a network: encode/decode alone on both sides)" };
            if (ours != null && theirs != null)
            {
                cycle.Measured = runtime + ": ours " + Micro(ours.MicrosecondsPerOperation) + " us, M2Mqtt " + Micro(theirs.MicrosecondsPerOperation) + " us per QoS 1 cycle's encode/decode = " + (ours.MicrosecondsPerOperation / theirs.MicrosecondsPerOperation).ToString("F2", CultureInfo.InvariantCulture) + "x" + (client != null ? "; our whole client cycle " + Micro(client.MicrosecondsPerOperation) + " us" : string.Empty);
                cycle.Met = ours.MicrosecondsPerOperation <= theirs.MicrosecondsPerOperation;
            }
            else
            {
                cycle.Measured = "not run (needs NFTOOL)";
            }

            yield return cycle;

            NanoClrFootprintEntry mqtt = footprint?.FirstOrDefault(f => f.Assembly == "HomeNode.Mqtt");
            NanoClrFootprintEntry peer = footprint?.FirstOrDefault(f => f.Assembly == NanoClrFootprint.PeerAssembly);
            NanoClrFootprintEntry core = footprint?.FirstOrDefault(f => f.Assembly == NanoClrFootprint.PeerCoreAssembly);
            TargetResult size = new TargetResult { Target = "nanoCLR: HomeNode.Mqtt ROM + RAM <= 1/3 of M2Mqtt's (5.1 + Core), 32-bit" };
            if (mqtt != null && peer != null && core != null)
            {
                long oursBytes = mqtt.RomBytes + (mqtt.Ram32Bytes ?? mqtt.Ram64Bytes ?? 0);
                long theirsBytes = peer.RomBytes + (peer.Ram32Bytes ?? peer.Ram64Bytes ?? 0) + core.RomBytes + (core.Ram32Bytes ?? core.Ram64Bytes ?? 0);
                size.Measured = oursBytes.ToString("N0", CultureInfo.InvariantCulture) + " B vs " + theirsBytes.ToString("N0", CultureInfo.InvariantCulture) + " B = " + (oursBytes / (double)theirsBytes).ToString("F2", CultureInfo.InvariantCulture);
                size.Met = oursBytes * 3 <= theirsBytes;
            }
            else
            {
                size.Measured = "not run (needs NFTOOL)";
            }

            yield return size;

            // Issue 11: the client with both versions within what a small board spares for it (coreMQTT grew from 7.0 to
            // 18.9 KB of code for 5.0). 24 KB = 24,576 B of flash, 1.2 KB = 1,228 B of RAM at load.
            TargetResult budget = new TargetResult { Target = "nanoCLR: the client with both MQTT versions (HomeNode.Mqtt) <= 24 KB ROM and <= 1.2 KB RAM, 32-bit" };
            int? ram = mqtt == null ? null : mqtt.Ram32Bytes ?? mqtt.Ram64Bytes;
            if (mqtt != null && ram.HasValue)
            {
                budget.Measured = mqtt.RomBytes.ToString("N0", CultureInfo.InvariantCulture) + " B ROM, " + ram.Value.ToString("N0", CultureInfo.InvariantCulture) + " B RAM" + (mqtt.Ram32Bytes.HasValue ? string.Empty : " (64-bit)");
                budget.Met = mqtt.RomBytes <= RomBudgetBytes && ram.Value <= RamBudgetBytes;
            }
            else
            {
                budget.Measured = "not run (needs NFTOOL)";
            }

            yield return budget;
        }

        private static TargetResult AtLeast(string name, double? ratio, double? min, double? max, double target, IReadOnlyList<WorkloadResult> results, IReadOnlyList<SyscallCountEntry> syscalls, string workload, int payload, string against)
        {
            TargetResult result = new TargetResult { Target = name };
            if (!ratio.HasValue)
            {
                result.Measured = "not measured (no " + against + " row)";
                return result;
            }

            result.Measured = ratio.Value.ToString("F2", CultureInfo.InvariantCulture) + "x" + (min.HasValue ? " (rounds " + min.Value.ToString("F2", CultureInfo.InvariantCulture) + "-" + max.Value.ToString("F2", CultureInfo.InvariantCulture) + "x)" : string.Empty);
            result.Met = ratio.Value >= target;
            if (result.Met == false)
            {
                result.WhereTimeGoes = WhereTimeGoes(results, syscalls, workload, payload);
            }

            return result;
        }

        private static TargetResult AtMost(string name, double? mine, double? theirs, double factor, IReadOnlyList<WorkloadResult> results, IReadOnlyList<SyscallCountEntry> syscalls, string workload, int payload, string against)
        {
            TargetResult result = new TargetResult { Target = name };
            if (!mine.HasValue || !theirs.HasValue || theirs.Value <= 0)
            {
                result.Measured = "not measured";
                return result;
            }

            result.Measured = "ours " + Micro(mine.Value) + ", " + against + " " + Micro(theirs.Value) + " = " + (mine.Value / theirs.Value).ToString("F2", CultureInfo.InvariantCulture) + "x";
            result.Met = mine.Value <= factor * theirs.Value;
            if (result.Met == false)
            {
                result.WhereTimeGoes = WhereTimeGoes(results, syscalls, workload, payload);
            }

            return result;
        }

        /// <summary>Every contender's CPU per message split user/kernel, the broker's CPU per message and system calls per message, for one workload and payload.</summary>
        public static string WhereTimeGoes(IReadOnlyList<WorkloadResult> results, IReadOnlyList<SyscallCountEntry> syscalls, string workload, int payload)
        {
            List<string> parts = new List<string>();
            foreach (WorkloadResult row in results.Where(r => r.Workload == workload && r.PayloadBytes == payload))
            {
                string part = row.Contender + " " + row.MessagesPerSecond.ToString("N0", CultureInfo.InvariantCulture) + " msg/s, " + Micro(row.CpuMicrosecondsPerMessage) + " us CPU/msg (user " + Micro(row.CpuUserMicrosecondsPerMessage) + ", kernel " + Micro(row.CpuKernelMicrosecondsPerMessage) + ")";
                if (row.Headline != "p99")
                {
                    // msg/s x CPU per message: how much of a core the bench process used; far from 1 on both sides means
                    // the wall time went to waiting (wake-ups, other work on the machine), not to computing
                    part += " (process busy " + Share(row.MessagesPerSecond * row.CpuMicrosecondsPerMessage) + " of a core)";
                }

                part += ", broker " + (row.BrokerCpuMicrosecondsPerMessage.HasValue ? Micro(row.BrokerCpuMicrosecondsPerMessage.Value) : "-") + " us/msg";
                if (row.BrokerCpuMicrosecondsPerMessage.HasValue && row.Headline != "p99")
                {
                    // mosquitto is single-threaded: msg/s x its CPU per message is the share of its one core it used
                    part += " (broker busy " + Share(row.MessagesPerSecond * row.BrokerCpuMicrosecondsPerMessage.Value) + " of a core)";
                }

                string countWorkload = workload == "qos1-latency" ? "qos1-throughput" : workload;
                SyscallCountEntry count = syscalls?.FirstOrDefault(s => s.Contender == row.Contender && s.Workload == countWorkload);
                if (count != null)
                {
                    part += ", " + count.PerMessage.ToString("F1", CultureInfo.InvariantCulture) + " syscalls/msg" + (countWorkload != workload ? " (counted on " + countWorkload + " " + count.PayloadBytes + " B)" : count.PayloadBytes != payload ? " (counted at " + count.PayloadBytes + " B)" : string.Empty);
                }

                parts.Add(part);
            }

            return string.Join("; ", parts);
        }

        private static WorkloadResult Row(IReadOnlyList<WorkloadResult> results, string workload, int payload, string contender)
        {
            return results.FirstOrDefault(r => r.Workload == workload && r.PayloadBytes == payload && r.Contender == contender);
        }

        private static string Micro(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

        /// <summary>Microseconds of CPU per second as a share of one core, e.g. "40%".</summary>
        private static string Share(double microsecondsPerSecond) => (microsecondsPerSecond / 1e6 * 100).ToString("F0", CultureInfo.InvariantCulture) + "%";
    }
}
