using System;
using System.Linq;
using HomeNode.Host;
using HomeNode.Host.Mosquitto;
using HomeNode.Mqtt;
using HomeNode.Tests.Host.Fixtures;
using HomeNode.Tests.Host.Transports;
using Xunit;

namespace HomeNode.Tests.Host.Integration
{
    /// <summary>
    /// Our MQTT client against the shared mosquitto (issue 2): every test uses its own topic prefix and client ids, so
    /// what other tests leave retained on the broker does not matter.
    /// </summary>
    [Collection(MosquittoCollection.Name)]
    public sealed class MqttClientIntegrationTests
    {
        private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(700);

        private readonly MosquittoBroker broker;
        private readonly string prefix = "it/" + Guid.NewGuid().ToString("N").Substring(0, 8);

        public MqttClientIntegrationTests(MosquittoBrokerFixture fixture)
        {
            this.broker = fixture.Broker;
        }

        [Theory]
        [InlineData(MqttQos.AtMostOnce)]
        [InlineData(MqttQos.AtLeastOnce)]
        [InlineData(MqttQos.ExactlyOnce)]
        public void PublishedMessageArrivesAtTheSameQos(MqttQos qos)
        {
            string topic = this.prefix + "/roundtrip";
            using (IntegrationClient subscriber = this.Connected("sub"))
            using (IntegrationClient publisher = this.Connected("pub"))
            {
                Assert.Equal(2, subscriber.SubscribeAndWait(topic, MqttQos.ExactlyOnce));
                publisher.PublishAndWait(topic, "qos " + (int)qos, qos);

                ReceivedMessage received = subscriber.WaitForMessage(topic, publisher);
                Assert.Equal("qos " + (int)qos, received.Text);
                Assert.Equal(qos, received.Qos);
                Assert.False(received.Retain);
                Assert.False(received.Duplicate);

                // QoS 2 on the receiving side ends with PUBREL/PUBCOMP: the id is forgotten, and nothing arrives twice.
                subscriber.PollUntil(() => subscriber.Client.Inflight.IncomingCount == 0, IntegrationClient.DefaultTimeout, "PUBREL for the QoS 2 message", publisher);
                Polling.For(Quiet, subscriber, publisher);
                Assert.Single(subscriber.Recorder.On(topic));
                Assert.Equal(0, publisher.Client.Inflight.Count);
            }
        }

        [Fact]
        public void SubscriptionQosCapsDelivery()
        {
            string topic = this.prefix + "/capped";
            using (IntegrationClient subscriber = this.Connected("sub"))
            using (IntegrationClient publisher = this.Connected("pub"))
            {
                Assert.Equal(1, subscriber.SubscribeAndWait(topic, MqttQos.AtLeastOnce));
                publisher.PublishAndWait(topic, "two", MqttQos.ExactlyOnce);

                // MQTT 3.1.1 §3.8.4: delivered at the lower of the published and the granted QoS.
                Assert.Equal(MqttQos.AtLeastOnce, subscriber.WaitForMessage(topic, publisher).Qos);
            }
        }

        [Fact]
        public void RawPeerPublishIsDeliveredAndOurPublishReachesRawPeer()
        {
            string topic = this.prefix + "/raw";
            using (IntegrationClient ours = this.Connected("ours"))
            using (TcpTransport raw = new TcpTransport(new TransportOptions("127.0.0.1", this.broker.Port)))
            {
                Assert.Equal(2, ours.SubscribeAndWait(topic + "/in", MqttQos.ExactlyOnce));
                Assert.True(raw.Open());
                Assert.Equal(RawMqtt.ConnackAccepted, RawMqtt.Handshake(raw, RawMqtt.ConnectPacket(IntegrationClient.UniqueId("raw"))));

                // Hand-encoded PUBLISH QoS 1, id 7 (§3.3); the broker answers PUBACK 40 02 00 07 (§3.4).
                Assert.True(RawMqtt.SendAll(raw, RawMqtt.PublishQos1(topic + "/in", 7, new byte[] { 0x00, 0xFF, 0x41 }, false), TimeSpan.FromSeconds(3)));
                byte[] puback = new byte[4];
                Assert.Equal(4, RawMqtt.ReceiveExactly(raw, puback, 4, TimeSpan.FromSeconds(3)));
                Assert.Equal(new byte[] { 0x40, 0x02, 0x00, 0x07 }, puback);
                ReceivedMessage received = ours.WaitForMessage(topic + "/in");
                Assert.Equal(new byte[] { 0x00, 0xFF, 0x41 }, received.Payload);
                Assert.Equal(MqttQos.AtLeastOnce, received.Qos);

                // The other way: the raw peer subscribes at QoS 0, so the broker's PUBLISH to it is exactly the §3.3 QoS 0 form.
                Assert.True(RawMqtt.SendAll(raw, RawMqtt.Subscribe(1, topic + "/out", 0), TimeSpan.FromSeconds(3)));
                byte[] suback = new byte[5];
                Assert.Equal(5, RawMqtt.ReceiveExactly(raw, suback, 5, TimeSpan.FromSeconds(3)));
                Assert.Equal(new byte[] { 0x90, 0x03, 0x00, 0x01, 0x00 }, suback);
                ours.PublishAndWait(topic + "/out", "hello raw", MqttQos.AtLeastOnce);
                byte[] expected = RawMqtt.PublishQos0(topic + "/out", IntegrationClient.Utf8("hello raw"));
                byte[] publish = new byte[expected.Length];
                Assert.Equal(expected.Length, RawMqtt.ReceiveExactly(raw, publish, expected.Length, TimeSpan.FromSeconds(3)));
                Assert.Equal(expected, publish);
            }
        }

        [Fact]
        public void RetainedMessageIsSetReceivedWithRetainFlagAndClearedByEmptyPayload()
        {
            string topic = this.prefix + "/retained";
            string marker = this.prefix + "/marker";
            using (IntegrationClient publisher = this.Connected("pub"))
            using (IntegrationClient live = this.Connected("live"))
            {
                live.SubscribeAndWait(topic, MqttQos.AtLeastOnce);
                publisher.PublishAndWait(topic, "kept", MqttQos.AtLeastOnce, retain: true);

                // §3.3.1.3: to an existing subscription the broker forwards it with RETAIN 0 ...
                ReceivedMessage forwarded = live.WaitForMessage(topic, publisher);
                Assert.Equal("kept", forwarded.Text);
                Assert.False(forwarded.Retain);

                // ... and to a new subscription it sends the stored message with RETAIN 1.
                using (IntegrationClient late = this.Connected("late"))
                {
                    late.SubscribeAndWait(topic, MqttQos.AtLeastOnce);
                    ReceivedMessage stored = late.WaitForMessage(topic);
                    Assert.Equal("kept", stored.Text);
                    Assert.True(stored.Retain);
                    Assert.Equal(MqttQos.AtLeastOnce, stored.Qos);
                }

                // §3.3.1.3: a retained PUBLISH with an empty payload removes the retained message.
                publisher.PublishAndWait(topic, new byte[0], MqttQos.AtLeastOnce, retain: true);
                using (IntegrationClient afterClear = this.Connected("cleared"))
                {
                    afterClear.SubscribeAndWait(topic, MqttQos.AtLeastOnce);
                    afterClear.SubscribeAndWait(marker, MqttQos.AtLeastOnce);
                    publisher.PublishAndWait(marker, "after", MqttQos.AtLeastOnce);
                    afterClear.WaitForMessage(marker, publisher);
                    Assert.Empty(afterClear.Recorder.On(topic));
                }
            }
        }

        [Fact]
        public void WillIsDeliveredWhenTheClientDropsTheConnection()
        {
            string willTopic = this.prefix + "/will";
            using (IntegrationClient observer = this.Connected("observer"))
            using (IntegrationClient node = this.Client("node"))
            {
                observer.SubscribeAndWait(willTopic, MqttQos.AtLeastOnce);
                node.Connect(this.WithWill(IntegrationClient.UniqueId("node"), willTopic, "dropped"));

                Assert.Equal(MqttStatus.Ok, node.Client.DropConnection());
                ReceivedMessage will = observer.WaitForMessage(willTopic);
                Assert.Equal("dropped", will.Text);
                Assert.Equal(MqttQos.AtLeastOnce, will.Qos);
                Assert.Equal(new[] { MqttStatus.TransportClosed }, node.Recorder.CloseReasons);
            }
        }

        [Fact]
        public void WillIsDeliveredWhenTheSocketDiesUnderTheClient()
        {
            string willTopic = this.prefix + "/will";
            using (IntegrationClient observer = this.Connected("observer"))
            using (IntegrationClient node = this.Client("node"))
            {
                observer.SubscribeAndWait(willTopic, MqttQos.AtLeastOnce);
                node.Connect(this.WithWill(IntegrationClient.UniqueId("node"), willTopic, "socket died"));

                node.Transport.Sever();
                Assert.Equal("socket died", observer.WaitForMessage(willTopic).Text);

                // The client finds out on its next poll and says why.
                node.PollUntil(() => node.Client.State == MqttConnectionState.Disconnected, IntegrationClient.DefaultTimeout, "noticing the dead socket");
                Assert.Equal(new[] { MqttStatus.TransportClosed }, node.Recorder.CloseReasons);
            }
        }

        [Fact]
        public void WillIsNotDeliveredAfterCleanDisconnect()
        {
            string willTopic = this.prefix + "/will";
            string marker = this.prefix + "/marker";
            using (IntegrationClient observer = this.Connected("observer"))
            using (IntegrationClient node = this.Client("node"))
            {
                observer.SubscribeAndWait(willTopic, MqttQos.AtLeastOnce);
                observer.SubscribeAndWait(marker, MqttQos.AtLeastOnce);
                node.Connect(this.WithWill(IntegrationClient.UniqueId("node"), willTopic, "should not appear"));

                // §3.14.4: DISCONNECT makes the broker discard the will.
                Assert.Equal(MqttStatus.Ok, node.Client.Disconnect());
                Assert.Equal(new[] { MqttStatus.ClosedByClient }, node.Recorder.CloseReasons);
                observer.PublishAndWait(marker, "done", MqttQos.AtLeastOnce);
                observer.WaitForMessage(marker);
                Polling.For(Quiet, observer);
                Assert.Empty(observer.Recorder.On(willTopic));
            }
        }

        [Fact]
        public void PersistentSessionReceivesQos1AndQos2PublishedWhileAway()
        {
            string topic = this.prefix + "/queued";
            string clientId = IntegrationClient.UniqueId("persist");
            using (IntegrationClient away = this.Client("away"))
            using (IntegrationClient publisher = this.Connected("pub"))
            {
                away.Connect(IntegrationClient.Options(clientId, cleanSession: false));
                Assert.False(away.Recorder.LastSessionPresent);
                Assert.Equal(2, away.SubscribeAndWait(topic, MqttQos.ExactlyOnce));
                Assert.Equal(MqttStatus.Ok, away.Client.Disconnect());

                publisher.PublishAndWait(topic, "while away 1", MqttQos.AtLeastOnce);
                publisher.PublishAndWait(topic, "while away 2", MqttQos.ExactlyOnce);

                away.Connect(IntegrationClient.Options(clientId, cleanSession: false));
                Assert.True(away.Recorder.LastSessionPresent, "§3.2.2.2: the broker kept the session");
                away.PollUntil(() => away.Recorder.On(topic).Length >= 2, IntegrationClient.DefaultTimeout, "both queued messages");
                ReceivedMessage[] queued = away.Recorder.On(topic);
                Assert.Equal(new[] { "while away 1", "while away 2" }, queued.Select(m => m.Text).ToArray());
                Assert.Equal(new[] { MqttQos.AtLeastOnce, MqttQos.ExactlyOnce }, queued.Select(m => m.Qos).ToArray());
                away.PollUntil(() => away.Client.Inflight.IncomingCount == 0, IntegrationClient.DefaultTimeout, "PUBREL of the queued QoS 2 message");
                Assert.Equal(MqttStatus.Ok, away.Client.Disconnect());

                // A clean session discards what the broker kept (§3.1.2.4): no session present, nothing left over.
                away.Connect(IntegrationClient.Options(clientId, cleanSession: true));
                Assert.False(away.Recorder.LastSessionPresent);
            }
        }

        [Fact]
        public void SingleLevelWildcardMatchesOneLevel()
        {
            using (IntegrationClient publisher = this.Connected("pub"))
            using (IntegrationClient plus = this.Connected("plus"))
            {
                plus.SubscribeAndWait(this.prefix + "/+/temperature", MqttQos.AtLeastOnce);
                plus.SubscribeAndWait(this.prefix + "/end", MqttQos.AtLeastOnce);
                foreach (string level in new[] { "kitchen/temperature", "hall/temperature", "hall/humidity", "kitchen/a/temperature", "temperature" })
                {
                    publisher.PublishAndWait(this.prefix + "/" + level, level, MqttQos.AtLeastOnce);
                }

                publisher.PublishAndWait(this.prefix + "/end", "end", MqttQos.AtLeastOnce);
                plus.WaitForMessage(this.prefix + "/end", publisher);
                Assert.Equal(
                    new[] { this.prefix + "/kitchen/temperature", this.prefix + "/hall/temperature", this.prefix + "/end" },
                    plus.Recorder.Messages.Select(m => m.Topic).ToArray());
            }
        }

        [Fact]
        public void MultiLevelWildcardMatchesParentAndChildren()
        {
            using (IntegrationClient publisher = this.Connected("pub"))
            using (IntegrationClient hash = this.Connected("hash"))
            {
                hash.SubscribeAndWait(this.prefix + "/kitchen/#", MqttQos.AtLeastOnce);
                hash.SubscribeAndWait(this.prefix + "/end", MqttQos.AtLeastOnce);
                foreach (string level in new[] { "kitchen", "kitchen/temperature", "kitchen/a/b/c", "kitchenette", "hall/kitchen" })
                {
                    publisher.PublishAndWait(this.prefix + "/" + level, level, MqttQos.AtLeastOnce);
                }

                publisher.PublishAndWait(this.prefix + "/end", "end", MqttQos.AtLeastOnce);
                hash.WaitForMessage(this.prefix + "/end", publisher);

                // §4.7.1.2: "sport/#" also matches "sport".
                Assert.Equal(
                    new[] { this.prefix + "/kitchen", this.prefix + "/kitchen/temperature", this.prefix + "/kitchen/a/b/c", this.prefix + "/end" },
                    hash.Recorder.Messages.Select(m => m.Topic).ToArray());
            }
        }

        [Fact]
        public void WildcardsAtTheRootDoNotMatchSysTopics()
        {
            string marker = this.prefix + "/marker";
            using (IntegrationClient sys = this.Connected("sys"))
            using (IntegrationClient everything = this.Connected("all"))
            {
                // mosquitto keeps $SYS/broker/version retained, so a subscriber gets it at once.
                sys.SubscribeAndWait("$SYS/broker/version", MqttQos.AtMostOnce);
                Assert.StartsWith("mosquitto version", sys.WaitForMessage("$SYS/broker/version").Text);

                // §4.7.2: filters starting with a wildcard do not match topics starting with '$'.
                everything.SubscribeAndWait("#", MqttQos.AtMostOnce);
                everything.SubscribeAndWait("+/broker/version", MqttQos.AtMostOnce);
                everything.PublishAndWait(marker, "after", MqttQos.AtLeastOnce);
                everything.WaitForMessage(marker);
                Polling.For(Quiet, everything);
                Assert.DoesNotContain(everything.Recorder.Messages, m => m.Topic.StartsWith("$", StringComparison.Ordinal));
            }
        }

        [Fact]
        public void NothingArrivesAfterUnsubscribe()
        {
            string topic = this.prefix + "/unsub";
            string marker = this.prefix + "/marker";
            using (IntegrationClient publisher = this.Connected("pub"))
            using (IntegrationClient subscriber = this.Connected("sub"))
            {
                subscriber.SubscribeAndWait(topic, MqttQos.AtLeastOnce);
                subscriber.SubscribeAndWait(marker, MqttQos.AtLeastOnce);
                publisher.PublishAndWait(topic, "before", MqttQos.AtLeastOnce);
                Assert.Equal("before", subscriber.WaitForMessage(topic, publisher).Text);

                subscriber.UnsubscribeAndWait(topic);
                publisher.PublishAndWait(topic, "after", MqttQos.AtLeastOnce);
                publisher.PublishAndWait(marker, "marker", MqttQos.AtLeastOnce);

                // The broker handles one publisher's messages in order, so once the marker is in, "after" would be too.
                subscriber.WaitForMessage(marker, publisher);
                Assert.Equal(new[] { "before" }, subscriber.Recorder.On(topic).Select(m => m.Text).ToArray());
            }
        }

        [Theory]
        [InlineData(MqttQos.AtMostOnce)]
        [InlineData(MqttQos.AtLeastOnce)]
        [InlineData(MqttQos.ExactlyOnce)]
        public void SixtyFourKibibytePayloadRoundTrips(MqttQos qos)
        {
            const int PayloadBytes = 64 * 1024;
            const int PacketBytes = PayloadBytes + 256; // fixed header (4-byte remaining length, §2.2.3), topic, packet id
            string topic = this.prefix + "/large";
            byte[] payload = new byte[PayloadBytes];
            new Random(64).NextBytes(payload);
            using (IntegrationClient subscriber = this.Connected("sub", PacketBytes, 2, PacketBytes))
            using (IntegrationClient publisher = this.Connected("pub", PacketBytes, 2, PacketBytes))
            {
                subscriber.SubscribeAndWait(topic, MqttQos.ExactlyOnce);
                publisher.PublishAndWait(topic, payload, qos);
                ReceivedMessage received = subscriber.WaitForMessage(topic, publisher);
                Assert.Equal(qos, received.Qos);
                Assert.Equal(payload, received.Payload);
                Assert.Equal(0, subscriber.Client.OversizedPacketsSkipped);
            }
        }

        [Fact]
        public void LargePayloadThatDoesNotFitTheInflightSlotIsRefused()
        {
            using (IntegrationClient publisher = this.Connected("pub", 70000, 2, 1024))
            {
                byte[] payload = new byte[64 * 1024];
                Assert.Equal(MqttStatus.PacketTooLarge, publisher.Client.Publish(this.prefix + "/large", payload, 0, payload.Length, MqttQos.AtLeastOnce, false, out ushort packetId));
                Assert.Equal(0, packetId);
                Assert.Equal(0, publisher.Client.Inflight.Count);
                Assert.True(publisher.Client.IsConnected);
            }
        }

        [Fact]
        public void TlsRoundTripWithTheTestCa()
        {
            string topic = this.prefix + "/tls";
            using (IntegrationClient subscriber = IntegrationClient.Tls(this.broker, "tls-sub"))
            using (IntegrationClient publisher = IntegrationClient.Tls(this.broker, "tls-pub"))
            {
                subscriber.Connect(IntegrationClient.Options(IntegrationClient.UniqueId("tls-sub")));
                publisher.Connect(IntegrationClient.Options(IntegrationClient.UniqueId("tls-pub")));
                subscriber.SubscribeAndWait(topic, MqttQos.ExactlyOnce);
                publisher.PublishAndWait(topic, "over tls 1", MqttQos.AtLeastOnce);
                publisher.PublishAndWait(topic, "over tls 2", MqttQos.ExactlyOnce);
                subscriber.PollUntil(() => subscriber.Recorder.On(topic).Length == 2, IntegrationClient.DefaultTimeout, "two messages over TLS", publisher);
                Assert.Equal(new[] { "over tls 1", "over tls 2" }, subscriber.Recorder.On(topic).Select(m => m.Text).ToArray());
                Assert.NotEqual(System.Security.Authentication.SslProtocols.None, ((TlsTransport)publisher.Transport.Inner).NegotiatedProtocol);
            }
        }

        [Theory]
        [InlineData(MqttQos.AtMostOnce)]
        [InlineData(MqttQos.AtLeastOnce)]
        [InlineData(MqttQos.ExactlyOnce)]
        public void OversizedIncomingMessageIsSkippedCountedAndTheNextOneArrives(MqttQos qos)
        {
            string topic = this.prefix + "/oversized";
            string clientId = IntegrationClient.UniqueId("small");
            using (IntegrationClient publisher = this.Connected("pub"))
            using (IntegrationClient small = this.Client("small", 4096, 8, 4096, receiveBytes: 256))
            {
                small.Connect(IntegrationClient.Options(clientId, cleanSession: false));
                small.SubscribeAndWait(topic, MqttQos.ExactlyOnce);

                publisher.PublishAndWait(topic, new byte[1000], qos);
                publisher.PublishAndWait(topic, "fits", qos);
                Assert.Equal("fits", small.WaitForMessage(topic, publisher).Text);
                Assert.Single(small.Recorder.On(topic));
                Assert.Equal(1, small.Client.OversizedPacketsSkipped);
                Assert.Equal(new[] { MqttStatus.IncomingPacketTooLarge }, small.Recorder.Notices);
                Assert.True(small.Client.IsConnected);
                small.PollUntil(() => small.Client.Inflight.IncomingCount == 0, IntegrationClient.DefaultTimeout, "PUBREL for every QoS 2 reception", publisher);

                // The skipped QoS 1/2 message was acknowledged, so the broker does not send it again on the next connection.
                Assert.Equal(MqttStatus.Ok, small.Client.DropConnection());
                small.Connect(IntegrationClient.Options(clientId, cleanSession: false));
                Assert.True(small.Recorder.LastSessionPresent);
                Polling.For(Quiet, small, publisher);
                Assert.Equal(1, small.Client.OversizedPacketsSkipped);
                Assert.Single(small.Recorder.On(topic));
                small.Client.Disconnect();
                small.Connect(IntegrationClient.Options(clientId, cleanSession: true));
            }
        }

        [Fact]
        public void Qos2BurstLargerThanTheIncomingTableIsDeliveredWithoutAReconnect()
        {
            // Issue 10, item 10: mosquitto keeps up to 20 QoS 2 messages in flight to a client (max_inflight_messages),
            // five times this table. Each must be answered with PUBREC (MQTT-4.3.3-2), so all 50 arrive, once, in order.
            const int Burst = 50;
            string topic = this.prefix + "/burst";
            string clientId = IntegrationClient.UniqueId("narrow");
            using (IntegrationClient publisher = this.Connected("pub", 4096, 16, 256))
            using (IntegrationClient narrow = IntegrationClient.Tcp(this.broker, "narrow", 4096, 8, 256, incomingSlots: 4))
            {
                narrow.Connect(IntegrationClient.Options(clientId, cleanSession: false));
                Assert.Equal(2, narrow.SubscribeAndWait(topic, MqttQos.ExactlyOnce));

                // As fast as the publisher's 16 slots allow (mosquitto also takes at most 20 QoS 2 in flight from a publisher).
                for (int i = 0; i < Burst; i++)
                {
                    byte[] payload = IntegrationClient.Utf8(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    MqttStatus status = MqttStatus.InflightFull;
                    publisher.PollUntil(() => (status = publisher.Client.Publish(topic, payload, 0, payload.Length, MqttQos.ExactlyOnce, false, out ushort _)) != MqttStatus.InflightFull, IntegrationClient.DefaultTimeout, "a free slot", narrow);
                    Assert.Equal(MqttStatus.Ok, status);
                }

                narrow.PollUntil(() => narrow.Recorder.On(topic).Length >= Burst, TimeSpan.FromSeconds(10), "all " + Burst + " QoS 2 messages", publisher);
                narrow.PollUntil(() => narrow.Client.Inflight.IncomingCount == 0 && publisher.Client.Inflight.Count == 0, IntegrationClient.DefaultTimeout, "every QoS 2 exchange completed", publisher);
                Polling.For(Quiet, narrow, publisher);

                Assert.Equal(Enumerable.Range(0, Burst).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(), narrow.Recorder.On(topic).Select(m => m.Text).ToArray());
                Assert.Empty(narrow.Recorder.CloseReasons);
                Assert.Equal(1, narrow.Recorder.Connects);
                Assert.True(narrow.Client.UntrackedQos2Deliveries > 0, "the burst went beyond the table");
                Assert.Contains(MqttStatus.IncomingQos2TableFull, narrow.Recorder.Notices);
                narrow.Client.Disconnect();
                narrow.Connect(IntegrationClient.Options(clientId, cleanSession: true));
            }
        }

        private IntegrationClient Client(string name, int bufferBytes = 4096, int inflightSlots = 8, int slotBytes = 4096, int receiveBytes = 0)
        {
            return IntegrationClient.Tcp(this.broker, name, bufferBytes, inflightSlots, slotBytes, receiveBytes);
        }

        private IntegrationClient Connected(string name, int bufferBytes = 4096, int inflightSlots = 8, int slotBytes = 4096)
        {
            IntegrationClient client = this.Client(name, bufferBytes, inflightSlots, slotBytes);
            client.Connect(IntegrationClient.Options(IntegrationClient.UniqueId(name)));
            return client;
        }

        private MqttConnectOptions WithWill(string clientId, string willTopic, string willText)
        {
            MqttConnectOptions options = IntegrationClient.Options(clientId);
            options.WillTopic = willTopic;
            options.WillPayload = IntegrationClient.Utf8(willText);
            options.WillQos = MqttQos.AtLeastOnce;
            return options;
        }
    }
}
