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
        private readonly MosquittoBroker broker;
        private readonly string runId = Environment.ProcessId.ToString();
        private int connectionNumber;

        public BenchRunner(BenchOptions options, MosquittoBroker broker)
        {
            this.options = options;
            this.broker = broker;
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

        public async Task<List<WorkloadResult>> RunAsync(IReadOnlyList<Contender> contenders, Action<WorkloadResult> progress)
        {
            List<WorkloadResult> results = new List<WorkloadResult>();
            foreach (string workload in options.Workloads)
            {
                foreach (int payload in options.Payloads)
                {
                    foreach (Contender contender in contenders)
                    {
                        WorkloadResult result = await RunOneAsync(workload, contender, payload).ConfigureAwait(false);
                        if (result != null)
                        {
                            results.Add(result);
                            progress?.Invoke(result);
                        }
                    }
                }
            }

            SetRatios(results, contenders);
            return results;
        }

        private Task<WorkloadResult> RunOneAsync(string workload, Contender contender, int payload)
        {
            switch (workload)
            {
                case "qos0-throughput":
                    return BrokerAsync(workload, contender, payload, 0, latency: false);
                case "qos1-throughput":
                    return BrokerAsync(workload, contender, payload, 1, latency: false);
                case "qos1-latency":
                    return BrokerAsync(workload, contender, payload, 1, latency: true);
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
        /// driver does), with a fresh publisher and subscriber connection and a topic of its own.
        /// </summary>
        private async Task<WorkloadResult> BrokerAsync(string workload, Contender contender, int payloadBytes, int qos, bool latency)
        {
            BrokerWorkloadPlan plan = new BrokerWorkloadPlan
            {
                Host = broker.Host,
                Port = broker.Port,
                BrokerProcessId = broker.ProcessId,
                Topic = "bench/" + runId + "/" + workload + "/" + payloadBytes + "/" + contender.Name,
                PayloadBytes = payloadBytes,
                Qos = qos,
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
            result.Sent = outcome.Sent;
            result.Lost = outcome.Sent - outcome.Received;
            if (outcome.WorkerThreadAllocatedBytes.HasValue && outcome.Received > 0)
            {
                result.WorkerThreadBytesPerMessage = outcome.WorkerThreadAllocatedBytes.Value / (double)outcome.Received;
            }

            if (latency)
            {
                long[] sorted = outcome.LatencyTicks.Take(outcome.LatencyCount).OrderBy(t => t).ToArray();
                result.P50Microseconds = Percentile(sorted, 0.50);
                result.P99Microseconds = Percentile(sorted, 0.99);
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

        private static double? Percentile(long[] sortedTicks, double fraction)
        {
            if (sortedTicks.Length == 0)
            {
                return null;
            }

            // nearest rank
            int rank = (int)Math.Ceiling(fraction * sortedTicks.Length) - 1;
            long ticks = sortedTicks[Math.Clamp(rank, 0, sortedTicks.Length - 1)];
            return ticks * 1_000_000.0 / Stopwatch.Frequency;
        }

        private static void SetRatios(List<WorkloadResult> results, IReadOnlyList<Contender> contenders)
        {
            foreach (WorkloadResult result in results)
            {
                WorkloadResult baseline = results.FirstOrDefault(r => r.Contender == contenders[0].Name && r.Workload == result.Workload && r.PayloadBytes == result.PayloadBytes);
                if (baseline == null)
                {
                    continue;
                }

                double mine = result.Headline == "p99" ? result.P99Microseconds ?? double.NaN : result.MessagesPerSecond;
                double theirs = baseline.Headline == "p99" ? baseline.P99Microseconds ?? double.NaN : baseline.MessagesPerSecond;
                result.Ratio = theirs > 0 ? mine / theirs : null;
            }
        }
    }
}
