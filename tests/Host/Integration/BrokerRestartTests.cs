using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using HomeNode.App.Runtime;
using HomeNode.Host.Mosquitto;
using HomeNode.Mqtt;
using Xunit;
using Xunit.Abstractions;

namespace HomeNode.Tests.Host.Integration
{
    /// <summary>
    /// Issue 3's key promise: the broker is killed (SIGKILL) mid-run and restarted with persistence on, and every reading
    /// the sensor produced still reaches a subscriber with a persistent session.
    /// </summary>
    public sealed class BrokerRestartTests
    {
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
        private static readonly TimeSpan Outage = TimeSpan.FromSeconds(4);

        private readonly ITestOutputHelper output;

        public BrokerRestartTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void KillingAndRestartingTheBrokerLosesNoQueuedReading()
        {
            using (MosquittoBroker broker = MosquittoBroker.Start(new MosquittoBrokerOptions { Tls = false, Persistence = true }))
            using (IntegrationClient subscriber = IntegrationClient.Tcp(broker, "subscriber"))
            using (RuntimeUnderTest node = new RuntimeUnderTest(broker, firstTemperature: 1))
            {
                MqttConnectOptions session = IntegrationClient.Options(IntegrationClient.UniqueId("readings"), cleanSession: false);
                subscriber.Connect(session);
                subscriber.SubscribeAndWait(RuntimeUnderTest.TemperatureTopic, MqttQos.AtLeastOnce);

                subscriber.PollUntil(() => Received(subscriber).Count >= 3, Wait, "three readings before the outage", node);

                // Kill right after a reading has arrived, so none is half-way through the broker: what is tested is
                // what happens to readings taken while it is down, and to the sessions it must bring back from disk.
                int seen = subscriber.Recorder.On(RuntimeUnderTest.TemperatureTopic).Length;
                subscriber.PollUntil(() => subscriber.Recorder.On(RuntimeUnderTest.TemperatureTopic).Length > seen, Wait, "a fresh reading", node);
                broker.Kill();
                int producedAtKill = node.ClimateProduced.Length;

                // While it is down the node keeps reading and queues what it cannot send.
                int mostQueued = 0;
                Polling.TryUntil(
                    () =>
                    {
                        mostQueued = Math.Max(mostQueued, node.Runtime.Queue.Count);
                        return false;
                    },
                    Outage,
                    node,
                    subscriber);
                Assert.Equal(MqttConnectionState.Disconnected, subscriber.Client.State);
                Assert.NotEqual(RuntimeStatus.Online, node.Runtime.Status);
                Assert.True(node.ClimateProduced.Length >= producedAtKill + 2, "the sensor kept producing during the outage");
                Assert.True(mostQueued >= 2, "readings were queued during the outage (at most " + mostQueued + ")");

                broker.Restart();

                // The node reconnects on its own backoff; let it publish the queue before the subscriber is back, so those
                // readings must wait in the subscriber's restored session.
                Polling.Until(() => node.Runtime.Status == RuntimeStatus.Online && node.Runtime.Queue.Count == 0 && node.Runtime.Client.Inflight.Count == 0, Wait, "the node back online with its queue drained", node);
                subscriber.Connect(session);
                Assert.True(subscriber.Recorder.LastSessionPresent, "the subscriber's session came back from the persistence file");

                // Everything produced up to now must arrive; duplicates are allowed (QoS 1) and counted.
                Polling.For(TimeSpan.FromSeconds(2), node, subscriber);
                int[] produced = node.ClimateProduced;
                subscriber.PollUntil(
                    () => !produced.Except(Received(subscriber)).Any(),
                    Wait,
                    "every produced reading; missing: " + string.Join(", ", produced.Except(Received(subscriber))),
                    node);

                List<int> received = Received(subscriber);
                int duplicates = received.Count - received.Distinct().Count();
                this.output.WriteLine("produced " + produced.Length + " readings (" + (produced.Length - producedAtKill) + " after the kill), most queued " + mostQueued + ", received " + received.Count + ", duplicates " + duplicates);
                Assert.Equal(Enumerable.Range(1, produced.Length), produced);
                Assert.Empty(produced.Except(received));
                Assert.Empty(received.Except(node.ClimateProduced)); // nothing the sensor did not produce
                Assert.Equal(0, node.Runtime.Queue.DroppedCount);
                Assert.True(node.Runtime.Counters.Reconnects >= 1, node.Describe());
            }
        }

        /// <summary>The readings the subscriber has, as the integers the sequence sensor produced ("17.0" is 17).</summary>
        private static List<int> Received(IntegrationClient subscriber)
        {
            return subscriber.Recorder.On(RuntimeUnderTest.TemperatureTopic)
                .Select(m => (int)decimal.Parse(m.Text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture))
                .ToList();
        }
    }
}
