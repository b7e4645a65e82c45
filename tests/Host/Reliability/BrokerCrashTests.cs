using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using HomeNode.Host;
using HomeNode.Host.Mosquitto;
using HomeNode.Mqtt;
using Xunit;
using Xunit.Abstractions;

namespace HomeNode.Tests.Host.Reliability
{
    /// <summary>
    /// kill -9 of a mosquitto with persistence on (the launcher saves after every change: autosave_on_changes true,
    /// autosave_interval 1) while our clients publish and subscribe at QoS 1 with persistent sessions.
    /// </summary>
    /// <remarks>
    /// mosquitto 2.0 sends PUBACK while it handles a PUBLISH and writes its database at the top of its next loop turn,
    /// so a SIGKILL in between loses a message it acknowledged. Such a loss is the broker's when the PUBACK, from the
    /// broker process that was then killed, arrived after that process's last completed save (the database file's
    /// modification time, on the same system clock); any other loss is ours. A PUBACK can be read after the kill
    /// (its bytes were already in our socket), so the process is known by the connection it came on, not by time.
    /// </remarks>
    public sealed class BrokerCrashTests
    {
        private const string Topic = "rel/stream";

        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
        private readonly ITestOutputHelper output;

        public BrokerCrashTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void FiveThousandQos1PublishesSurviveFourKillNineRestarts()
        {
            const int Messages = 5000;

            // Published once every other message is acknowledged: mosquitto delivers a session's messages in order, so
            // when it arrives, everything before it that the broker kept has arrived too.
            const int Marker = Messages;
            int[] restartAfter = { 1000, 2000, 3000, 4000 };
            StopwatchClock clock = new StopwatchClock();
            using (MosquittoBroker broker = MosquittoBroker.Start(new MosquittoBrokerOptions { Persistence = true, Tls = false }))
            using (LiveClient subscriber = new LiveClient(Tcp(broker), clock, "rel-crash-sub", false, 10, 4, Messages + 1))
            using (LiveClient publisher = new LiveClient(Tcp(broker), clock, "rel-crash-pub", false, 10, 32, Messages + 1))
            {
                int subscriptions = 0;
                subscriber.OnConnectedAction = (c, sessionPresent) =>
                {
                    if (!sessionPresent)
                    {
                        subscriptions++;
                        c.Client.Subscribe(Topic, MqttQos.AtLeastOnce, out _);
                    }
                };
                Assert.True(LiveClient.PumpUntil(() => subscriber.SubscribeAcknowledged == 1, TimeSpan.FromSeconds(10), subscriber), "subscribed");

                // Per publisher connection (1, 2, ...): how many kills came before it, i.e. which broker process served it.
                List<int> killsBeforeConnection = new List<int>();
                Stopwatch time = Stopwatch.StartNew();
                int published = 0;
                bool markerSent = false;
                List<DateTime> killedAt = new List<DateTime>();
                List<DateTime> savedBeforeKill = new List<DateTime>();
                publisher.OnConnectedAction = (c, sessionPresent) => killsBeforeConnection.Add(killedAt.Count);
                while (time.Elapsed < Deadline && !(subscriber.ReceivedCounts[Marker] > 0 && publisher.Client.Inflight.Count == 0))
                {
                    publisher.Pump();
                    subscriber.Pump();
                    while (published < Messages && publisher.IsConnected && publisher.PublishSequence(Topic, published, MqttQos.AtLeastOnce) == MqttStatus.Ok)
                    {
                        published++;
                    }

                    if (killedAt.Count < restartAfter.Length && published >= restartAfter[killedAt.Count])
                    {
                        // SIGKILL: no clean shutdown, no final save.
                        killedAt.Add(DateTime.UtcNow);
                        broker.Kill();
                        savedBeforeKill.Add(File.Exists(broker.DatabasePath) ? File.GetLastWriteTimeUtc(broker.DatabasePath) : DateTime.MinValue);
                        broker.Restart();
                    }

                    if (!markerSent && published == Messages && publisher.IsConnected && publisher.Client.Inflight.Count == 0)
                    {
                        markerSent = publisher.PublishSequence(Topic, Marker, MqttQos.AtLeastOnce) == MqttStatus.Ok;
                    }

                    System.Threading.Thread.Sleep(publisher.Client.Inflight.Count < 32 && published < Messages ? 0 : 1);
                }

                time.Stop();
                int[] lostSequences = Enumerable.Range(0, Messages).Where(i => subscriber.ReceivedCounts[i] == 0).ToArray();
                int[] lostByBroker = lostSequences.Where(i => AcknowledgedAfterTheLastSave(publisher, i, killsBeforeConnection, savedBeforeKill)).ToArray();
                int lost = lostSequences.Length - lostByBroker.Length;
                int duplicated = subscriber.ReceivedCounts.Take(Messages).Count(n => n > 1);
                long extraCopies = subscriber.ReceivedCounts.Take(Messages).Where(n => n > 1).Sum(n => (long)n - 1);
                this.output.WriteLine($"messages sent: {published}, acknowledged (PUBACK, the marker included): {publisher.Acknowledged}, received: {subscriber.MessagesReceived}, lost: {lost} (+{lostByBroker.Length} acknowledged by mosquitto after its last save before a kill -9), duplicated: {duplicated} ({extraCopies} extra copies)");
                this.output.WriteLine($"restarts survived (kill -9): {killedAt.Count}, publisher connections: {publisher.Connections} (session present {publisher.SessionPresentHistory.Count(s => s)}), subscriber connections: {subscriber.Connections} (session present {subscriber.SessionPresentHistory.Count(s => s)}, subscribed {subscriptions}x), {time.Elapsed.TotalSeconds:F1} s");
                this.output.WriteLine("publisher notices: " + string.Join(", ", publisher.Notices.GroupBy(n => n).Select(g => g.Key + " x" + g.Count())));
                foreach (int i in lostSequences.Take(20))
                {
                    this.output.WriteLine($"  not received: #{i}, PUBACK at {publisher.AcknowledgedAtUtc[i]:HH:mm:ss.fffffff} on connection {publisher.AcknowledgedOnConnection[i]}, kills at {string.Join("/", killedAt.Select(k => k.ToString("HH:mm:ss.fffffff")))}, last saves before them {string.Join("/", savedBeforeKill.Select(k => k.ToString("HH:mm:ss.fffffff")))}");
                }

                Assert.True(subscriber.ReceivedCounts[Marker] > 0, "the marker arrived within " + Deadline.TotalSeconds + " s");
                Assert.Equal(4, killedAt.Count);
                Assert.Equal(Messages, published);
                Assert.Equal(0, publisher.Client.Inflight.Count);
                Assert.Equal(0, lost);
                Assert.Equal(1, subscriptions); // the broker kept the subscriber's session through every restart
            }
        }

        /// <summary>
        /// The narrowest case: an offline persistent subscriber, one QoS 1 message per round, and SIGKILL the moment our
        /// publisher has its PUBACK, a few milliseconds later, or once mosquitto has saved. No mosquitto.conf setting
        /// makes it save before acknowledging (autosave_on_changes with autosave_interval 1 is the tightest there is),
        /// so the early kills are only reported; every message acknowledged and then saved must be kept.
        /// </summary>
        [Fact]
        public void MessagesAcknowledgedBeforeKillNineAreKeptOnceMosquittoHasSaved()
        {
            const int Rounds = 5;

            // Here the delay is the variable of the measurement, not a wait for anything.
            foreach (int delay in new[] { 0, 5, 20 })
            {
                int[] lost = this.KillAfterAcknowledgement(Rounds, broker =>
                {
                    if (delay > 0)
                    {
                        System.Threading.Thread.Sleep(delay);
                    }
                });
                this.output.WriteLine($"kill -9 {delay} ms after PUBACK: {Rounds} rounds, acknowledged messages lost: {lost.Length}");
            }

            int[] saved = this.KillAfterAcknowledgement(Rounds, broker => Assert.True(broker.WaitUntilSavedAfter("Sending PUBACK to rel-probe-pub", TimeSpan.FromSeconds(10)), "mosquitto saved after its PUBACK\n" + broker.ReadLog()));
            this.output.WriteLine($"kill -9 once mosquitto saved after its PUBACK: {Rounds} rounds, acknowledged messages lost: {saved.Length}");
            Assert.Empty(saved);
        }

        /// <summary>
        /// Whether message <paramref name="sequence"/> was acknowledged by a broker process that was killed, after that
        /// process's last completed save: handled after the save began, since mosquitto does nothing else while it saves.
        /// </summary>
        private static bool AcknowledgedAfterTheLastSave(LiveClient publisher, int sequence, List<int> killsBeforeConnection, List<DateTime> savedBeforeKill)
        {
            int connection = publisher.AcknowledgedOnConnection[sequence];
            if (connection == 0)
            {
                return false; // never acknowledged: the publisher must still have it, so losing it would be ours
            }

            int process = killsBeforeConnection[connection - 1];
            return process < savedBeforeKill.Count && publisher.AcknowledgedAtUtc[sequence] > savedBeforeKill[process];
        }

        private int[] KillAfterAcknowledgement(int rounds, Action<MosquittoBroker> beforeKill)
        {
            StopwatchClock clock = new StopwatchClock();

            // debug: mosquitto logs each PUBACK it sends, the line a save must follow
            MosquittoBrokerOptions options = new MosquittoBrokerOptions { Persistence = true, Tls = false };
            options.LogTypes = options.LogTypes.Append("debug").ToArray();
            using (MosquittoBroker broker = MosquittoBroker.Start(options))
            using (LiveClient subscriber = new LiveClient(Tcp(broker), clock, "rel-probe-sub", false, 10, 4, rounds + 1))
            using (LiveClient publisher = new LiveClient(Tcp(broker), clock, "rel-probe-pub", false, 10, 4, rounds + 1))
            {
                subscriber.OnConnectedAction = (c, sessionPresent) =>
                {
                    if (!sessionPresent)
                    {
                        c.Client.Subscribe(Topic, MqttQos.AtLeastOnce, out _);
                    }
                };
                Assert.True(LiveClient.PumpUntil(() => subscriber.SubscribeAcknowledged == 1, TimeSpan.FromSeconds(10), subscriber), "subscribed");
                subscriber.Client.Disconnect();

                // mosquitto logs a subscription as "<client id> <qos> <filter>".
                Assert.True(broker.WaitUntilSavedAfter("rel-probe-sub 1 " + Topic, TimeSpan.FromSeconds(10)), "the subscriber's session saved\n" + broker.ReadLog());

                for (int round = 0; round < rounds; round++)
                {
                    Assert.True(LiveClient.PumpUntil(() => publisher.IsConnected, TimeSpan.FromSeconds(10), publisher), "publisher connected");
                    long acknowledged = publisher.Acknowledged;
                    Assert.Equal(MqttStatus.Ok, publisher.PublishSequence(Topic, round, MqttQos.AtLeastOnce));
                    Assert.True(LiveClient.PumpUntil(() => publisher.Acknowledged != acknowledged, TimeSpan.FromSeconds(5), publisher), "PUBACK");
                    beforeKill(broker);
                    broker.Restart();
                    publisher.Client.DropConnection();
                }

                // A last message behind the others: once it arrives, every earlier one the broker kept has arrived.
                Assert.True(LiveClient.PumpUntil(() => publisher.IsConnected, TimeSpan.FromSeconds(10), publisher), "publisher connected");
                Assert.Equal(MqttStatus.Ok, publisher.PublishSequence(Topic, rounds, MqttQos.AtLeastOnce));
                Assert.True(LiveClient.PumpUntil(() => subscriber.ReceivedCounts[rounds] > 0, TimeSpan.FromSeconds(10), subscriber, publisher), "the last message arrived");
                Assert.True(subscriber.Connections >= 2 && subscriber.SessionPresentHistory.Last(), "the subscriber's session survived");
                return Enumerable.Range(0, rounds).Where(i => subscriber.ReceivedCounts[i] == 0).ToArray();
            }
        }

        private static TcpTransport Tcp(MosquittoBroker broker) => new TcpTransport(new TransportOptions("127.0.0.1", broker.Port));
    }
}
