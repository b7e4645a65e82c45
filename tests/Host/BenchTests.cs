using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using HomeNode.Bench;
using HomeNode.Host.Mosquitto;
using Xunit;
using Xunit.Abstractions;

namespace HomeNode.Tests.Host
{
    /// <summary>
    /// The bench harness end to end at a tiny size: its own mosquitto, every workload, all three clients in interleaved
    /// rounds, sane figures, broker stopped; the round statistics, targets, system call count and nanoCLR timing.
    /// </summary>
    public class BenchTests
    {
        private readonly ITestOutputHelper output;

        public BenchTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public async Task TinyRunMeasuresEveryWorkloadForEveryClientInInterleavedRoundsAndStopsItsBroker()
        {
            // MQTT 3.1.1 here; the 5.0 rows have their own run below
            BenchOptions options = BenchOptions.Parse(new[] { "--quick", "--messages", "200", "--payloads", "16,300", "--seconds", "2", "--rounds", "3", "--protocols", "3.1.1" });
            List<WorkloadResult> results;
            List<string> order = new List<string>();
            int brokerProcess;
            using (MosquittoBroker broker = MosquittoBroker.Start(BenchRunner.BrokerOptions()))
            {
                brokerProcess = broker.ProcessId;
                Assert.StartsWith("mosquitto version", broker.Version);
                BenchRunner runner = new BenchRunner(options, broker);
                results = await runner.RunAsync(Program.Contenders, result => order.Add(result.Workload + " " + result.PayloadBytes + " " + result.Contender));
            }

            System.IO.StringWriter table = new System.IO.StringWriter();
            ResultTable.Write(table, results);
            output.WriteLine(table.ToString());

            Assert.Equal(new[] { "MQTTnet", "HomeNode", "libmosquitto" }, Program.Contenders.Select(c => c.Name));
            Assert.StartsWith("libmosquitto 2.", LibMosquittoConnection.Version);

            // libmosquitto has no codec of its own to time: broker workloads for three clients, codec rows for two
            int brokerWorkloads = BenchOptions.AllWorkloads.Count(w => !w.EndsWith("-publish"));
            Assert.Equal((brokerWorkloads * 3 * 2) + ((BenchOptions.AllWorkloads.Length - brokerWorkloads) * 2 * 2), results.Count);
            Assert.Equal(results.Select(r => r.Workload + " " + r.PayloadBytes + " " + r.Contender), order);
            foreach (WorkloadResult result in results)
            {
                string what = result.Workload + " " + result.PayloadBytes + " " + result.Contender;
                Assert.Equal(3, result.Rounds);
                Assert.Equal(3, result.RoundHeadlines.Count);
                Assert.True(result.HeadlineMin <= result.HeadlineMedian && result.HeadlineMedian <= result.HeadlineMax, what);
                Assert.Equal(RoundStatistics.Median(result.RoundHeadlines), result.HeadlineMedian);
                Assert.True(result.Messages > 0, what);
                Assert.Equal(result.Sent, result.Messages);
                Assert.Equal(0, result.Lost);
                Assert.True(result.MessagesPerSecond > 0, what);
                Assert.True(result.CpuMicrosecondsPerMessage > 0, what);
                // process CPU times come in clock ticks (10 ms): a tiny round may show all of it as user or as kernel
                Assert.True(result.CpuUserMicrosecondsPerMessage >= 0 && result.CpuUserMicrosecondsPerMessage <= result.CpuMicrosecondsPerMessage * 3, what + ": user CPU " + result.CpuUserMicrosecondsPerMessage);
                Assert.NotNull(result.Ratio);
                Assert.True(result.RatioMin <= result.Ratio * 1.0000001 && result.Ratio <= result.RatioMax * 1.0000001, what + ": ratio " + result.Ratio + " outside its rounds' " + result.RatioMin + "-" + result.RatioMax);
                Assert.Equal(result.Workload.EndsWith("-publish"), result.RatioToLibMosquitto == null);
                if (result.Contender == "MQTTnet")
                {
                    Assert.Equal(1.0, result.Ratio);

                    // MQTTnet allocates per message (a message object at least); zero would mean the counter is not read
                    Assert.True(result.AllocatedBytesPerMessage > 0, what);
                }
                else if (result.Contender == "libmosquitto")
                {
                    Assert.Equal(1.0, result.RatioToLibMosquitto);
                    Assert.NotNull(result.WorkerThreadBytesPerMessage);
                }
                else
                {
                    // our client's claim, read on the threads that drive it over real sockets, in every round: nothing per message
                    Assert.True(result.WorkerThreadBytesPerMessage == 0, what + ": " + (result.WorkerThreadBytesPerMessage * result.Messages / result.Rounds) + " bytes on the worker threads in the worst round");
                }

                if (!result.Workload.EndsWith("-publish"))
                {
                    Assert.NotNull(result.BrokerCpuMicrosecondsPerMessage);
                    Assert.Equal(result.Workload.EndsWith("-throughput") || result.Workload == "qos1-windowed", result.PublishSeconds.HasValue);
                }

                Assert.Equal(result.Workload == "qos1-windowed" ? 8 : 1, result.Window);
            }

            foreach (string client in new[] { "MQTTnet", "HomeNode", "libmosquitto" })
            {
                WorkloadResult latency = results.Single(r => r.Workload == "qos1-latency" && r.PayloadBytes == 16 && r.Contender == client);
                Assert.Equal("p99", latency.Headline);

                // every round's samples pooled
                Assert.Equal(3 * options.LatencyMessages, latency.LatencySamples);
                Assert.True(latency.P50Microseconds > 0 && latency.P99Microseconds >= latency.P50Microseconds, client + " p50 " + latency.P50Microseconds + " p99 " + latency.P99Microseconds);
                Assert.Null(results.First(r => r.Workload == "qos0-throughput" && r.Contender == client).P99Microseconds);

                // the windowed workload kept 8 in flight and got every message through
                WorkloadResult windowed = results.Single(r => r.Workload == "qos1-windowed" && r.PayloadBytes == 300 && r.Contender == client);
                Assert.Equal(3 * 200, windowed.Messages);
            }

            // the target table reads this run: every broker target measured (met or missed), the nanoCLR ones not run here
            List<TargetResult> targets = TargetTable.Evaluate(results, null, null, null);
            Assert.Equal(2 * 2 + (2 * 4) + 2 + 2 + 1 + 3, targets.Count);
            Assert.All(targets.Take(targets.Count - 3), t => Assert.NotNull(t.Met));
            Assert.True(targets.Single(t => t.Target.StartsWith("0 B allocated", StringComparison.Ordinal)).Met);
            Assert.All(targets.Skip(targets.Count - 3), t => Assert.Null(t.Met));

            Assert.Throws<ArgumentException>(() => Process.GetProcessById(brokerProcess));
        }

        /// <summary>
        /// The MQTT 5.0 rows for real: every broker workload for all three clients at protocol level 5 beside the 3.1.1
        /// rows, in the same interleaved rounds (the broker's own connection log says which level each client asked
        /// for, in order), every message delivered, ratios within a protocol, and our client allocating nothing per
        /// message on 5.0 either.
        /// </summary>
        [Fact]
        public async Task TinyRunHasMqtt5RowsForEveryClientInTheSameInterleavedRounds()
        {
            BenchOptions options = BenchOptions.Parse(new[] { "--quick", "--messages", "200", "--payloads", "16", "--seconds", "2", "--rounds", "2", "--workloads", "qos0-throughput,qos1-throughput,qos1-windowed,qos1-latency,encode-publish" });
            Assert.Equal(new[] { 4, 5 }, options.Protocols);

            // "New client connected from 127.0.0.1:port as <id> (p5, c1, k60)." (mosquitto 2.0, src/handle_connect.c):
            // the protocol each CONNECT asked for, in connection order, as mosquitto's own enum numbers it (p2 = 3.1.1, p5 = 5.0)
            List<string> levels = new List<string>();
            MosquittoBrokerOptions brokerOptions = BenchRunner.BrokerOptions();
            brokerOptions.LogTypes = new[] { "error", "notice" };
            brokerOptions.ConsoleLine = line =>
            {
                System.Text.RegularExpressions.Match connected = System.Text.RegularExpressions.Regex.Match(line, @"New client connected from \S+ as bench-\S+ \((p\d),");
                if (connected.Success)
                {
                    lock (levels)
                    {
                        levels.Add(connected.Groups[1].Value);
                    }
                }
            };

            List<WorkloadResult> results;
            using (MosquittoBroker broker = MosquittoBroker.Start(brokerOptions))
            {
                BenchRunner runner = new BenchRunner(options, broker);
                results = await runner.RunAsync(Program.Contenders, null);
            }

            System.IO.StringWriter table = new System.IO.StringWriter();
            ResultTable.Write(table, results);
            output.WriteLine(table.ToString());

            // 4 broker workloads x 2 protocols x 3 clients, then the codec rows (3.1.1 only, no libmosquitto)
            Assert.Equal((4 * 2 * 3) + 2, results.Count);
            Assert.All(results.Where(r => r.Workload == "encode-publish"), r => Assert.Equal(MqttProtocolLevels.V311, r.ProtocolVersion));

            // per workload: round 1 on 3.1.1 (3 clients x publisher and subscriber), round 1 on 5.0, round 2 likewise
            string[] oneWorkload = Enumerable.Repeat("p2", 6).Concat(Enumerable.Repeat("p5", 6)).Concat(Enumerable.Repeat("p2", 6)).Concat(Enumerable.Repeat("p5", 6)).ToArray();
            lock (levels)
            {
                Assert.Equal(Enumerable.Repeat(oneWorkload, 4).SelectMany(l => l), levels);
            }

            foreach (string workload in new[] { "qos0-throughput", "qos1-throughput", "qos1-windowed", "qos1-latency" })
            {
                foreach (int protocol in new[] { MqttProtocolLevels.V311, MqttProtocolLevels.V500 })
                {
                    List<WorkloadResult> rows = results.Where(r => r.Workload == workload && r.ProtocolVersion == protocol).ToList();
                    Assert.Equal(new[] { "MQTTnet", "HomeNode", "libmosquitto" }, rows.Select(r => r.Contender));
                    foreach (WorkloadResult row in rows)
                    {
                        string what = workload + " MQTT " + MqttProtocolLevels.Name(protocol) + " " + row.Contender;
                        Assert.Equal(2, row.Rounds);
                        Assert.True(row.Messages > 0, what);
                        Assert.Equal(row.Sent, row.Messages);
                        Assert.Equal(0, row.Lost);
                        Assert.Equal(workload == "qos1-windowed" ? 8 : 1, row.Window);
                        Assert.True(row.MessagesPerSecond > 0, what);

                        // ratios against the same protocol's rows, with that protocol's baselines at exactly 1
                        Assert.Equal(row.HeadlineMedian / rows[0].HeadlineMedian, row.Ratio.Value, 9);
                        Assert.Equal(row.HeadlineMedian / rows[2].HeadlineMedian, row.RatioToLibMosquitto.Value, 9);
                        if (row.Contender == "HomeNode")
                        {
                            Assert.True(row.WorkerThreadBytesPerMessage == 0, what + ": " + row.WorkerThreadBytesPerMessage + " B/msg on the worker threads in the worst round");
                        }
                        else if (row.Contender == "MQTTnet")
                        {
                            Assert.True(row.AllocatedBytesPerMessage > 0, what);
                        }
                    }

                    if (workload == "qos1-windowed" || workload == "qos1-latency")
                    {
                        Assert.All(rows, r => Assert.Equal(2 * (workload == "qos1-latency" ? options.LatencyMessages : 200), r.Messages));
                    }

                    if (workload == "qos1-latency")
                    {
                        Assert.All(rows, r => Assert.Equal(2 * options.LatencyMessages, r.LatencySamples));
                        Assert.All(rows, r => Assert.True(r.P50Microseconds > 0 && r.P99Microseconds >= r.P50Microseconds, r.Contender));
                    }
                }
            }

            // the printed rows say which are 5.0; the issue-13 targets stay 3.1.1 figures, the zero-allocation one covers both
            Assert.Contains("| qos1-windowed (8 in flight), MQTT 5.0 | 16 | HomeNode |", table.ToString());
            Assert.Contains("| qos0-throughput | 16 | HomeNode |", table.ToString());
            List<TargetResult> targets = TargetTable.Evaluate(results, null, null, null);
            TargetResult zero = targets.Single(t => t.Target.StartsWith("0 B allocated", StringComparison.Ordinal));
            Assert.True(zero.Met);
            Assert.Equal("0 B on all 9 rows (4 of them MQTT 5.0)", zero.Measured);
            Assert.Equal(targets.Count, TargetTable.Evaluate(results.Where(r => r.ProtocolVersion == MqttProtocolLevels.V311).ToList(), null, null, null).Count);
        }

        [Fact]
        public void MedianSpreadAndPooledPercentilesOfRounds()
        {
            Assert.Equal(3.0, RoundStatistics.Median(new[] { 5.0, 1.0, 3.0 }));
            Assert.Equal(2.5, RoundStatistics.Median(new[] { 4.0, 1.0, 2.0, 3.0 }));
            Assert.Equal(1.0, RoundStatistics.Min(new[] { 4.0, 1.0, 2.0 }));
            Assert.Equal(4.0, RoundStatistics.Max(new[] { 4.0, 1.0, 2.0 }));
            Assert.Equal(0.5, RoundStatistics.RelativeSpread(new[] { 90.0, 100.0, 140.0 }));
            Assert.Throws<ArgumentException>(() => RoundStatistics.Median(Array.Empty<double>()));

            long frequency = 1_000_000; // ticks = microseconds
            long[] sorted = Enumerable.Range(1, 100).Select(i => (long)i).ToArray();
            Assert.Equal(50.0, RoundStatistics.PercentileMicroseconds(sorted, 0.50, frequency));
            Assert.Equal(99.0, RoundStatistics.PercentileMicroseconds(sorted, 0.99, frequency));
            Assert.Null(RoundStatistics.PercentileMicroseconds(Array.Empty<long>(), 0.5, frequency));

            // three rounds of one contender: medians of every figure, worst round's allocation, all samples pooled
            List<WorkloadResult> rounds = new List<WorkloadResult>();
            long[][] samples = { new long[] { 10, 20 }, new long[] { 30, 40 }, new long[] { 50, 60 } };
            for (int i = 0; i < 3; i++)
            {
                rounds.Add(new WorkloadResult
                {
                    Workload = "qos1-latency",
                    Contender = "HomeNode",
                    PayloadBytes = 16,
                    Headline = "p99",
                    Messages = 2,
                    Sent = 2,
                    MessagesPerSecond = 1000 * (i + 1),
                    CpuMicrosecondsPerMessage = 10 * (3 - i),
                    WorkerThreadBytesPerMessage = i == 1 ? 0.5 : 0,
                    P99Microseconds = samples[i][1] * 1_000_000.0 / Stopwatch.Frequency,
                    LatencyTicks = samples[i],
                });
            }

            WorkloadResult row = BenchRunner.Combine(rounds);
            Assert.Equal(3, row.Rounds);
            Assert.Equal(6, row.Messages);
            Assert.Equal(2000, row.MessagesPerSecond);
            Assert.Equal(20, row.CpuMicrosecondsPerMessage);
            Assert.Equal(0.5, row.WorkerThreadBytesPerMessage);
            Assert.Equal(6, row.LatencySamples);
            Assert.Equal(30 * 1_000_000.0 / Stopwatch.Frequency, row.P50Microseconds.Value, 6);
            Assert.Equal(60 * 1_000_000.0 / Stopwatch.Frequency, row.P99Microseconds.Value, 6);
            Assert.Equal(40 * 1_000_000.0 / Stopwatch.Frequency, row.HeadlineMedian, 6);
            Assert.Equal(20 * 1_000_000.0 / Stopwatch.Frequency, row.HeadlineMin, 6);
        }

        [Fact]
        public void TargetsSayMetOrMissedAndWhereTheTimeGoes()
        {
            List<WorkloadResult> results = new List<WorkloadResult>
            {
                Row("qos0-throughput", "MQTTnet", 30000, ratio: 1.0, toLib: 0.5),
                Row("qos0-throughput", "HomeNode", 66000, ratio: 2.2, toLib: 1.1),
                Row("qos0-throughput", "libmosquitto", 60000, ratio: 2.0, toLib: 1.0),
                Row("qos1-windowed", "MQTTnet", 20000, ratio: 1.0, toLib: 1.0),
                Row("qos1-windowed", "HomeNode", 30000, ratio: 1.5, toLib: 1.5),
                Row("qos1-windowed", "libmosquitto", 20000, ratio: 1.0, toLib: 1.0),
            };
            results[4].Window = 8;
            results[4].BrokerCpuMicrosecondsPerMessage = 25;
            List<SyscallCountEntry> syscalls = new List<SyscallCountEntry> { new SyscallCountEntry { Contender = "HomeNode", Workload = "qos1-windowed", PayloadBytes = 16, PerMessage = 3.75 } };
            List<NanoClrTimingEntry> timing = new List<NanoClrTimingEntry>
            {
                new NanoClrTimingEntry { Runtime = "nanoclr32", Client = "HomeNode", Operation = "qos1-codec", Count = 10, MicrosecondsPerOperation = 9, What = "encode/decode alone" },
                new NanoClrTimingEntry { Runtime = "nanoclr32", Client = "M2Mqtt", Operation = "qos1-codec", Count = 10, MicrosecondsPerOperation = 31, What = "encode/decode alone" },
            };

            List<TargetResult> targets = TargetTable.Evaluate(results, syscalls, timing, null);
            TargetResult qos0 = targets.Single(t => t.Target == "QoS 0 throughput, 16 B: >= 2x MQTTnet");
            Assert.True(qos0.Met);
            Assert.Null(qos0.WhereTimeGoes);
            Assert.True(targets.Single(t => t.Target == "QoS 0 throughput, 16 B: >= 0.9x libmosquitto").Met);
            TargetResult windowed = targets.Single(t => t.Target == "QoS 1 windowed (8 in flight), 16 B: >= 2x MQTTnet");
            Assert.False(windowed.Met);
            Assert.Contains("HomeNode 30,000 msg/s", windowed.WhereTimeGoes);
            Assert.Contains("HomeNode 30,000 msg/s, 10.0 us CPU/msg (user 4.0, kernel 6.0) (process busy 30% of a core), broker 25.0 us/msg (broker busy 75% of a core)", windowed.WhereTimeGoes);
            Assert.Contains("3.8 syscalls/msg", windowed.WhereTimeGoes);
            Assert.True(targets.Single(t => t.Target.StartsWith("nanoCLR: QoS 1", StringComparison.Ordinal)).Met);
            Assert.Null(targets.Single(t => t.Target.StartsWith("nanoCLR: HomeNode.Mqtt", StringComparison.Ordinal)).Met);
            Assert.Null(targets.Single(t => t.Target.StartsWith("nanoCLR: the client with both", StringComparison.Ordinal)).Met);
            List<NanoClrFootprintEntry> footprint = new List<NanoClrFootprintEntry> { new NanoClrFootprintEntry { Assembly = "HomeNode.Mqtt", RomBytes = 24576, Ram32Bytes = 1228, Ram64Bytes = 1300 } };
            Assert.True(TargetTable.Evaluate(results, syscalls, timing, footprint).Single(t => t.Target.StartsWith("nanoCLR: the client with both", StringComparison.Ordinal)).Met);
            footprint[0].Ram32Bytes = 1229;
            TargetResult overBudget = TargetTable.Evaluate(results, syscalls, timing, footprint).Single(t => t.Target.StartsWith("nanoCLR: the client with both", StringComparison.Ordinal));
            Assert.False(overBudget.Met);
            Assert.Equal("24,576 B ROM, 1,229 B RAM", overBudget.Measured);

            System.IO.StringWriter printed = new System.IO.StringWriter();
            TargetTable.Write(printed, targets);
            Assert.Contains("| QoS 1 windowed (8 in flight), 16 B: >= 2x MQTTnet | 1.50x | **missed** |", printed.ToString());
            Assert.Contains("- QoS 1 windowed (8 in flight), 16 B: >= 2x MQTTnet: MQTTnet", printed.ToString());
        }

        [Fact]
        public void StraceSummaryIsReadAndTwoRunsGiveCallsPerMessage()
        {
            // as strace 5.x/6.x prints it with -c (the errors column blank where none failed)
            string[] summary =
            {
                "% time     seconds  usecs/call     calls    errors syscall",
                "------ ----------- ----------- --------- --------- ----------------",
                " 61.20    0.812345          40     20100           sendto",
                " 30.10    0.400000          19     21000      9000 recvfrom",
                "  0.01    0.000100          10        10           futex",
                "------ ----------- ----------- --------- --------- ----------------",
                "100.00    1.212445          29     41110      9000 total",
            };
            Dictionary<string, long> longRun = SyscallCount.ParseSummary(summary);
            Assert.Equal(20100, longRun["sendto"]);
            Assert.Equal(21000, longRun["recvfrom"]);
            Assert.Equal(41110, longRun["total"]);

            Dictionary<string, long> shortRun = new Dictionary<string, long> { ["sendto"] = 100, ["recvfrom"] = 1000, ["futex"] = 12, ["total"] = 1112 };
            SyscallCountEntry entry = SyscallCount.Difference("HomeNode", "qos0-throughput", 10000, shortRun, longRun);
            Assert.Equal(4.0, entry.PerMessage);
            Assert.Equal(2.0, entry.BySyscall["sendto"]);
            Assert.Equal(2.0, entry.BySyscall["recvfrom"]);
            Assert.False(entry.BySyscall.ContainsKey("futex"));

            Assert.Throws<FormatException>(() => SyscallCount.ParseSummary(new[] { "strace: exec: No such file or directory" }));
        }

        /// <summary>
        /// Our receive path at the minimum the design allows, counted for real under strace: per QoS 0 message the
        /// publisher makes one send and one empty non-blocking receive (its Poll), the subscriber a wait (poll) and a
        /// receive per wake-up, which take several messages when they queue up: at most 4, about 2 in a long flood. The
        /// transport before issue 13 took 17 (FIONREAD + poll per receive, a poll per send, epoll wake-ups and
        /// thread-pool spinning from a socket registered by ConnectAsync).
        /// </summary>
        [Fact]
        public void OurClientMakesOneSendAndAtMostThreeOtherSystemCallsPerQos0Message()
        {
            Assert.True(SyscallCount.SkipReason() == null, "strace is needed (test.sh installs it): " + SyscallCount.SkipReason());
            List<SyscallCountEntry> counts;
            using (MosquittoBroker broker = MosquittoBroker.Start(BenchRunner.BrokerOptions()))
            {
                counts = SyscallCount.Measure(broker.Host, broker.Port, broker.ProcessId, new[] { "HomeNode" }, new[] { "qos0-throughput" }, 500, 4500);
            }

            SyscallCountEntry ours = Assert.Single(counts);
            string calls = ours.PerMessage + " system calls per message: " + string.Join(", ", ours.BySyscall.Select(c => c.Key + " " + c.Value));
            output.WriteLine(calls);
            Assert.True(ours.PerMessage > 1 && ours.PerMessage <= 4.5, calls);
            Assert.InRange(ours.BySyscall["sendto"], 0.95, 1.05);
            // Per message, not "never": the runtime's own threads (GC, tiering, timers) now and then make one of these
            // during a run, which shows up as a few hundredths per message; the old transport made them every message.
            Assert.True(PerMessage(ours, "ioctl") < 0.2, "FIONREAD (Socket.Available) is back in the receive path: " + calls);
            Assert.True(PerMessage(ours, "epoll_wait") < 0.2, "the socket is registered with the epoll engine again (an async operation on it): " + calls);
            Assert.True(PerMessage(ours, "sched_yield") < 0.5, "thread-pool spinning per message: " + calls);
        }

        private static double PerMessage(SyscallCountEntry entry, string syscall)
        {
            return entry.BySyscall.TryGetValue(syscall, out double perMessage) ? perMessage : 0;
        }

        [Fact]
        public void NanoClrTimingRunsWithTheToolchainOrSaysInOneLineWhyNot()
        {
            string nftool = Environment.GetEnvironmentVariable("NFTOOL");
            string root = RepositoryRoot();
            NanoClrTiming timing = NanoClrTiming.Measure(nftool, root);
            System.IO.StringWriter printed = new System.IO.StringWriter();
            NanoClrTiming.Write(printed, timing);
            output.WriteLine(printed.ToString());
            if (string.IsNullOrEmpty(nftool))
            {
                Assert.Equal("nanoCLR timing: skipped (NFTOOL is not set; it names the nanoFramework toolchain that ../shared/nftool/rebuild.sh builds)" + printed.NewLine, printed.ToString());
                return;
            }

            Assert.Null(timing.SkippedBecause);
            Assert.DoesNotContain(timing.Notes, n => n.StartsWith("failed", StringComparison.Ordinal));
            foreach (string operation in new[] { "qos0-cycle", "qos1-cycle", "1000-readings", "qos0-codec", "qos1-codec" })
            {
                Assert.Contains(timing.Entries, e => e.Client == "HomeNode" && e.Operation == operation && e.MicrosecondsPerOperation > 0 && e.Rounds == 5);
            }

            Assert.Contains(timing.Entries, e => e.Client == "M2Mqtt" && e.Operation == "qos1-codec" && e.What.Contains("encode/decode alone") && e.MicrosecondsPerOperation > 0);
        }

        [Fact]
        public void NanoClrTimingLinesAreParsed()
        {
            List<NanoClrTimingEntry> entries = NanoClrTiming.Parse("nanoclr32", new[]
            {
                "Ready.",
                "timing: HomeNode|qos1-cycle|5000|1482097|client: Publish, PUBACK, incoming PUBLISH, Poll",
                "timing: M2Mqtt|qos1-codec|5000|not-a-number|x",
                "timing: OK",
            });
            NanoClrTimingEntry entry = Assert.Single(entries);
            Assert.Equal("HomeNode", entry.Client);
            Assert.Equal("qos1-cycle", entry.Operation);
            Assert.Equal(5000, entry.Count);
            Assert.Equal(29.64194, entry.MicrosecondsPerOperation, 5);

            // rounds of one figure: the median, min and max, counts summed
            List<NanoClrTimingEntry> rounds = NanoClrTiming.Parse("nanoclr", new[]
            {
                "timing: M2Mqtt|qos1-codec|1000|300000|encode/decode alone",
                "timing: M2Mqtt|qos1-codec|1000|100000|encode/decode alone",
                "timing: M2Mqtt|qos1-codec|1000|200000|encode/decode alone",
                "timing: HomeNode|qos1-codec|1000|50000|encode/decode alone",
            });
            List<NanoClrTimingEntry> combined = NanoClrTiming.Combine(rounds);
            Assert.Equal(2, combined.Count);
            NanoClrTimingEntry theirs = combined.Single(e => e.Client == "M2Mqtt");
            Assert.Equal(3, theirs.Rounds);
            Assert.Equal(3000, theirs.Count);
            Assert.Equal(20.0, theirs.MicrosecondsPerOperation, 6);
            Assert.Equal(10.0, theirs.MinMicroseconds, 6);
            Assert.Equal(30.0, theirs.MaxMicroseconds, 6);
            Assert.Equal(1, combined.Single(e => e.Client == "HomeNode").Rounds);
        }

        private static WorkloadResult Row(string workload, string contender, double messagesPerSecond, double ratio, double toLib)
        {
            return new WorkloadResult
            {
                Workload = workload,
                Contender = contender,
                PayloadBytes = 16,
                Headline = "msg/s",
                MessagesPerSecond = messagesPerSecond,
                HeadlineMedian = messagesPerSecond,
                Ratio = ratio,
                RatioToLibMosquitto = toLib,
                WorkerThreadBytesPerMessage = contender == "HomeNode" ? 0 : null,
                CpuMicrosecondsPerMessage = 10,
                CpuUserMicrosecondsPerMessage = 4,
                CpuKernelMicrosecondsPerMessage = 6,
            };
        }

        private static string RepositoryRoot()
        {
            System.IO.DirectoryInfo directory = new System.IO.DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "HomeNode.slnx")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName;
        }

        [Fact]
        public void OurClientsMemoryIsWhatItWasGiven()
        {
            PolledClientConfiguration firmware = new PolledClientConfiguration
            {
                SendBufferBytes = 1024,
                ReceiveBufferBytes = 1024,
                InflightSlots = 8,
                InflightSlotBytes = 768,
                IncomingQos2Slots = 4,
            };
            ClientMemoryEntry entry = Program.ClientMemory("firmware", firmware);

            // buffers, slot storage, per slot id (2) + kind (1) + length (4) + sequence (8) + resends (4), incoming ids (2 each)
            Assert.Equal(1024 + 1024 + (8 * 768) + (8 * 19) + (4 * 2), entry.FootprintBytes);
        }

        [Fact]
        public void OptionsRejectUnknownWorkloads()
        {
            Assert.Throws<ArgumentException>(() => BenchOptions.Parse(new[] { "--workloads", "qos2-throughput" }));
            BenchOptions quick = BenchOptions.Parse(new[] { "--quick", "--json", "out.json" });
            Assert.True(quick.Quick);
            Assert.Equal("out.json", quick.JsonPath);
            Assert.Equal(new[] { 16, 256, 4096 }, quick.Payloads);
            Assert.Equal(2, quick.Rounds);

            // a full run: five interleaved rounds, latency rows from at least 20,000 samples per contender, a window of 8
            BenchOptions full = BenchOptions.Parse(Array.Empty<string>());
            Assert.Equal(5, full.Rounds);
            Assert.True(full.Rounds * full.LatencyMessages >= 20000);
            Assert.Equal(8, full.Window);
            Assert.Contains("qos1-windowed", full.Workloads);
            Assert.Equal(3, BenchOptions.Parse(new[] { "--rounds", "3", "--window", "4" }).Rounds);
            Assert.Equal(4, BenchOptions.Parse(new[] { "--window", "4" }).Window);
            Assert.Throws<ArgumentException>(() => BenchOptions.Parse(new[] { "--rounds", "0" }));
            Assert.Equal(new[] { "HomeNode" }, BenchOptions.Parse(new[] { "--contenders", "HomeNode" }).Contenders);

            // both protocol levels by default; one of them on request; nothing else
            Assert.Equal(new[] { 4, 5 }, full.Protocols);
            Assert.Equal(new[] { 5 }, BenchOptions.Parse(new[] { "--protocols", "5.0" }).Protocols);
            Assert.Equal(new[] { 4 }, BenchOptions.Parse(new[] { "--protocols", "3.1.1" }).Protocols);
            ArgumentException unknown = Assert.Throws<ArgumentException>(() => BenchOptions.Parse(new[] { "--protocols", "3.1" }));
            Assert.Contains("unknown MQTT version 3.1", unknown.Message);
        }
    }
}
