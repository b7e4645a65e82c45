using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace HomeNode.Bench
{
    /// <summary>
    /// Counts the system calls each contender makes per message: the bench runs itself as a child, one contender and
    /// one workload per process, under <c>strace -c -f</c> against the parent's broker, twice (a short and a longer
    /// run); the difference of the counts divided by the difference of the messages leaves out start-up, connect and
    /// warm-up. The broker is another process and is not traced.
    /// </summary>
    public static class SyscallCount
    {
        /// <summary>Workloads counted: the QoS 0 flood, await-each QoS 1 and windowed QoS 1, 16 B payloads.</summary>
        public static readonly string[] Workloads = { "qos0-throughput", "qos1-throughput", "qos1-windowed" };

        public const int Payload = 16;

        /// <summary>Why counting cannot run here (no strace), or null.</summary>
        public static string SkipReason()
        {
            foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
            {
                if (directory.Length > 0 && File.Exists(Path.Combine(directory, "strace")))
                {
                    return null;
                }
            }

            return "strace is not installed (apt-get install strace)";
        }

        /// <summary>Runs the counts for <paramref name="contenders"/> against a broker at host:port (pid for its CPU).</summary>
        public static List<SyscallCountEntry> Measure(string host, int port, int brokerProcessId, IEnumerable<string> contenders, string[] workloads, int shortRun, int longRun)
        {
            List<SyscallCountEntry> entries = new List<SyscallCountEntry>();
            foreach (string workload in workloads)
            {
                foreach (string contender in contenders)
                {
                    Dictionary<string, long> shortCounts = Run(host, port, brokerProcessId, contender, workload, shortRun);
                    Dictionary<string, long> longCounts = Run(host, port, brokerProcessId, contender, workload, longRun);
                    entries.Add(Difference(contender, workload, longRun - shortRun, shortCounts, longCounts));
                }
            }

            return entries;
        }

        /// <summary>Per-message counts from two runs' summaries; a negative difference (noise in a rare call) counts as 0.</summary>
        public static SyscallCountEntry Difference(string contender, string workload, int messages, Dictionary<string, long> shortCounts, Dictionary<string, long> longCounts)
        {
            SyscallCountEntry entry = new SyscallCountEntry { Contender = contender, Workload = workload, PayloadBytes = Payload, Messages = messages };
            long total = 0;
            foreach (KeyValuePair<string, long> call in longCounts)
            {
                if (call.Key == "total")
                {
                    continue;
                }

                long extra = call.Value - (shortCounts.TryGetValue(call.Key, out long before) ? before : 0);
                if (extra <= 0)
                {
                    continue;
                }

                total += extra;
                double perMessage = extra / (double)messages;
                if (perMessage >= 0.05)
                {
                    entry.BySyscall[call.Key] = Math.Round(perMessage, 2);
                }
            }

            entry.PerMessage = total / (double)messages;
            return entry;
        }

        /// <summary>
        /// Reads strace -c's summary table ("% time  seconds  usecs/call  calls  errors syscall"; errors may be
        /// blank): calls by system call name, and "total".
        /// </summary>
        public static Dictionary<string, long> ParseSummary(IEnumerable<string> lines)
        {
            Dictionary<string, long> calls = new Dictionary<string, long>();
            foreach (string line in lines)
            {
                string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 5 || fields.Length > 6 || !double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    continue;
                }

                if (long.TryParse(fields[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out long count))
                {
                    string name = fields[fields.Length - 1];
                    calls[name] = calls.TryGetValue(name, out long earlier) ? earlier + count : count;
                }
            }

            if (!calls.ContainsKey("total"))
            {
                throw new FormatException("no strace -c summary (no total line) in: " + string.Join(" / ", lines.Take(5)));
            }

            return calls;
        }

        /// <summary>Prints the counts as a markdown table: per message, total and the calls behind it.</summary>
        public static void Write(TextWriter output, IReadOnlyList<SyscallCountEntry> entries)
        {
            output.WriteLine("| workload | payload B | client | syscalls/msg | by call (per message) |");
            output.WriteLine("|---|--:|---|--:|---|");
            foreach (SyscallCountEntry entry in entries)
            {
                output.WriteLine(
                    "| " + entry.Workload + " | " + entry.PayloadBytes + " | " + entry.Contender + " | " +
                    entry.PerMessage.ToString("F2", CultureInfo.InvariantCulture) + " | " +
                    string.Join(", ", entry.BySyscall.OrderByDescending(c => c.Value).Select(c => c.Key + " " + c.Value.ToString("F2", CultureInfo.InvariantCulture))) + " |");
            }
        }

        /// <summary>The dotnet muxer that runs the bench's dll (this process may be an apphost or a test host).</summary>
        private static string DotnetHost()
        {
            string self = Environment.ProcessPath;
            if (self != null && Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                return self;
            }

            return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        }

        private static Dictionary<string, long> Run(string host, int port, int brokerProcessId, string contender, string workload, int messages)
        {
            string summary = Path.Combine(Path.GetTempPath(), "homenode-bench-strace-" + Environment.ProcessId + "-" + contender + "-" + workload + "-" + messages + ".txt");
            try
            {
                List<string> arguments = new List<string>
                {
                    "-f", "-c", "-o", summary, "--",
                    DotnetHost(), typeof(SyscallCount).Assembly.Location,
                    "--broker", host + ":" + port + ":" + brokerProcessId,
                    "--contenders", contender,
                    "--workloads", workload,
                    "--payloads", Payload.ToString(CultureInfo.InvariantCulture),
                    "--messages", messages.ToString(CultureInfo.InvariantCulture),
                    "--rounds", "1",
                    "--protocols", MqttProtocolLevels.Name(MqttProtocolLevels.V311),
                    "--seconds", "120",
                };
                ToolRun run = ToolRun.Start("strace", arguments, TimeSpan.FromMinutes(5), null);
                if (run.ExitCode != 0 || !File.Exists(summary))
                {
                    throw new InvalidOperationException("strace run of " + contender + " " + workload + " failed (exit " + run.ExitCode + "): " + run.Tail(10));
                }

                return ParseSummary(File.ReadAllLines(summary));
            }
            finally
            {
                File.Delete(summary);
            }
        }
    }
}
