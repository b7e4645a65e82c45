using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using HomeNode.Mqtt;

namespace HomeNode.Bench
{
    /// <summary>
    /// The broker workloads for our client, run the way an application runs it: a publisher thread that calls
    /// Publish (and, for QoS 1, polls until the PUBACK) and a subscriber thread that sleeps until its socket is
    /// readable and then polls, timestamping arrivals in the handler. No Task, no per-message adapter object: what
    /// the worker threads allocate during the measured part is what the client and its transport allocate.
    /// </summary>
    public sealed class PolledClientWorkloads : IBrokerWorkloads
    {
        /// <summary>Publishes between two publisher polls in a QoS 0 flood (the PUBLISH itself goes out in the Publish call).</summary>
        public const int Qos0PublishesPerPoll = 1;

        private readonly PolledClientConfiguration configuration;

        public PolledClientWorkloads(PolledClientConfiguration configuration)
        {
            this.configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));
        }

        public Task<BrokerWorkloadOutcome> ThroughputAsync(BrokerWorkloadPlan plan)
        {
            return Task.FromResult(Run(plan, latency: false));
        }

        public Task<BrokerWorkloadOutcome> LatencyAsync(BrokerWorkloadPlan plan)
        {
            return Task.FromResult(Run(plan, latency: true));
        }

        private BrokerWorkloadOutcome Run(BrokerWorkloadPlan plan, bool latency)
        {
            // a window of N needs N in-flight slots; the await-each rows keep the bench's usual table
            PolledClientConfiguration publisherConfiguration = configuration;
            if (plan.Window > configuration.InflightSlots)
            {
                publisherConfiguration = new PolledClientConfiguration
                {
                    SendBufferBytes = configuration.SendBufferBytes,
                    ReceiveBufferBytes = configuration.ReceiveBufferBytes,
                    InflightSlots = plan.Window,
                    InflightSlotBytes = configuration.InflightSlotBytes,
                    IncomingQos2Slots = configuration.IncomingQos2Slots,
                };
            }

            // MQTT 5.0 §3.3.4: the broker keeps at most our Receive Maximum (= incoming slots) QoS 1/2 deliveries
            // unacknowledged; a window of N on the publisher needs N on the subscriber too, or 5.0 would pace the
            // windowed row at one delivery per round trip (3.1.1 has no such limit, MQTTnet and libmosquitto announce none)
            PolledClientConfiguration subscriberConfiguration = configuration;
            if (plan.ProtocolVersion == MqttProtocolLevels.V500 && plan.Window > configuration.IncomingQos2Slots)
            {
                subscriberConfiguration = new PolledClientConfiguration
                {
                    SendBufferBytes = configuration.SendBufferBytes,
                    ReceiveBufferBytes = configuration.ReceiveBufferBytes,
                    InflightSlots = configuration.InflightSlots,
                    InflightSlotBytes = configuration.InflightSlotBytes,
                    IncomingQos2Slots = plan.Window,
                };
            }

            using (PolledConnection publisher = new PolledConnection(plan.Host, plan.Port, publisherConfiguration))
            using (PolledConnection subscriber = new PolledConnection(plan.Host, plan.Port, subscriberConfiguration))
            {
                subscriber.Connect(plan.SubscriberClientId, plan.ProtocolVersion, plan.ConnectTimeout);
                subscriber.Subscribe(plan.Topic, latency ? 1 : plan.Qos, plan.ConnectTimeout);
                publisher.Connect(plan.PublisherClientId, plan.ProtocolVersion, plan.ConnectTimeout);

                Session session = new Session(plan, publisher, subscriber, latency);
                Thread subscriberThread = new Thread(session.SubscriberLoop) { Name = "bench subscriber poll", IsBackground = true };
                Thread publisherThread = new Thread(session.PublisherLoop) { Name = "bench publisher", IsBackground = true };
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
            private readonly PolledConnection publisher;
            private readonly PolledConnection subscriber;
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
            private bool subscriberMarked;
            private long subscriberAllocatedAtStart;
            private long subscriberAllocated;
            private long publisherAllocated;
            private long sent;
            private long published;
            private int recorded;

            public Session(BrokerWorkloadPlan plan, PolledConnection publisher, PolledConnection subscriber, bool latency)
            {
                this.plan = plan;
                this.publisher = publisher;
                this.subscriber = subscriber;
                this.latency = latency;
                measurement = new Measurement(plan.BrokerProcessId);
                topic = Encoding.UTF8.GetBytes(plan.Topic);
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
                        MqttStatus status = subscriber.WaitAndPoll(PolledConnection.IdleWait);
                        if (status != MqttStatus.Ok)
                        {
                            throw new InvalidOperationException("subscriber connection closed: " + status);
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
                // warm-up: JIT, connection buffers, broker queues
                for (int i = 0; i < plan.WarmUpMessages; i++)
                {
                    PublishOne(plan.Qos, i);
                }

                WaitForWindow();
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
                    PublishOne(plan.Qos, count);
                    count++;
                }

                WaitForWindow();
                measurement.MarkPublished();

                // the publisher loop ends here; waiting for delivery is the harness's (its first blocking wait allocates)
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

            /// <summary>Windowed QoS 1: the last PUBACKs of the window before the clock stops (await-each has none outstanding).</summary>
            private void WaitForWindow()
            {
                if (plan.Qos == 0 || latency)
                {
                    return;
                }

                long deadline = Stopwatch.GetTimestamp() + (long)(plan.DeliveryGrace.TotalSeconds * Stopwatch.Frequency);
                if (!publisher.PollUntilAcknowledged(published, deadline))
                {
                    throw new InvalidOperationException("no PUBACK within " + plan.DeliveryGrace + " (" + publisher.Client.State + ")");
                }
            }

            private bool RoundTrip()
            {
                BinaryPrimitives.WriteInt64LittleEndian(payload, Stopwatch.GetTimestamp());
                PublishOne(1, 0);
                return arrivedOne.Wait(plan.DeliveryGrace) && Failure == null;
            }

            private void PublishOne(int qos, long index)
            {
                int window = latency ? 1 : Math.Max(plan.Window, 1);
                long deadline = Stopwatch.GetTimestamp() + (long)(plan.DeliveryGrace.TotalSeconds * Stopwatch.Frequency);
                if (qos > 0 && window > 1 && published - publisher.Acknowledged >= window && !publisher.PollUntilAcknowledged(published - window + 1, deadline))
                {
                    throw new InvalidOperationException("no PUBACK within " + plan.DeliveryGrace + " (" + publisher.Client.State + ")");
                }

                long acknowledged = publisher.Acknowledged;
                MqttStatus status;
                while ((status = publisher.Client.Publish(topic, 0, topic.Length, payload, 0, payload.Length, (MqttQos)qos, false, out _)) == MqttStatus.SendInProgress)
                {
                    // The socket's send buffer is full: the client keeps the rest of the last packet; wait until it can go.
                    status = publisher.WaitWritableAndPoll(PolledConnection.IdleWait);
                    if (status != MqttStatus.Ok)
                    {
                        throw new InvalidOperationException("publisher connection closed: " + status);
                    }
                }

                if (status != MqttStatus.Ok)
                {
                    throw new InvalidOperationException("publish: " + status);
                }

                published++;
                if (qos > 0 && window > 1)
                {
                    // windowed: take in whatever PUBACKs are already there, then go on publishing
                    status = publisher.Client.Poll();
                    if (status != MqttStatus.Ok)
                    {
                        throw new InvalidOperationException("publisher connection closed: " + status);
                    }

                    return;
                }

                if (qos == 0)
                {
                    if ((index + 1) % Qos0PublishesPerPoll == 0)
                    {
                        status = publisher.Client.Poll();
                        if (status != MqttStatus.Ok)
                        {
                            throw new InvalidOperationException("publisher connection closed: " + status);
                        }
                    }

                    return;
                }

                if (!publisher.PollUntilAcknowledged(acknowledged + 1, deadline))
                {
                    throw new InvalidOperationException("no PUBACK within " + plan.DeliveryGrace + " (" + publisher.Client.State + ")");
                }
            }

            private void OnMessage(MqttReceivedMessage message)
            {
                long now = Stopwatch.GetTimestamp();
                if (Volatile.Read(ref measuring) && !subscriberMarked)
                {
                    subscriberMarked = true;
                    subscriberAllocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
                }

                if (latency)
                {
                    if (Volatile.Read(ref measuring) && recorded < latencies.Length && message.PayloadLength >= 8)
                    {
                        latencies[recorded++] = now - BinaryPrimitives.ReadInt64LittleEndian(new ReadOnlySpan<byte>(message.Buffer, message.PayloadOffset, 8));
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
