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

        /// <summary>How far the held clock moves per turn while the link is dark: the resolution of the measurement.</summary>
        private const int StepMilliseconds = 5;

        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
        private readonly ITestOutputHelper output;

        public DeadLinkTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        /// <param name="idleMilliseconds">Time since the last packet when the link goes silent: the keep-alive phase.</param>
        [Theory]
        [InlineData(0)]
        [InlineData(700)]
        [InlineData(1990)]
        public void ASilentLinkIsNoticedWithinOneAndAHalfKeepAlivesPlusThePingTimeoutAndTheSessionResumes(int idleMilliseconds)
        {
            // The detection time is the property under test, so it is measured, but on a clock the test holds: while
            // the link is dark nothing can arrive, the client acts on its clock alone, and the bound is checked exactly
            // however slowly a busy machine runs the loop.
            HoldableClock clock = new HoldableClock();
            using (MosquittoBroker broker = MosquittoBroker.Start(new MosquittoBrokerOptions { Tls = false }))
            using (BlackHoleProxy proxy = new BlackHoleProxy(broker.Port))
            using (LiveClient observer = new LiveClient(new TcpTransport(new TransportOptions("127.0.0.1", broker.Port)), clock, "rel-dead-observer", true, 30, 4, 64))
            using (LiveClient device = new LiveClient(new TcpTransport(new TransportOptions("127.0.0.1", proxy.Port)), clock, "rel-dead-device", false, KeepAliveSeconds, 16, 64))
            {
                device.Options.PingTimeoutMilliseconds = PingTimeoutMilliseconds;
                observer.OnConnectedAction = (c, present) => c.Client.Subscribe("rel/dead/#", MqttQos.AtLeastOnce, out ushort unused);
                Assert.True(LiveClient.PumpUntil(() => observer.SubscribeAcknowledged == 1 && device.IsConnected, Deadline, observer, device), "connected");

                for (int i = 0; i < 10; i++)
                {
                    Assert.Equal(MqttStatus.Ok, device.PublishSequence("rel/dead/data", i, MqttQos.AtLeastOnce));
                }

                Assert.True(LiveClient.PumpUntil(() => device.Acknowledged == 10 && observer.MessagesReceived == 10, Deadline, observer, device), "first ten delivered");

                // Idle for a while, then the link goes silent, and the device publishes into the hole.
                clock.Hold();
                clock.Advance(idleMilliseconds);
                proxy.Dropping = true;
                long droppedAt = clock.ElapsedMilliseconds;
                for (int i = 10; i < 15; i++)
                {
                    Assert.Equal(MqttStatus.Ok, device.PublishSequence("rel/dead/data", i, MqttQos.AtLeastOnce));
                }

                long bound = (KeepAliveSeconds * 1500L) + PingTimeoutMilliseconds;
                Assert.True(LiveClient.StepUntil(clock, StepMilliseconds, 3 * bound, () => device.Closes.Count > 0, observer, device), "dead link noticed");
                (long closedAt, MqttStatus reason) = device.Closes[0];
                long detection = closedAt - droppedAt;
                this.output.WriteLine($"idle {idleMilliseconds} ms, then dark: noticed after {detection} ms ({reason}); bound 1.5 x keep-alive + ping time-out = {bound} ms");
                Assert.Equal(MqttStatus.PingTimeout, reason);
                Assert.True(detection <= bound, $"noticed after {detection} ms");

                // Still dark: a reconnect attempt gets no CONNACK and times out. Then traffic flows again.
                int attemptsBefore = device.ConnectAttempts;
                Assert.True(LiveClient.StepUntil(clock, StepMilliseconds, 10000, () => device.ConnectAttempts > attemptsBefore && device.Closes.Count > 1, observer, device), "a reconnect attempt into the hole ended");
                Assert.Equal(1, device.Connections); // nothing accepted while dark
                int connectionsBefore = device.Connections;
                proxy.Dropping = false;
                clock.Release();
                long restoredAt = clock.ElapsedMilliseconds;
                Assert.True(LiveClient.PumpUntil(() => device.Connections > connectionsBefore, Deadline, observer, device), "reconnected");
                long reconnectedAfter = clock.ElapsedMilliseconds - restoredAt;
                Assert.True(LiveClient.PumpUntil(() => device.Client.Inflight.Count == 0 && Enumerable.Range(0, 15).All(i => observer.ReceivedCounts[i] > 0), Deadline, observer, device), "in-flight messages resent and delivered");

                this.output.WriteLine($"reconnected {reconnectedAfter} ms after traffic flowed again; session present: {device.SessionPresentHistory.Last()}; closes while dark: {string.Join(", ", device.Closes.Select(c => c.Reason))}; observer received {observer.MessagesReceived} for 15 sent");
                Assert.True(device.SessionPresentHistory.Last(), "the broker kept the session");
                Assert.DoesNotContain(MqttStatus.SessionLost, device.Notices);
            }
        }
    }
}
