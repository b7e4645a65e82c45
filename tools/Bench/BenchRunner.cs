using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

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
                    return ThroughputAsync(workload, contender, payload, 0);
                case "qos1-throughput":
                    return ThroughputAsync(workload, contender, payload, 1);
                case "qos1-latency":
                    return LatencyAsync(workload, contender, payload);
                case "encode-publish":
                    return Task.FromResult(Codec(workload, contender, payload, encode: true));
                case "decode-publish":
                    return Task.FromResult(Codec(workload, contender, payload, encode: false));
                default:
                    throw new ArgumentException("unknown workload " + workload);
            }
        }

        /// <summary>Publishes back to back (each publish awaited: QoS 1 waits for its PUBACK) and counts what the subscriber receives.</summary>
        private async Task<WorkloadResult> ThroughputAsync(string workload, Contender contender, int payloadBytes, int qos)
        {
            string topic = "bench/" + runId + "/" + workload + "/" + payloadBytes + "/" + contender.Name;
            byte[] payload = new byte[payloadBytes];
            long received = 0;
            long target = long.MaxValue;
            SemaphoreSlim done = new SemaphoreSlim(0);
            using (IClientUnderTest publisher = contender.CreateClient())
            using (IClientUnderTest subscriber = contender.CreateClient())
            {
                subscriber.MessageReceived = _ =>
                {
                    if (Interlocked.Increment(ref received) == Interlocked.Read(ref target))
                    {
                        done.Release();
                    }
                };
                await ConnectPairAsync(publisher, subscriber, topic, qos).ConfigureAwait(false);
                using CancellationTokenSource cancel = new CancellationTokenSource(TimeSpan.FromSeconds(options.MaxSeconds * 4) + DeliveryGrace + DeliveryGrace);

                // warm-up: JIT, connection buffers, broker queues
                for (int i = 0; i < options.WarmUpMessages; i++)
                {
                    await publisher.PublishAsync(topic, payload, 0, payload.Length, qos, cancel.Token).ConfigureAwait(false);
                }

                await WaitForCountAsync(() => Interlocked.Read(ref received) >= options.WarmUpMessages, DeliveryGrace).ConfigureAwait(false);
                Interlocked.Exchange(ref received, 0);

                Measurement measurement = new Measurement();
                measurement.Start();
                long deadline = Stopwatch.GetTimestamp() + (long)(options.MaxSeconds * Stopwatch.Frequency);
                long sent = 0;
                while (sent < options.Messages && Stopwatch.GetTimestamp() < deadline)
                {
                    await publisher.PublishAsync(topic, payload, 0, payload.Length, qos, cancel.Token).ConfigureAwait(false);
                    sent++;
                }

                Interlocked.Exchange(ref target, sent);
                if (Interlocked.Read(ref received) < sent)
                {
                    await done.WaitAsync(DeliveryGrace).ConfigureAwait(false);
                }

                measurement.Stop();
                long delivered = Math.Min(Interlocked.Read(ref received), sent);
                WorkloadResult result = measurement.Result(workload, contender, payloadBytes, delivered);
                result.Lost = sent - delivered;
                await DisconnectPairAsync(publisher, subscriber).ConfigureAwait(false);
                return result;
            }
        }

        /// <summary>One QoS 1 message at a time: publish, wait until the subscriber has it, next. Latency is from before publish to the receive callback.</summary>
        private async Task<WorkloadResult> LatencyAsync(string workload, Contender contender, int payloadBytes)
        {
            string topic = "bench/" + runId + "/" + workload + "/" + payloadBytes + "/" + contender.Name;
            byte[] payload = new byte[Math.Max(payloadBytes, 8)];
            long[] latencies = new long[options.LatencyMessages];
            int recorded = 0;
            bool measuring = false;
            SemaphoreSlim arrived = new SemaphoreSlim(0);
            using (IClientUnderTest publisher = contender.CreateClient())
            using (IClientUnderTest subscriber = contender.CreateClient())
            {
                subscriber.MessageReceived = received =>
                {
                    long now = Stopwatch.GetTimestamp();
                    if (Volatile.Read(ref measuring) && recorded < latencies.Length && received.Length >= 8)
                    {
                        latencies[recorded++] = now - BinaryPrimitives.ReadInt64LittleEndian(received);
                    }

                    arrived.Release();
                };
                await ConnectPairAsync(publisher, subscriber, topic, 1).ConfigureAwait(false);
                using CancellationTokenSource cancel = new CancellationTokenSource(TimeSpan.FromSeconds(options.MaxSeconds * 4) + DeliveryGrace + DeliveryGrace);

                for (int i = 0; i < Math.Min(options.WarmUpMessages, 200); i++)
                {
                    await RoundTripAsync(publisher, topic, payload, arrived, cancel.Token).ConfigureAwait(false);
                }

                Volatile.Write(ref measuring, true);
                Measurement measurement = new Measurement();
                measurement.Start();
                long deadline = Stopwatch.GetTimestamp() + (long)(options.MaxSeconds * Stopwatch.Frequency);
                int sent = 0;
                while (sent < latencies.Length && Stopwatch.GetTimestamp() < deadline)
                {
                    if (!await RoundTripAsync(publisher, topic, payload, arrived, cancel.Token).ConfigureAwait(false))
                    {
                        break;
                    }

                    sent++;
                }

                measurement.Stop();
                Volatile.Write(ref measuring, false);
                WorkloadResult result = measurement.Result(workload, contender, payloadBytes, recorded);
                result.Lost = sent - recorded;
                long[] sorted = latencies.Take(recorded).OrderBy(t => t).ToArray();
                result.P50Microseconds = Percentile(sorted, 0.50);
                result.P99Microseconds = Percentile(sorted, 0.99);
                result.Headline = "p99";
                await DisconnectPairAsync(publisher, subscriber).ConfigureAwait(false);
                return result;
            }
        }

        private static async Task<bool> RoundTripAsync(IClientUnderTest publisher, string topic, byte[] payload, SemaphoreSlim arrived, CancellationToken cancellation)
        {
            BinaryPrimitives.WriteInt64LittleEndian(payload, Stopwatch.GetTimestamp());
            await publisher.PublishAsync(topic, payload, 0, payload.Length, 1, cancellation).ConfigureAwait(false);

            // a blocking wait: an awaited one would allocate per message and blur the per-message figure
            return arrived.Wait(DeliveryGrace);
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
            for (int i = 0; i < Math.Min(operations, 2000); i++)
            {
                Step(i);
            }

            Measurement measurement = new Measurement();
            measurement.Start();
            long deadline = Stopwatch.GetTimestamp() + (long)(options.MaxSeconds * Stopwatch.Frequency);
            int done = 0;
            while (done < operations && ((done & 1023) != 0 || Stopwatch.GetTimestamp() < deadline))
            {
                Step(done);
                done++;
            }

            measurement.Stop();
            return measurement.Result(workload, contender, payloadBytes, done);

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

        private async Task ConnectPairAsync(IClientUnderTest publisher, IClientUnderTest subscriber, string topic, int qos)
        {
            using CancellationTokenSource cancel = new CancellationTokenSource(ConnectTimeout);
            await subscriber.ConnectAsync(broker.Host, broker.Port, NextClientId("sub"), cancel.Token).ConfigureAwait(false);
            await subscriber.SubscribeAsync(topic, qos, cancel.Token).ConfigureAwait(false);
            await publisher.ConnectAsync(broker.Host, broker.Port, NextClientId("pub"), cancel.Token).ConfigureAwait(false);
        }

        private static async Task DisconnectPairAsync(IClientUnderTest publisher, IClientUnderTest subscriber)
        {
            using CancellationTokenSource cancel = new CancellationTokenSource(ConnectTimeout);
            await publisher.DisconnectAsync(cancel.Token).ConfigureAwait(false);
            await subscriber.DisconnectAsync(cancel.Token).ConfigureAwait(false);
        }

        private string NextClientId(string role)
        {
            return "bench-" + runId + "-" + role + "-" + Interlocked.Increment(ref connectionNumber);
        }

        private static async Task WaitForCountAsync(Func<bool> condition, TimeSpan timeout)
        {
            Stopwatch waited = Stopwatch.StartNew();
            while (!condition() && waited.Elapsed < timeout)
            {
                await Task.Delay(5).ConfigureAwait(false);
            }
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
