using System;
using HomeNode.Host;
using HomeNode.Mqtt;
using HomeNode.Simulator;
using HomeNode.Tests.Host.Reliability;
using Xunit;

namespace HomeNode.Tests.Host.Simulator
{
    /// <summary>The simulator's embedded broker as outside tools see it (mosquitto_sub connects with no client id).</summary>
    public sealed class EmbeddedBrokerTests
    {
        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

        [Fact]
        public void AnEmptyClientIdWithACleanSessionIsAssignedOneAndReceivesMessages()
        {
            // MQTT 3.1.1 §3.1.3.1: a server MAY accept a zero-byte ClientId, and then MUST assign it a unique one
            // [MQTT-3.1.3-6]; the client MUST then ask for a clean session [MQTT-3.1.3-7].
            using (EmbeddedBroker broker = EmbeddedBroker.Start(0))
            {
                StopwatchClock clock = new StopwatchClock();
                using (LiveClient anonymous = new LiveClient(Tcp(broker), clock, string.Empty, true, 30, 4, 16))
                using (LiveClient other = new LiveClient(Tcp(broker), clock, string.Empty, true, 30, 4, 16))
                using (LiveClient publisher = new LiveClient(Tcp(broker), clock, "embedded-publisher", true, 30, 4, 16))
                {
                    anonymous.OnConnectedAction = (c, present) => c.Client.Subscribe("ourhome/#", MqttQos.AtLeastOnce, out _);
                    other.OnConnectedAction = (c, present) => c.Client.Subscribe("ourhome/#", MqttQos.AtLeastOnce, out _);
                    Assert.True(LiveClient.PumpUntil(() => anonymous.SubscribeAcknowledged == 1 && other.SubscribeAcknowledged == 1 && publisher.IsConnected, Deadline, anonymous, other, publisher), "connected and subscribed; closes: " + string.Join(", ", anonymous.Closes));

                    Assert.Equal(MqttStatus.Ok, publisher.PublishSequence("ourhome/firstfloor/kitchen/temperature", 3, MqttQos.AtLeastOnce));
                    Assert.True(LiveClient.PumpUntil(() => anonymous.ReceivedCounts[3] == 1 && other.ReceivedCounts[3] == 1, Deadline, anonymous, other, publisher), "both received the reading");

                    // Two clients without an id got two sessions: neither took the other over.
                    Assert.Equal(1, anonymous.Connections);
                    Assert.Equal(1, other.Connections);
                    Assert.Empty(anonymous.Closes);
                    Assert.Empty(other.Closes);
                }
            }
        }

        private static TcpTransport Tcp(EmbeddedBroker broker) => new TcpTransport(new TransportOptions("127.0.0.1", broker.Port));
    }
}
