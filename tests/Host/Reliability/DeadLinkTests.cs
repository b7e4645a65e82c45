using System;
using System.Linq;
using HomeNode.Host;
using HomeNode.Host.Mosquitto;
using HomeNode.Mqtt;
using Xunit;
using Xunit.Abstractions;

namespace HomeNode.Tests.Host.Reliability
{
    /// <summary>A link that goes silent (no FIN, no RST) between our client and mosquitto.</summary>
    public sealed class DeadLinkTests
    {
        private const int KeepAliveSeconds = 2;
        private const int PingTimeoutMilliseconds = 1000;
        private readonly ITestOutputHelper output;

        public DeadLinkTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void ASilentLinkIsNoticedWithinOneAndAHalfKeepAlivesPlusThePingTimeoutAndTheSessionResumes()
        {
            StopwatchClock clock = new StopwatchClock();
            using (MosquittoBroker broker = MosquittoBroker.Start(new MosquittoBrokerOptions { Tls = false }))
            using (BlackHoleProxy proxy = new BlackHoleProxy(broker.Port))
            using (LiveClient observer = new LiveClient(new TcpTransport(new TransportOptions("127.0.0.1", broker.Port)), clock, "rel-dead-observer", true, 30, 4, 64))
            using (LiveClient device = new LiveClient(new TcpTransport(new TransportOptions("127.0.0.1", proxy.Port)), clock, "rel-dead-device", false, KeepAliveSeconds, 16, 64))
            {
                device.Options.PingTimeoutMilliseconds = PingTimeoutMilliseconds;
                observer.OnConnectedAction = (c, present) => c.Client.Subscribe("rel/dead/#", MqttQos.AtLeastOnce, out ushort unused);
                Assert.True(LiveClient.PumpUntil(() => observer.SubscribeAcknowledged == 1 && device.IsConnected, TimeSpan.FromSeconds(10), observer, device), "connected");

                for (int i = 0; i < 10; i++)
                {
                    Assert.Equal(MqttStatus.Ok, device.PublishSequence("rel/dead/data", i, MqttQos.AtLeastOnce));
                }

                Assert.True(LiveClient.PumpUntil(() => device.Acknowledged == 10 && observer.MessagesReceived == 10, TimeSpan.FromSeconds(5), observer, device), "first ten delivered");

                // Idle for a moment so the keep-alive phase is arbitrary, then the link goes silent.
                LiveClient.PumpUntil(() => false, TimeSpan.FromMilliseconds(700), observer, device);
                proxy.Dropping = true;
                long droppedAt = clock.ElapsedMilliseconds;
                for (int i = 10; i < 15; i++)
                {
                    Assert.Equal(MqttStatus.Ok, device.PublishSequence("rel/dead/data", i, MqttQos.AtLeastOnce)); // in flight into the hole
                }

                Assert.True(LiveClient.PumpUntil(() => device.Closes.Count > 0, TimeSpan.FromSeconds(10), observer, device), "dead link noticed");
                (long closedAt, MqttStatus reason) = device.Closes[0];
                long detection = closedAt - droppedAt;
                long bound = (KeepAliveSeconds * 1500L) + PingTimeoutMilliseconds;
                this.output.WriteLine($"dead link noticed after {detection} ms ({reason}); bound 1.5 x keep-alive + ping time-out = {bound} ms");
                Assert.Equal(MqttStatus.PingTimeout, reason);
                Assert.True(detection <= bound, $"noticed after {detection} ms");

                // Still silent: reconnect attempts get no CONNACK. Then traffic flows again.
                LiveClient.PumpUntil(() => false, TimeSpan.FromMilliseconds(1500), observer, device);
                int connectionsBefore = device.Connections;
                proxy.Dropping = false;
                long restoredAt = clock.ElapsedMilliseconds;
                Assert.True(LiveClient.PumpUntil(() => device.Connections > connectionsBefore, TimeSpan.FromSeconds(10), observer, device), "reconnected");
                long reconnectedAfter = clock.ElapsedMilliseconds - restoredAt;
                Assert.True(LiveClient.PumpUntil(() => device.Client.Inflight.Count == 0 && Enumerable.Range(0, 15).All(i => observer.ReceivedCounts[i] > 0), TimeSpan.FromSeconds(10), observer, device), "in-flight messages resent and delivered");

                this.output.WriteLine($"reconnected {reconnectedAfter} ms after traffic flowed again; session present: {device.SessionPresentHistory.Last()}; closes while dark: {string.Join(", ", device.Closes.Select(c => c.Reason))}; observer received {observer.MessagesReceived} for 15 sent");
                Assert.True(device.SessionPresentHistory.Last(), "the broker kept the session");
                Assert.DoesNotContain(MqttStatus.SessionLost, device.Notices);
            }
        }
    }
}
