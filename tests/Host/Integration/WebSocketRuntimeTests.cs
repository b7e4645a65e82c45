using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using HomeNode.App.Config;
using HomeNode.App.Runtime;
using HomeNode.Host;
using HomeNode.Mqtt;
using HomeNode.Mqtt.WebSockets;
using HomeNode.Tests.Host.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace HomeNode.Tests.Host.Integration
{
    /// <summary>
    /// The firmware runtime end to end over MQTT over WebSockets, configured with <c>transport = ws</c> and wrapped the
    /// way the board's glue wraps its socket: readings and light commands through the MQTTnet broker's WebSocket
    /// endpoint, and a kill -9 and restart of aedes with every reading the sensor produced still delivered.
    /// </summary>
    public sealed class WebSocketRuntimeTests
    {
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
        private static readonly TimeSpan Outage = TimeSpan.FromSeconds(4);

        private readonly ITestOutputHelper output;

        public WebSocketRuntimeTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void ReadingsAndLightCommandsOverTheMqttNetWebSocketEndpoint()
        {
            using (MqttNetWebSocketBroker broker = MqttNetWebSocketBroker.Start())
            using (RuntimeUnderTest node = Node(broker.Port, out WebSocketTransport ws))
            using (IntegrationClient remote = Observer(broker.Url, "remote"))
            {
                Assert.Equal(BrokerTransport.WebSocket, node.Config.Broker.Transport);
                remote.SubscribeAndWait(RuntimeUnderTest.TemperatureTopic, MqttQos.AtLeastOnce);
                remote.SubscribeAndWait(RuntimeUnderTest.LightTopic, MqttQos.AtLeastOnce);
                remote.PollUntil(() => remote.Recorder.On(RuntimeUnderTest.TemperatureTopic).Length >= 2, Wait, "two readings", node);
                remote.WaitForMessage(RuntimeUnderTest.LightTopic, m => m.Text == "OFF", Wait, node);

                remote.PublishAndWait(RuntimeUnderTest.LightCommandTopic, "ON", MqttQos.AtLeastOnce);
                remote.WaitForMessage(RuntimeUnderTest.LightTopic, m => m.Text == "ON", Wait, node);
                Assert.True(node.Ceiling.Level, "the command switched the pin");
                Assert.Equal(RuntimeStatus.Online, node.Runtime.Status);
                Assert.Equal(WebSocketFailure.None, ws.LastFailure);
            }
        }

        [Fact]
        public void KillingAndRestartingAedesLosesNoReading()
        {
            using (AedesBroker broker = AedesBroker.Start())
            using (RuntimeUnderTest node = Node(broker.Port, out WebSocketTransport ws))
            using (IntegrationClient subscriber = Observer(broker.Url, "subscriber"))
            {
                subscriber.SubscribeAndWait(RuntimeUnderTest.TemperatureTopic, MqttQos.AtLeastOnce);
                subscriber.PollUntil(() => Received(subscriber).Count >= 3, Wait, "three readings before the outage", node);

                // Kill right after a reading arrived, so none is half-way through the broker.
                int seen = subscriber.Recorder.On(RuntimeUnderTest.TemperatureTopic).Length;
                subscriber.PollUntil(() => subscriber.Recorder.On(RuntimeUnderTest.TemperatureTopic).Length > seen, Wait, "a fresh reading", node);
                broker.Kill();
                int producedAtKill = node.Climate.Produced.Length;

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
                Assert.True(mostQueued >= 2, "readings were queued during the outage (at most " + mostQueued + ")");
                Assert.Contains(ws.LastFailure, new[] { WebSocketFailure.ConnectionLost, WebSocketFailure.OpenFailed });

                // aedes keeps sessions in memory, so the restarted broker has none: the subscriber subscribes again
                // before the node (driven by this thread) gets its next poll and publishes what it queued.
                broker.Restart();
                subscriber.Connect(IntegrationClient.Options(IntegrationClient.UniqueId("wsrestart")));
                subscriber.SubscribeAndWait(RuntimeUnderTest.TemperatureTopic, MqttQos.AtLeastOnce);
                Polling.Until(() => node.Runtime.Status == RuntimeStatus.Online && node.Runtime.Queue.Count == 0 && node.Runtime.Client.Inflight.Count == 0, Wait, "the node back online with its queue drained", node, subscriber);

                Polling.For(TimeSpan.FromSeconds(2), node, subscriber);
                int[] produced = node.ClimateProduced;
                subscriber.PollUntil(
                    () => !produced.Except(Received(subscriber)).Any(),
                    Wait,
                    "every produced reading; missing: " + string.Join(", ", produced.Except(Received(subscriber))),
                    node);

                List<int> received = Received(subscriber);
                int duplicates = received.Count - received.Distinct().Count();
                this.output.WriteLine("over ws: produced " + produced.Length + " readings (" + (produced.Length - producedAtKill) + " after the kill), most queued " + mostQueued + ", received " + received.Count + ", duplicates " + duplicates + "; " + node.Describe());
                Assert.Equal(Enumerable.Range(1, produced.Length), produced);
                Assert.Empty(produced.Except(received));
                Assert.Equal(0, node.Runtime.Queue.DroppedCount);
                Assert.True(node.Runtime.Counters.Reconnects >= 1, node.Describe());
                Assert.Equal(WebSocketFailure.None, ws.LastFailure);
            }
        }

        /// <summary>The kitchen node with <c>transport = ws</c>, its socket wrapped as firmware/Device/Program.cs wraps it.</summary>
        private static RuntimeUnderTest Node(int port, out WebSocketTransport transport)
        {
            string config = RuntimeUnderTest.ConfigFor(port).Replace("[broker]\n", "[broker]\ntransport = ws\npath = /mqtt\n");
            TransportOptions connect = new TransportOptions("127.0.0.1", port) { ConnectTimeout = TimeSpan.FromSeconds(2) };
            transport = new WebSocketTransport(
                new TcpTransport(connect),
                new WebSocketOptions("127.0.0.1", port, false, WebSocketOptions.DefaultPath) { HandshakeTimeoutMilliseconds = 3000 },
                new StopwatchClock(),
                new HostRandomSource());
            return new RuntimeUnderTest(config, transport, firstTemperature: 1);
        }

        private static IntegrationClient Observer(string url, string name)
        {
            IntegrationClient client = new IntegrationClient(name, WebSocketUrl.Parse(url).CreateTransport(null));
            client.Connect(IntegrationClient.Options(IntegrationClient.UniqueId("ws" + name)));
            return client;
        }

        private static List<int> Received(IntegrationClient subscriber)
        {
            return subscriber.Recorder.On(RuntimeUnderTest.TemperatureTopic)
                .Select(m => (int)decimal.Parse(m.Text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture))
                .ToList();
        }
    }
}
