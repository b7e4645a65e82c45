using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace HomeNode.Bench
{
    /// <summary>
    /// Time per operation on nanoCLR (the device runtime, interpreted IL on the host): builds tests/DeviceTiming
    /// against the toolchain NFTOOL names (with nanoFramework.M2Mqtt 5.1 from the same toolchain), turns it and what
    /// it references into .pe files and runs it on the 32-bit and the 64-bit nanoCLR. The device program prints one
    /// "timing: client|operation|count|ticks|what" line per figure and round (see tests/DeviceTiming/Program.cs); the
    /// table shows each figure's median over the rounds.
    /// </summary>
    public sealed class NanoClrTiming
    {
        public const string OursName = "HomeNode";
        public const string M2MqttName = "M2Mqtt";

        /// <summary>The operation the nanoCLR target compares: a QoS 1 cycle's packet work, encode/decode alone on both sides.</summary>
        public const string Qos1Codec = "qos1-codec";

        public const string Project = "HomeNode.Tests.DeviceTiming";

        private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

        // what the program loads, in link order (a reference before what uses it; the entry point last)
        private static readonly string[] ToolchainPes = { "mscorlib", "nanoFramework.Runtime.Events", "nanoFramework.System.Collections", "nanoFramework.System.Text", "System.Threading", "System.IO.Streams", "System.Net", "nanoFramework.Runtime.Native", "nanoFramework.M2Mqtt.Core", "nanoFramework.M2Mqtt" };
        private static readonly string[] OurPes = { "HomeNode.Mqtt", "HomeNode.Mqtt.WebSockets", "HomeNode.Mqtt.Requests", "HomeNode.Drivers", "HomeNode.App", "HomeNode.Tests.Portable", "HomeNode.Tests.Firmware", "HomeNode.Tests.Runtime", Project };

        public List<NanoClrTimingEntry> Entries { get; } = new List<NanoClrTimingEntry>();

        public List<string> Notes { get; } = new List<string>();

        public string SkippedBecause { get; private set; }

        /// <param name="nftool">The toolchain folder (NFTOOL), or null.</param>
        /// <param name="root">The repository root (for tests/DeviceTiming), or null.</param>
        public static NanoClrTiming Measure(string nftool, string root)
        {
            NanoClrTiming timing = new NanoClrTiming();
            if (string.IsNullOrEmpty(nftool))
            {
                timing.SkippedBecause = "NFTOOL is not set; it names the nanoFramework toolchain that ../shared/nftool/rebuild.sh builds";
                return timing;
            }

            if (root == null)
            {
                timing.SkippedBecause = "not run from the repository (tests/DeviceTiming is not found)";
                return timing;
            }

            foreach (string needed in new[] { "bin/nanoclr", "bin/nanope", "ref/nanoFramework.M2Mqtt.dll" }.Concat(ToolchainPes.Select(p => "pe/" + p + ".pe")))
            {
                if (!File.Exists(Path.Combine(nftool, needed)))
                {
                    timing.SkippedBecause = "NFTOOL=" + nftool + " has no " + needed;
                    return timing;
                }
            }

            string work = Path.Combine(Path.GetTempPath(), "homenode-nanoclr-timing-" + Environment.ProcessId);
            try
            {
                Directory.CreateDirectory(work);
                timing.Run(nftool, root, work);
            }
            catch (InvalidOperationException e)
            {
                timing.Notes.Add("failed: " + e.Message);
            }
            finally
            {
                Directory.Delete(work, true);
            }

            return timing;
        }

        /// <summary>Reads the device program's "timing: client|operation|count|ticks|what" lines (ticks of 100 ns).</summary>
        public static List<NanoClrTimingEntry> Parse(string runtime, IEnumerable<string> lines)
        {
            List<NanoClrTimingEntry> entries = new List<NanoClrTimingEntry>();
            foreach (string line in lines)
            {
                if (!line.StartsWith("timing: ", StringComparison.Ordinal))
                {
                    continue;
                }

                string[] fields = line.Substring("timing: ".Length).Split('|');
                if (fields.Length != 5 || !int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out int count) || !long.TryParse(fields[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out long ticks) || count <= 0)
                {
                    continue;
                }

                double perOperation = ticks / 10.0 / count;
                entries.Add(new NanoClrTimingEntry
                {
                    Runtime = runtime,
                    Client = fields[0],
                    Operation = fields[1],
                    Count = count,
                    MicrosecondsPerOperation = perOperation,
                    MinMicroseconds = perOperation,
                    MaxMicroseconds = perOperation,
                    What = fields[4],
                });
            }

            return entries;
        }

        /// <summary>One entry per runtime, client and operation from its rounds: the median time per operation, min and max, counts summed.</summary>
        public static List<NanoClrTimingEntry> Combine(IEnumerable<NanoClrTimingEntry> rounds)
        {
            List<NanoClrTimingEntry> combined = new List<NanoClrTimingEntry>();
            foreach (IGrouping<string, NanoClrTimingEntry> group in rounds.GroupBy(e => e.Runtime + "|" + e.Client + "|" + e.Operation))
            {
                List<double> times = group.Select(e => e.MicrosecondsPerOperation).ToList();
                NanoClrTimingEntry first = group.First();
                combined.Add(new NanoClrTimingEntry
                {
                    Runtime = first.Runtime,
                    Client = first.Client,
                    Operation = first.Operation,
                    What = first.What,
                    Count = group.Sum(e => e.Count),
                    Rounds = times.Count,
                    MicrosecondsPerOperation = RoundStatistics.Median(times),
                    MinMicroseconds = RoundStatistics.Min(times),
                    MaxMicroseconds = RoundStatistics.Max(times),
                });
            }

            return combined;
        }

        public static void Write(TextWriter output, NanoClrTiming timing)
        {
            if (timing.SkippedBecause != null)
            {
                output.WriteLine("nanoCLR timing: skipped (" + timing.SkippedBecause + ")");
                return;
            }

            output.WriteLine("time per operation on nanoCLR (interpreted IL on this machine's CPU, not an ESP32's; the ratios carry over, the absolute figures do not; median of interleaved rounds, min-max in brackets):");
            output.WriteLine();
            output.WriteLine("| operation | client | what | rounds x count | nanoclr32 us/op | nanoclr (64-bit) us/op |");
            output.WriteLine("|---|---|---|--:|--:|--:|");
            foreach (IGrouping<string, NanoClrTimingEntry> row in timing.Entries.GroupBy(e => e.Operation + "|" + e.Client))
            {
                NanoClrTimingEntry first = row.First();
                output.WriteLine("| " + first.Operation + " | " + first.Client + " | " + first.What + " | " + first.Rounds + " x " + (first.Count / first.Rounds).ToString("N0", CultureInfo.InvariantCulture) + " | " + Micro(row.FirstOrDefault(e => e.Runtime == "nanoclr32")) + " | " + Micro(row.FirstOrDefault(e => e.Runtime == "nanoclr")) + " |");
            }

            foreach (string note in timing.Notes)
            {
                output.WriteLine("- " + note);
            }
        }

        private static string Micro(NanoClrTimingEntry entry)
        {
            if (entry == null)
            {
                return "-";
            }

            string median = entry.MicrosecondsPerOperation.ToString("F1", CultureInfo.InvariantCulture);
            return entry.Rounds > 1 ? median + " (" + entry.MinMicroseconds.ToString("F1", CultureInfo.InvariantCulture) + "-" + entry.MaxMicroseconds.ToString("F1", CultureInfo.InvariantCulture) + ")" : median;
        }

        private void Run(string nftool, string root, string work)
        {
            string project = Path.Combine(root, "tests", "DeviceTiming", Project + ".csproj");
            ToolRun build = ToolRun.Start("dotnet", new[] { "build", project, "-c", "Release", "-nologo", "-v:q", "-p:NFTOOL=" + nftool }, Timeout, null);
            string bin = Path.Combine(root, "tests", "DeviceTiming", "bin", "Release", "nano");
            if (build.ExitCode != 0 || !File.Exists(Path.Combine(bin, Project + ".dll")))
            {
                throw new InvalidOperationException("tests/DeviceTiming does not build: " + build.Tail(10));
            }

            List<string> pes = ToolchainPes.Select(p => Path.Combine(nftool, "pe", p + ".pe")).ToList();
            foreach (string name in OurPes)
            {
                string pe = Path.Combine(work, name + ".pe");
                ToolRun convert = ToolRun.Start(Path.Combine(nftool, "bin", "nanope"), new[] { pe, Path.Combine(bin, name + ".dll"), bin, Path.Combine(nftool, "ref") }, Timeout, null);
                if (convert.ExitCode != 0 || !File.Exists(pe))
                {
                    throw new InvalidOperationException("nanope " + name + " failed: " + convert.Tail(10));
                }

                pes.Add(pe);
            }

            foreach (string runtime in new[] { "nanoclr32", "nanoclr" })
            {
                string clr = Path.Combine(nftool, "bin", runtime);
                if (!File.Exists(clr))
                {
                    Notes.Add(runtime + ": not in the toolchain (NANOCLR32=1 rebuild.sh builds the 32-bit one)");
                    continue;
                }

                ToolRun run = ToolRun.Start(clr, pes, Timeout, line => line.StartsWith("timing: OK", StringComparison.Ordinal) || line.StartsWith("timing: FAILED", StringComparison.Ordinal));
                List<NanoClrTimingEntry> entries = Combine(Parse(runtime, run.Lines));
                if (!run.Lines.Any(l => l.StartsWith("timing: OK", StringComparison.Ordinal)) || entries.Count == 0)
                {
                    throw new InvalidOperationException(runtime + " did not finish the timing program: " + run.Tail(10));
                }

                Entries.AddRange(entries);
            }
        }
    }
}
