using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace HomeNode.Bench
{
    /// <summary>
    /// The broker workloads for libmosquitto, the broker's own C client, standing for what a native client gets out
    /// of the same broker and wire. Driven like our client: a publisher thread (mosquitto_publish, then
    /// mosquitto_loop until the PUBACK for QoS 1) and a subscriber thread in mosquitto_loop, timestamping arrivals
    /// in its message callback; no loop thread of libmosquitto's own.
    /// </summary>
    public sealed class LibMosquittoWorkloads : IBrokerWorkloads
    {
        public Task<BrokerWorkloadOutcome> ThroughputAsync(BrokerWorkloadPlan plan)
        {
            return Task.FromResult(Run(plan, latency: false));
        }

        public Task<BrokerWorkloadOutcome> LatencyAsync(BrokerWorkloadPlan plan)
        {
            return Task.FromResult(Run(plan, latency: true));
        }

        private static BrokerWorkloadOutcome Run(BrokerWorkloadPlan plan, bool latency)
        {
            using (LibMosquittoConnection subscriber = new LibMosquittoConnection(plan.SubscriberClientId, Math.Max(plan.Window, 1), plan.ProtocolVersion))
            using (LibMosquittoConnection publisher = new LibMosquittoConnection(plan.PublisherClientId, Math.Max(plan.Window, 1), plan.ProtocolVersion))
            {
                subscriber.Connect(plan.Host, plan.Port, plan.ConnectTimeout);
                subscriber.Subscribe(plan.Topic, latency ? 1 : plan.Qos, plan.ConnectTimeout);
                publisher.Connect(plan.Host, plan.Port, plan.ConnectTimeout);

                Session session = new Session(plan, publisher, subscriber, latency);
                Thread subscriberThread = new Thread(session.SubscriberLoop) { Name = "bench libmosquitto subscriber", IsBackground = true };
                Thread publisherThread = new Thread(session.PublisherLoop) { Name = "bench libmosquitto publisher", IsBackground = true };
                subscriberThread.Start();
                publisherThread.Start();
                publisherThread.Join();
                Volatile.Write(ref session.Stop, true);
                subscriberThread.Join();

                if (session.Failure != null)
                {
                    ExceptionDispatchInfo.Capture(session.Failure).Throw();
                }

                publisher.Disconnect();
                subscriber.Disconnect();
                return session.Outcome();
            }
        }

        /// <summary>State shared by the two worker threads of one workload run.</summary>
        private sealed class Session
        {
            public bool Stop;
            public Exception Failure;

            private readonly BrokerWorkloadPlan plan;
            private readonly LibMosquittoConnection publisher;
            private readonly LibMosquittoConnection subscriber;
            private readonly bool latency;
            private readonly byte[] topic;
            private readonly byte[] payload;
            private readonly long[] latencies;
            private readonly SemaphoreSlim arrivedOne = new SemaphoreSlim(0);
            private readonly SemaphoreSlim arrivedAll = new SemaphoreSlim(0);
            private readonly Measurement measurement;
            private long received;
            private long target = long.MaxValue;
            private bool measuring;
            private long sent;
            private long published;
            private int recorded;
            private bool subscriberMarked;
            private long subscriberAllocatedAtStart;
            private long subscriberAllocated;
            private long publisherAllocated;

            public Session(BrokerWorkloadPlan plan, LibMosquittoConnection publisher, LibMosquittoConnection subscriber, bool latency)
            {
                this.plan = plan;
                this.publisher = publisher;
                this.subscriber = subscriber;
                this.latency = latency;
                measurement = new Measurement(plan.BrokerProcessId);
                topic = LibMosquittoConnection.Terminated(plan.Topic);
                payload = new byte[latency ? Math.Max(plan.PayloadBytes, 8) : plan.PayloadBytes];
                latencies = latency ? new long[plan.Messages] : null;
                subscriber.MessageArrived = OnMessage;
            }

            public BrokerWorkloadOutcome Outcome()
            {
                return new BrokerWorkloadOutcome
                {
                    Measurement = measurement,
                    Sent = sent,
                    Received = latency ? recorded : Math.Min(Interlocked.Read(ref received), sent),
                    LatencyTicks = latencies,
                    LatencyCount = recorded,
                    WorkerThreadAllocatedBytes = publisherAllocated + subscriberAllocated,
                };
            }

            public void SubscriberLoop()
            {
                try
                {
                    while (!Volatile.Read(ref Stop))
                    {
                        int result = subscriber.LoopOnce(LibMosquittoConnection.IdleWaitMilliseconds);
                        if (result != LibMosquittoNative.Success)
                        {
                            throw new InvalidOperationException("libmosquitto subscriber loop: " + LibMosquittoNative.Describe(result));
                        }
                    }

                    if (subscriberMarked)
                    {
                        subscriberAllocated = GC.GetAllocatedBytesForCurrentThread() - subscriberAllocatedAtStart;
                    }
                }
                catch (Exception e)
                {
                    Failure ??= e;
                    arrivedAll.Release();
                    arrivedOne.Release();
                }
            }

            public void PublisherLoop()
            {
                try
                {
                    if (latency)
                    {
                        LatencyLoop();
                    }
                    else
                    {
                        ThroughputLoop();
                    }
                }
                catch (Exception e)
                {
                    Failure ??= e;
                }
            }

            private void ThroughputLoop()
            {
                for (int i = 0; i < plan.WarmUpMessages; i++)
                {
                    PublishOne();
                }

                WaitForAcknowledgements();
                long until = Stopwatch.GetTimestamp() + (long)(plan.DeliveryGrace.TotalSeconds * Stopwatch.Frequency);
                while (Interlocked.Read(ref received) < plan.WarmUpMessages && Stopwatch.GetTimestamp() < until && Failure == null)
                {
                    Thread.Sleep(1);
                }

                Interlocked.Exchange(ref received, 0);
                Volatile.Write(ref measuring, true);
                measurement.Start();
                long before = GC.GetAllocatedBytesForCurrentThread();
                long deadline = Stopwatch.GetTimestamp() + (long)(plan.MaxSeconds * Stopwatch.Frequency);
                long count = 0;
                while (count < plan.Messages && Stopwatch.GetTimestamp() < deadline)
                {
                    PublishOne();
                    count++;
                }

                WaitForAcknowledgements();
                measurement.MarkPublished();
                publisherAllocated = GC.GetAllocatedBytesForCurrentThread() - before;
                sent = count;
                Interlocked.Exchange(ref target, count);
                if (Interlocked.Read(ref received) < count)
                {
                    arrivedAll.Wait(plan.DeliveryGrace);
                }

                measurement.Stop();
            }

            private void LatencyLoop()
            {
                for (int i = 0; i < plan.WarmUpMessages; i++)
                {
                    RoundTrip();
                }

                Volatile.Write(ref measuring, true);
                measurement.Start();
                long before = GC.GetAllocatedBytesForCurrentThread();
                long deadline = Stopwatch.GetTimestamp() + (long)(plan.MaxSeconds * Stopwatch.Frequency);
                while (sent < latencies.Length && Stopwatch.GetTimestamp() < deadline)
                {
                    sent++;
                    if (!RoundTrip())
                    {
                        break;
                    }
                }

                publisherAllocated = GC.GetAllocatedBytesForCurrentThread() - before;
                measurement.Stop();
                Volatile.Write(ref measuring, false);
            }

            private bool RoundTrip()
            {
                BinaryPrimitives.WriteInt64LittleEndian(payload, Stopwatch.GetTimestamp());
                PublishOne();
                return arrivedOne.Wait(plan.DeliveryGrace) && Failure == null;
            }

            /// <summary>
            /// QoS 0: publish (libmosquitto writes it at once when no loop thread runs), looping only while its socket
            /// is full. QoS 1: keep at most <see cref="BrokerWorkloadPlan.Window"/> unacknowledged, looping for PUBACKs.
            /// </summary>
            private void PublishOne()
            {
                int qos = latency ? 1 : plan.Qos;
                int window = latency ? 1 : Math.Max(plan.Window, 1);
                long deadline = Stopwatch.GetTimestamp() + (long)(plan.DeliveryGrace.TotalSeconds * Stopwatch.Frequency);
                if (qos > 0 && published - publisher.Acknowledged >= window && !publisher.LoopUntilAcknowledged(published - window + 1, deadline))
                {
                    throw new InvalidOperationException("libmosquitto: no PUBACK within " + plan.DeliveryGrace);
                }

                int result = publisher.Publish(topic, payload, qos);
                if (result != LibMosquittoNative.Success)
                {
                    throw new InvalidOperationException("libmosquitto publish: " + LibMosquittoNative.Describe(result));
                }

                published++;
                while (publisher.WantsWrite)
                {
                    result = publisher.LoopOnce(LibMosquittoConnection.IdleWaitMilliseconds);
                    if (result != LibMosquittoNative.Success)
                    {
                        throw new InvalidOperationException("libmosquitto publisher loop: " + LibMosquittoNative.Describe(result));
                    }
                }

                if (window == 1 && qos > 0 && !publisher.LoopUntilAcknowledged(published, deadline))
                {
                    throw new InvalidOperationException("libmosquitto: no PUBACK within " + plan.DeliveryGrace);
                }
            }

            /// <summary>A window's last PUBACKs (QoS 0: on_publish for what was written) before the clock stops.</summary>
            private void WaitForAcknowledgements()
            {
                if ((latency ? 1 : plan.Qos) == 0)
                {
                    return;
                }

                long deadline = Stopwatch.GetTimestamp() + (long)(plan.DeliveryGrace.TotalSeconds * Stopwatch.Frequency);
                if (!publisher.LoopUntilAcknowledged(published, deadline))
                {
                    throw new InvalidOperationException("libmosquitto: no PUBACK within " + plan.DeliveryGrace);
                }
            }

            private void OnMessage(IntPtr messagePayload, int length)
            {
                long now = Stopwatch.GetTimestamp();
                if (Volatile.Read(ref measuring) && !subscriberMarked)
                {
                    subscriberMarked = true;
                    subscriberAllocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
                }

                if (latency)
                {
                    if (Volatile.Read(ref measuring) && recorded < latencies.Length && length >= 8)
                    {
                        latencies[recorded++] = now - Marshal.ReadInt64(messagePayload);
                    }

                    Interlocked.Increment(ref received);
                    arrivedOne.Release();
                    return;
                }

                if (Interlocked.Increment(ref received) == Interlocked.Read(ref target))
                {
                    arrivedAll.Release();
                }
            }
        }
    }
}
