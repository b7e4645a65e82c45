using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace HomeNode.Bench
{
    /// <summary>
    /// The broker workloads for a Task-based client (MQTTnet): each publish awaited, messages arriving on the client's
    /// own receive thread. Allocation is only measurable for the whole process here.
    /// </summary>
    public sealed class AsyncClientWorkloads : IBrokerWorkloads
    {
        private readonly Func<IClientUnderTest> createClient;

        public AsyncClientWorkloads(Func<IClientUnderTest> createClient)
        {
            this.createClient = createClient ?? throw new ArgumentNullException(nameof(createClient));
        }

        public async Task<BrokerWorkloadOutcome> ThroughputAsync(BrokerWorkloadPlan plan)
        {
            byte[] payload = new byte[plan.PayloadBytes];
            long received = 0;
            long target = long.MaxValue;
            SemaphoreSlim done = new SemaphoreSlim(0);
            using (IClientUnderTest publisher = createClient())
            using (IClientUnderTest subscriber = createClient())
            {
                subscriber.MessageReceived = _ =>
                {
                    if (Interlocked.Increment(ref received) == Interlocked.Read(ref target))
                    {
                        done.Release();
                    }
                };
                await ConnectPairAsync(plan, publisher, subscriber).ConfigureAwait(false);
                using CancellationTokenSource cancel = new CancellationTokenSource(TimeSpan.FromSeconds(plan.MaxSeconds * 4) + plan.DeliveryGrace + plan.DeliveryGrace);

                // warm-up: JIT, connection buffers, broker queues
                for (int i = 0; i < plan.WarmUpMessages; i++)
                {
                    await publisher.PublishAsync(plan.Topic, payload, 0, payload.Length, plan.Qos, cancel.Token).ConfigureAwait(false);
                }

                await WaitForAsync(() => Interlocked.Read(ref received) >= plan.WarmUpMessages, plan.DeliveryGrace).ConfigureAwait(false);
                Interlocked.Exchange(ref received, 0);

                Measurement measurement = new Measurement(plan.BrokerProcessId);
                measurement.Start();
                long deadline = Stopwatch.GetTimestamp() + (long)(plan.MaxSeconds * Stopwatch.Frequency);
                long sent = 0;
                if (plan.Window > 1 && plan.Qos > 0)
                {
                    // up to Window publishes outstanding at once; the client completes them in PUBACK order
                    Task[] window = new Task[plan.Window];
                    while (sent < plan.Messages && Stopwatch.GetTimestamp() < deadline)
                    {
                        int slot = (int)(sent % window.Length);
                        if (window[slot] != null)
                        {
                            await window[slot].ConfigureAwait(false);
                        }

                        window[slot] = publisher.PublishAsync(plan.Topic, payload, 0, payload.Length, plan.Qos, cancel.Token);
                        sent++;
                    }

                    foreach (Task outstanding in window)
                    {
                        if (outstanding != null)
                        {
                            await outstanding.ConfigureAwait(false);
                        }
                    }
                }
                else
                {
                    while (sent < plan.Messages && Stopwatch.GetTimestamp() < deadline)
                    {
                        await publisher.PublishAsync(plan.Topic, payload, 0, payload.Length, plan.Qos, cancel.Token).ConfigureAwait(false);
                        sent++;
                    }
                }

                measurement.MarkPublished();
                Interlocked.Exchange(ref target, sent);
                if (Interlocked.Read(ref received) < sent)
                {
                    await done.WaitAsync(plan.DeliveryGrace).ConfigureAwait(false);
                }

                measurement.Stop();
                BrokerWorkloadOutcome outcome = new BrokerWorkloadOutcome
                {
                    Measurement = measurement,
                    Sent = sent,
                    Received = Math.Min(Interlocked.Read(ref received), sent),
                };
                await DisconnectPairAsync(plan, publisher, subscriber).ConfigureAwait(false);
                return outcome;
            }
        }

        public async Task<BrokerWorkloadOutcome> LatencyAsync(BrokerWorkloadPlan plan)
        {
            byte[] payload = new byte[Math.Max(plan.PayloadBytes, 8)];
            long[] latencies = new long[plan.Messages];
            int recorded = 0;
            bool measuring = false;
            SemaphoreSlim arrived = new SemaphoreSlim(0);
            using (IClientUnderTest publisher = createClient())
            using (IClientUnderTest subscriber = createClient())
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
                await ConnectPairAsync(plan, publisher, subscriber).ConfigureAwait(false);
                using CancellationTokenSource cancel = new CancellationTokenSource(TimeSpan.FromSeconds(plan.MaxSeconds * 4) + plan.DeliveryGrace + plan.DeliveryGrace);

                for (int i = 0; i < plan.WarmUpMessages; i++)
                {
                    await RoundTripAsync(plan, publisher, payload, arrived, cancel.Token).ConfigureAwait(false);
                }

                Volatile.Write(ref measuring, true);
                Measurement measurement = new Measurement(plan.BrokerProcessId);
                measurement.Start();
                long deadline = Stopwatch.GetTimestamp() + (long)(plan.MaxSeconds * Stopwatch.Frequency);
                int sent = 0;
                while (sent < latencies.Length && Stopwatch.GetTimestamp() < deadline)
                {
                    sent++;
                    if (!await RoundTripAsync(plan, publisher, payload, arrived, cancel.Token).ConfigureAwait(false))
                    {
                        break;
                    }
                }

                measurement.Stop();
                Volatile.Write(ref measuring, false);
                BrokerWorkloadOutcome outcome = new BrokerWorkloadOutcome
                {
                    Measurement = measurement,
                    Sent = sent,
                    Received = recorded,
                    LatencyTicks = latencies,
                    LatencyCount = recorded,
                };
                await DisconnectPairAsync(plan, publisher, subscriber).ConfigureAwait(false);
                return outcome;
            }
        }

        private static async Task<bool> RoundTripAsync(BrokerWorkloadPlan plan, IClientUnderTest publisher, byte[] payload, SemaphoreSlim arrived, CancellationToken cancellation)
        {
            BinaryPrimitives.WriteInt64LittleEndian(payload, Stopwatch.GetTimestamp());
            await publisher.PublishAsync(plan.Topic, payload, 0, payload.Length, 1, cancellation).ConfigureAwait(false);

            // a blocking wait: an awaited one would allocate per message and blur the per-message figure
            return arrived.Wait(plan.DeliveryGrace);
        }

        private static async Task ConnectPairAsync(BrokerWorkloadPlan plan, IClientUnderTest publisher, IClientUnderTest subscriber)
        {
            using CancellationTokenSource cancel = new CancellationTokenSource(plan.ConnectTimeout);
            await subscriber.ConnectAsync(plan.Host, plan.Port, plan.SubscriberClientId, plan.ProtocolVersion, cancel.Token).ConfigureAwait(false);
            await subscriber.SubscribeAsync(plan.Topic, plan.Qos, cancel.Token).ConfigureAwait(false);
            await publisher.ConnectAsync(plan.Host, plan.Port, plan.PublisherClientId, plan.ProtocolVersion, cancel.Token).ConfigureAwait(false);
        }

        private static async Task DisconnectPairAsync(BrokerWorkloadPlan plan, IClientUnderTest publisher, IClientUnderTest subscriber)
        {
            using CancellationTokenSource cancel = new CancellationTokenSource(plan.ConnectTimeout);
            await publisher.DisconnectAsync(cancel.Token).ConfigureAwait(false);
            await subscriber.DisconnectAsync(cancel.Token).ConfigureAwait(false);
        }

        private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
        {
            Stopwatch waited = Stopwatch.StartNew();
            while (!condition() && waited.Elapsed < timeout)
            {
                await Task.Delay(5).ConfigureAwait(false);
            }
        }
    }
}
