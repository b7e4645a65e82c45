using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HomeNode.Host.Mosquitto;

namespace HomeNode.Bench
{
    /// <summary>
    /// Runs each workload for each contender and payload size against one broker. Every broker workload uses a
    /// fresh publisher and subscriber connection, a topic of its own, a warm-up, then a bounded measured part
    /// (a fixed message count or <see cref="BenchOptions.MaxSeconds"/>, whichever comes first).
    /// </summary>
    public sealed class BenchRunner
    {
        private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
        private static readonly TimeSpan DeliveryGrace = TimeSpan.FromSeconds(5);

        private readonly BenchOptions options;
        private readonly string brokerHost;
        private readonly int brokerPort;
        private readonly int brokerProcessId;
        private readonly string runId = Environment.ProcessId.ToString();
        private int connectionNumber;

        public BenchRunner(BenchOptions options, MosquittoBroker broker)
            : this(options, broker.Host, broker.Port, broker.ProcessId)
        {
        }

        /// <summary>Against a broker another process started (the syscall count runs the bench under strace against the parent's broker).</summary>
        public BenchRunner(BenchOptions options, string host, int port, int brokerProcessId)
        {
            this.options = options;
            brokerHost = host;
            brokerPort = port;
            this.brokerProcessId = brokerProcessId;
        }

        /// <summary>
        /// The broker the bench measures through. It must not drop or throttle: no persistence, no queue or in-flight
        /// limits (mosquitto.conf(5): 0 = no maximum; with both message limits at 0, db__ready_for_flight in mosquitto
        /// 2.0's src/database.c lets every QoS 0 message through instead of dropping it once a client's queue is full),
        /// no TLS, and only its errors logged, printed as they come.
        /// </summary>
        public static MosquittoBrokerOptions BrokerOptions() => new MosquittoBrokerOptions
        {
            Tls = false,
            MaxQueuedMessages = 0,
            MaxInflightMessages = 0,
            MaxQueuedBytes = 0,
            MaxInflightBytes = 0,
            LogTypes = new[] { "error" },
            ConsoleLine = line => Console.Error.WriteLine("mosquitto: " + line),
        };

        /// <summary>
        /// Every workload and payload as <see cref="BenchOptions.Rounds"/> interleaved rounds (contender A, B, C on
        /// MQTT 3.1.1, then A, B, C on MQTT 5.0, then all of it again), so a burst of load on the machine hits every
        /// contender and protocol alike; one row per contender and protocol with the medians over its rounds, then
        /// the ratios of medians within each protocol.
        /// </summary>
        public async Task<List<WorkloadResult>> RunAsync(IReadOnlyList<Contender> contenders, Action<WorkloadResult> progress)
        {
            List<WorkloadResult> results = new List<WorkloadResult>();
            foreach (string workload in options.Workloads)
            {
                // the codec rows time one 3.1.1 PUBLISH encoder/decoder; only the broker workloads run per protocol
                int[] protocols = IsCodecWorkload(workload) ? new[] { MqttProtocolLevels.V311 } : options.Protocols;
                foreach (int payload in options.Payloads)
                {
                    Dictionary<(int, string), List<WorkloadResult>> rounds = new Dictionary<(int, string), List<WorkloadResult>>();
                    for (int round = 0; round < options.Rounds; round++)
                    {
                        foreach (int protocol in protocols)
                        {
                            foreach (Contender contender in contenders)
                            {
                                WorkloadResult result = await RunOneAsync(workload, contender, payload, protocol).ConfigureAwait(false);
                                if (result != null)
                                {
                                    if (!rounds.TryGetValue((protocol, contender.Name), out List<WorkloadResult> list))
                                    {
                                        rounds[(protocol, contender.Name)] = list = new List<WorkloadResult>();
                                    }

                                    list.Add(result);
                                }
                            }
                        }
                    }

                    foreach (int protocol in protocols)
                    {
                        List<WorkloadResult> combined = new List<WorkloadResult>();
                        foreach (Contender contender in contenders)
                        {
                            if (rounds.TryGetValue((protocol, contender.Name), out List<WorkloadResult> list))
                            {
                                combined.Add(Combine(list));
                            }
                        }

                        SetRatios(combined);
                        foreach (WorkloadResult result in combined)
                        {
                            results.Add(result);
                            progress?.Invoke(result);
                        }
                    }
                }
            }

            return results;
        }

        /// <summary>encode-publish and decode-publish: in-process, no broker, no protocol choice.</summary>
        public static bool IsCodecWorkload(string workload) => workload.EndsWith("-publish", StringComparison.Ordinal);

        /// <summary>
        /// One row from a contender's rounds: the median of every per-message figure, the headline's median and
        /// min-max, counts summed; latency percentiles from all rounds' samples pooled.
        /// </summary>
        public static WorkloadResult Combine(IReadOnlyList<WorkloadResult> rounds)
        {
            WorkloadResult first = rounds[0];
            List<double> headlines = rounds.Select(Headline).ToList();
            WorkloadResult result = new WorkloadResult
            {
                Workload = first.Workload,
                Contender = first.Contender,
                PayloadBytes = first.PayloadBytes,
                ProtocolVersion = first.ProtocolVersion,
                Headline = first.Headline,
                Window = first.Window,
                Rounds = rounds.Count,
                RoundHeadlines = headlines,
                HeadlineMedian = RoundStatistics.Median(headlines),
                HeadlineMin = RoundStatistics.Min(headlines),
                HeadlineMax = RoundStatistics.Max(headlines),
                Messages = rounds.Sum(r => r.Messages),
                Sent = rounds.Sum(r => r.Sent),
                Lost = rounds.Sum(r => r.Lost),
                Seconds = rounds.Sum(r => r.Seconds),
                MessagesPerSecond = RoundStatistics.Median(rounds.Select(r => r.MessagesPerSecond).ToList()),
                AllocatedBytesPerMessage = RoundStatistics.Median(rounds.Select(r => r.AllocatedBytesPerMessage).ToList()),
                CpuMicrosecondsPerMessage = RoundStatistics.Median(rounds.Select(r => r.CpuMicrosecondsPerMessage).ToList()),
                CpuUserMicrosecondsPerMessage = RoundStatistics.Median(rounds.Select(r => r.CpuUserMicrosecondsPerMessage).ToList()),
                CpuKernelMicrosecondsPerMessage = RoundStatistics.Median(rounds.Select(r => r.CpuKernelMicrosecondsPerMessage).ToList()),
                BrokerCpuMicrosecondsPerMessage = MedianOrNull(rounds.Select(r => r.BrokerCpuMicrosecondsPerMessage)),
                PublishSeconds = MedianOrNull(rounds.Select(r => r.PublishSeconds)),
            };

            // worst round, not median: the zero-allocation claim must hold in every round
            if (rounds.All(r => r.WorkerThreadBytesPerMessage.HasValue))
            {
                result.WorkerThreadBytesPerMessage = rounds.Max(r => r.WorkerThreadBytesPerMessage.Value);
            }

            if (first.Headline == "p99")
            {
                long[] pooled = rounds.SelectMany(r => r.LatencyTicks ?? Array.Empty<long>()).OrderBy(t => t).ToArray();
                result.LatencySamples = pooled.Length;
                result.P50Microseconds = RoundStatistics.PercentileMicroseconds(pooled, 0.50, Stopwatch.Frequency);
                result.P99Microseconds = RoundStatistics.PercentileMicroseconds(pooled, 0.99, Stopwatch.Frequency);
            }

            return result;
        }

        private static double? MedianOrNull(IEnumerable<double?> values)
        {
            List<double> present = values.Where(v => v.HasValue).Select(v => v.Value).ToList();
            return present.Count == 0 ? null : RoundStatistics.Median(present);
        }

        /// <summary>A round's headline: msg/s, or p99 in microseconds for latency rows (lower is better there).</summary>
        private static double Headline(WorkloadResult round)
        {
            return round.Headline == "p99" ? round.P99Microseconds ?? double.NaN : round.MessagesPerSecond;
        }

        private Task<WorkloadResult> RunOneAsync(string workload, Contender contender, int payload, int protocol)
        {
            switch (workload)
            {
                case "qos0-throughput":
                    return BrokerAsync(workload, contender, payload, protocol, 0, 1, latency: false);
                case "qos1-throughput":
                    return BrokerAsync(workload, contender, payload, protocol, 1, 1, latency: false);
                case "qos1-windowed":
                    return BrokerAsync(workload, contender, payload, protocol, 1, options.Window, latency: false);
                case "qos1-latency":
                    return BrokerAsync(workload, contender, payload, protocol, 1, 1, latency: true);
                case "encode-publish":
                    return Task.FromResult(Codec(workload, contender, payload, encode: true));
                case "decode-publish":
                    return Task.FromResult(Codec(workload, contender, payload, encode: false));
                default:
                    throw new ArgumentException("unknown workload " + workload);
            }
        }

        /// <summary>
        /// One broker workload through the contender's own driver (see <see cref="IBrokerWorkloads"/> for what every
        /// driver does), with a fresh publisher and subscriber connection and a topic of its own, at one protocol level.
        /// </summary>
        private async Task<WorkloadResult> BrokerAsync(string workload, Contender contender, int payloadBytes, int protocol, int qos, int window, bool latency)
        {
            BrokerWorkloadPlan plan = new BrokerWorkloadPlan
            {
                Host = brokerHost,
                Port = brokerPort,
                BrokerProcessId = brokerProcessId,
                // the same topic length on both protocol levels (p4 = 3.1.1, p5 = 5.0), so neither carries more bytes
                Topic = "bench/" + runId + "/" + workload + "/" + payloadBytes + "/p" + protocol + "/" + contender.Name,
                PayloadBytes = payloadBytes,
                ProtocolVersion = protocol,
                Qos = qos,
                Window = window,
                Messages = latency ? options.LatencyMessages : options.Messages,
                WarmUpMessages = latency ? Math.Min(options.WarmUpMessages, 200) : options.WarmUpMessages,
                MaxSeconds = options.MaxSeconds,
                DeliveryGrace = DeliveryGrace,
                ConnectTimeout = ConnectTimeout,
                PublisherClientId = NextClientId("pub"),
                SubscriberClientId = NextClientId("sub"),
            };
            IBrokerWorkloads driver = contender.CreateWorkloads();
            BrokerWorkloadOutcome outcome = latency
                ? await driver.LatencyAsync(plan).ConfigureAwait(false)
                : await driver.ThroughputAsync(plan).ConfigureAwait(false);

            WorkloadResult result = outcome.Measurement.Result(workload, contender, payloadBytes, outcome.Received);
            result.ProtocolVersion = protocol;
            result.Sent = outcome.Sent;
            result.Lost = outcome.Sent - outcome.Received;
            result.Window = window;
            if (outcome.WorkerThreadAllocatedBytes.HasValue && outcome.Received > 0)
            {
                result.WorkerThreadBytesPerMessage = outcome.WorkerThreadAllocatedBytes.Value / (double)outcome.Received;
            }

            if (latency)
            {
                long[] sorted = outcome.LatencyTicks.Take(outcome.LatencyCount).OrderBy(t => t).ToArray();
                result.LatencyTicks = sorted;
                result.LatencySamples = sorted.Length;
                result.P50Microseconds = RoundStatistics.PercentileMicroseconds(sorted, 0.50, Stopwatch.Frequency);
                result.P99Microseconds = RoundStatistics.PercentileMicroseconds(sorted, 0.99, Stopwatch.Frequency);
                result.Headline = "p99";
            }

            return result;
        }

        /// <summary>Encodes (or decodes) one PUBLISH packet over and over in-process.</summary>
        private WorkloadResult Codec(string workload, Contender contender, int payloadBytes, bool encode)
        {
            if (contender.CreateCodec == null)
            {
                return null;
            }

            IPacketCodecUnderTest codec = contender.CreateCodec();
            string topic = "ourhome/firstfloor/kitchen/temperature";
            byte[] payload = new byte[payloadBytes];
            byte[] buffer = new byte[payloadBytes + topic.Length + 16];
            int length = codec.EncodePublish(topic, payload, 1, 1, buffer);
            int decoded = codec.DecodePublish(buffer, length);
            if (decoded != payloadBytes)
            {
                throw new InvalidOperationException(contender.Name + " decoded a " + decoded + " byte payload, expected " + payloadBytes);
            }

            int operations = options.CodecOperations;
            // Warm up by time as well as count: tiered JIT recompiles hot methods (with PGO) only after ~100 ms without
            // new tier-0 methods, and a codec run is over in milliseconds, so a count alone would measure tier-0 code.
            long warmUntil = Stopwatch.GetTimestamp() + (long)(options.CodecWarmUpSeconds * Stopwatch.Frequency);
            for (int i = 0; i < 2000 || Stopwatch.GetTimestamp() < warmUntil; i++)
            {
                Step(i);
            }

            Measurement measurement = new Measurement();
            measurement.Start();
            long threadBefore = GC.GetAllocatedBytesForCurrentThread();
            long deadline = Stopwatch.GetTimestamp() + (long)(options.MaxSeconds * Stopwatch.Frequency);
            int done = 0;
            while (done < operations && ((done & 1023) != 0 || Stopwatch.GetTimestamp() < deadline))
            {
                Step(done);
                done++;
            }

            long threadAllocated = GC.GetAllocatedBytesForCurrentThread() - threadBefore;
            measurement.Stop();
            WorkloadResult result = measurement.Result(workload, contender, payloadBytes, done);
            result.Sent = done;
            result.WorkerThreadBytesPerMessage = done > 0 ? threadAllocated / (double)done : null;
            return result;

            void Step(int i)
            {
                if (encode)
                {
                    codec.EncodePublish(topic, payload, 1, (ushort)((i % 65535) + 1), buffer);
                }
                else
                {
                    codec.DecodePublish(buffer, length);
                }
            }
        }

        private string NextClientId(string role)
        {
            return "bench-" + runId + "-" + role + "-" + Interlocked.Increment(ref connectionNumber);
        }

        /// <summary>
        /// Ratios of medians to MQTTnet and to libmosquitto on the same protocol (<paramref name="combined"/> holds one
        /// protocol's rows), and how far the per-round ratios (round i of this contender against round i of the other) spread.
        /// </summary>
        private static void SetRatios(List<WorkloadResult> combined)
        {
            foreach (WorkloadResult result in combined)
            {
                WorkloadResult mqttNet = combined.FirstOrDefault(r => r.Contender == Program.Contenders[0].Name);
                WorkloadResult libMosquitto = combined.FirstOrDefault(r => r.Contender == Program.LibMosquittoName);
                if (mqttNet != null && mqttNet.HeadlineMedian > 0)
                {
                    result.Ratio = result.HeadlineMedian / mqttNet.HeadlineMedian;
                    (result.RatioMin, result.RatioMax) = RoundRatios(result.RoundHeadlines, mqttNet.RoundHeadlines);
                }

                if (libMosquitto != null && libMosquitto.HeadlineMedian > 0)
                {
                    result.RatioToLibMosquitto = result.HeadlineMedian / libMosquitto.HeadlineMedian;
                    (result.RatioToLibMosquittoMin, result.RatioToLibMosquittoMax) = RoundRatios(result.RoundHeadlines, libMosquitto.RoundHeadlines);
                }
            }
        }

        private static (double?, double?) RoundRatios(List<double> mine, List<double> theirs)
        {
            List<double> ratios = new List<double>();
            for (int i = 0; i < Math.Min(mine.Count, theirs.Count); i++)
            {
                if (theirs[i] > 0)
                {
                    ratios.Add(mine[i] / theirs[i]);
                }
            }

            return ratios.Count == 0 ? (null, null) : (RoundStatistics.Min(ratios), RoundStatistics.Max(ratios));
        }
    }
}
