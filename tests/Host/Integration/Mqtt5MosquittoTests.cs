using System;
using System.Linq;
using System.Text;
using HomeNode.Host.Mosquitto;
using HomeNode.Mqtt;
using HomeNode.Mqtt.Requests;
using HomeNode.Tests.Host.Fixtures;
using Xunit;

namespace HomeNode.Tests.Host.Integration
{
    /// <summary>
    /// Our MQTT 5.0 client against mosquitto 2.0 (issue 11): each test starts a broker with its own limits
    /// (max_qos, retain_available, max_packet_size, max_topic_alias, max_inflight_messages) on a loopback port.
    /// </summary>
    public sealed class Mqtt5MosquittoTests
    {
        private readonly string prefix = "v5/" + Guid.NewGuid().ToString("N").Substring(0, 8);

        [Fact]
        public void TheServersLimitsArriveInConnAckAndAreHonouredBeforeSending()
        {
            using MosquittoBroker broker = Start(new MosquittoBrokerOptions { Tls = false, MaxQos = 1, RetainAvailable = false, MaxPacketSize = 200, MaxTopicAlias = 3, MaxInflightMessages = 2 });
            using IntegrationClient ours = IntegrationClient.Tcp(broker.Port, "ours", 0, 8);
            ours.Connect(IntegrationClient.Options5(IntegrationClient.UniqueId("v5")));
            MqttServerProperties server = ours.Client.Server;
            Assert.Equal(1, server.MaximumQos);
            Assert.False(server.RetainAvailable);
            Assert.Equal(200, server.MaximumPacketSize);
            Assert.Equal(3, server.TopicAliasMaximum);
            Assert.Equal(2, server.ReceiveMaximum);

            byte[] small = Encoding.UTF8.GetBytes("x");
            byte[] large = new byte[250];
            Assert.Equal(MqttStatus.QosNotSupported, ours.Client.Publish(this.prefix + "/a", small, 0, 1, MqttQos.ExactlyOnce, false, out ushort id));
            Assert.Equal(MqttStatus.RetainNotSupported, ours.Client.Publish(this.prefix + "/a", small, 0, 1, MqttQos.AtMostOnce, true, out id));
            Assert.Equal(MqttStatus.PacketTooLarge, ours.Client.Publish(this.prefix + "/a", large, 0, large.Length, MqttQos.AtMostOnce, false, out id));
            Assert.Equal(MqttStatus.Ok, ours.Client.Publish(this.prefix + "/a", small, 0, 1, MqttQos.AtLeastOnce, false, out id));
            Assert.Equal(MqttStatus.Ok, ours.Client.Publish(this.prefix + "/a", small, 0, 1, MqttQos.AtLeastOnce, false, out id));
            Assert.Equal(MqttStatus.InflightFull, ours.Client.Publish(this.prefix + "/a", small, 0, 1, MqttQos.AtLeastOnce, false, out id));
            ours.PollUntil(() => ours.Client.Inflight.Count == 0, IntegrationClient.DefaultTimeout, "both PUBACKs");

            // Had any of the refused ones gone out, mosquitto would have closed the connection (retain, QoS, size).
            Polling.For(TimeSpan.FromMilliseconds(300), ours);
            Assert.True(ours.Client.IsConnected);
            Assert.Empty(ours.Recorder.CloseReasons);
        }

        [Fact]
        public void TopicAliasesUpToTheServersMaximumCarryReadings()
        {
            using MosquittoBroker broker = Start(new MosquittoBrokerOptions { Tls = false, MaxTopicAlias = 2 });
            using IntegrationClient subscriber = IntegrationClient.Tcp(broker.Port, "sub", 0, 0);
            subscriber.Connect(IntegrationClient.Options5(IntegrationClient.UniqueId("sub")));
            Assert.Equal(1, subscriber.SubscribeAndWait(this.prefix + "/#", MqttQos.AtLeastOnce));
            using IntegrationClient ours = IntegrationClient.Tcp(broker.Port, "ours", 0, 8);
            ours.Connect(IntegrationClient.Options5(IntegrationClient.UniqueId("v5")));
            string[] topics = { "/kitchen/temperature", "/kitchen/humidity", "/hall/temperature" };
            for (int round = 0; round < 3; round++)
            {
                foreach (string t in topics)
                {
                    ours.PublishAndWait(this.prefix + t, t + round, MqttQos.AtLeastOnce);
                }
            }

            subscriber.PollUntil(() => subscriber.Recorder.MessageCount == 9, IntegrationClient.DefaultTimeout, "nine readings", ours);
            foreach (string t in topics)
            {
                Assert.Equal(new[] { t + "0", t + "1", t + "2" }, subscriber.Recorder.On(this.prefix + t).Select(m => m.Text).ToArray());
            }

            Assert.True(ours.OutgoingAliases.LengthOf(1) > 0 && ours.OutgoingAliases.LengthOf(2) > 0, "two aliases in use");
            Assert.Equal(-1, ours.OutgoingAliases.LengthOf(3));
            Assert.True(ours.Client.IsConnected, "mosquitto accepted every alias: none above its maximum");
        }

        [Fact]
        public void OurReceiveMaximumAndMaximumPacketSizeBindTheBroker()
        {
            using MosquittoBroker broker = Start(new MosquittoBrokerOptions { Tls = false });
            // Receive Maximum 2 (incoming table), Maximum Packet Size 512 (receive buffer): mosquitto keeps at most two
            // QoS 1 messages unacknowledged at us, and drops what is larger than 512 bytes for us instead of sending it.
            using IntegrationClient ours = IntegrationClient.Tcp(broker.Port, "ours", 0, 0, receiveBytes: 512, incomingSlots: 2);
            ours.Connect(IntegrationClient.Options5(IntegrationClient.UniqueId("v5")));
            Assert.Equal(1, ours.SubscribeAndWait(this.prefix + "/#", MqttQos.AtLeastOnce));
            using IntegrationClient publisher = IntegrationClient.Tcp(broker, "pub");
            publisher.Connect(IntegrationClient.Options(IntegrationClient.UniqueId("pub")));
            for (int i = 0; i < 20; i++)
            {
                publisher.PublishAndWait(this.prefix + "/q1", "m" + i, MqttQos.AtLeastOnce);
            }

            publisher.PublishAndWait(this.prefix + "/big", new byte[2000], MqttQos.AtLeastOnce);
            publisher.PublishAndWait(this.prefix + "/after", "small", MqttQos.AtLeastOnce);
            ours.PollUntil(() => ours.Recorder.On(this.prefix + "/after").Length == 1 && ours.Recorder.On(this.prefix + "/q1").Length == 20, IntegrationClient.DefaultTimeout, "all small messages", publisher);
            Assert.Empty(ours.Recorder.On(this.prefix + "/big"));
            Assert.True(ours.Client.IsConnected, "no DISCONNECT 0x93 or 0x95 was needed");
            Assert.Empty(ours.Recorder.CloseReasons);
            Assert.Equal(Enumerable.Range(0, 20).Select(i => "m" + i), ours.Recorder.On(this.prefix + "/q1").Select(m => m.Text));
        }

        [Fact]
        public void QosTwoFromMosquittoWithinOurTable()
        {
            // mosquitto 2.0.11 refills its QoS 2 send quota twice over after PUBCOMP (four unacknowledged with our
            // Receive Maximum of 2; MqttConnectOptions.EnforceReceiveMaximum): strict, the client says so with
            // DISCONNECT 0x93; tolerant, every message arrives exactly once while the table has room.
            using MosquittoBroker broker = Start(new MosquittoBrokerOptions { Tls = false });
            using IntegrationClient ours = IntegrationClient.Tcp(broker.Port, "ours", 0, 0, incomingSlots: 2);
            MqttConnectOptions options = IntegrationClient.Options5(IntegrationClient.UniqueId("v5"));
            options.EnforceReceiveMaximum = false;
            ours.Connect(options);
            Assert.Equal(2, ours.SubscribeAndWait(this.prefix + "/#", MqttQos.ExactlyOnce));
            using IntegrationClient publisher = IntegrationClient.Tcp(broker, "pub");
            publisher.Connect(IntegrationClient.Options(IntegrationClient.UniqueId("pub")));
            for (int i = 0; i < 20; i++)
            {
                publisher.PublishAndWait(this.prefix + "/q2", "m" + i, MqttQos.ExactlyOnce);
            }

            ours.PollUntil(() => ours.Recorder.On(this.prefix + "/q2").Length >= 20 && ours.Client.Inflight.IncomingCount == 0, IntegrationClient.DefaultTimeout, "twenty QoS 2 messages", publisher);
            Assert.True(ours.Client.IsConnected);
            Assert.Equal(20, ours.Recorder.On(this.prefix + "/q2").Select(m => m.Text).Distinct().Count());
        }

        [Fact]
        public void ReasonCodesOnAcknowledgements()
        {
            using MosquittoBroker broker = Start(new MosquittoBrokerOptions { Tls = false, Acl = "topic readwrite v5/#\ntopic read ro/#\n" });
            using IntegrationClient ours = IntegrationClient.Tcp(broker.Port, "ours", 0, 0);
            ours.Connect(IntegrationClient.Options5(IntegrationClient.UniqueId("v5")));
            byte[] payload = Encoding.UTF8.GetBytes("x");
            Assert.Equal(MqttStatus.Ok, ours.Client.Publish(this.prefix + "/nobody", payload, 0, 1, MqttQos.AtLeastOnce, false, out ushort id));
            ours.PollUntil(() => ours.Recorder.WasAcknowledged(id), IntegrationClient.DefaultTimeout, "PUBACK");
            Assert.Contains(ours.Recorder.ReasonCodes, r => r.Packet == MqttPacketType.PubAck && r.PacketId == id && r.Codes[0] == 0x10);

            Assert.Equal(MqttStatus.Ok, ours.Client.Subscribe(new[] { this.prefix + "/ok", this.prefix + "/two" }, new byte[] { 1, 2 }, 2, 0, out id));
            ours.PollUntil(() => ours.Recorder.SubscribeCodes(id) != null, IntegrationClient.DefaultTimeout, "SUBACK");
            Assert.Equal(new byte[] { 0x01, 0x02 }, ours.Recorder.SubscribeCodes(id));
            Assert.Contains(ours.Recorder.ReasonCodes, r => r.Packet == MqttPacketType.SubAck && r.PacketId == id && r.Codes.Length == 2);

            Assert.Equal(MqttStatus.Ok, ours.Client.Unsubscribe(new[] { this.prefix + "/ok", this.prefix + "/never" }, 2, out id));
            ours.PollUntil(() => ours.Recorder.WasUnsubscribed(id), IntegrationClient.DefaultTimeout, "UNSUBACK");
            Assert.Contains(ours.Recorder.ReasonCodes, r => r.Packet == MqttPacketType.UnsubAck && r.PacketId == id && r.Codes.Length == 2 && r.Codes[0] == 0x00 && r.Codes[1] == 0x11);

            Assert.Equal(MqttStatus.Ok, ours.Client.Publish("ro/x", payload, 0, 1, MqttQos.AtLeastOnce, false, out id));
            ours.PollUntil(() => ours.Recorder.Abandoned.Length > 0, IntegrationClient.DefaultTimeout, "the refused publish");
            Assert.Equal((id, MqttStatus.PublishRefused), ours.Recorder.Abandoned[0]);
            Assert.Contains(ours.Recorder.ReasonCodes, r => r.Packet == MqttPacketType.PubAck && r.PacketId == id && r.Codes[0] == 0x87);
        }

        [Fact]
        public void SessionExpiryDecidesWhatSurvivesAReconnect()
        {
            using MosquittoBroker broker = Start(new MosquittoBrokerOptions { Tls = false });
            using IntegrationClient publisher = IntegrationClient.Tcp(broker.Port, "pub", 0, 0);
            publisher.Connect(IntegrationClient.Options5(IntegrationClient.UniqueId("pub")));
            string id = IntegrationClient.UniqueId("kept");
            using IntegrationClient ours = IntegrationClient.Tcp(broker.Port, "ours", 0, 0);
            ours.Connect(IntegrationClient.Options5(id, cleanStart: false, sessionExpiry: 300));
            Assert.Equal(1, ours.SubscribeAndWait(this.prefix + "/cmd", MqttQos.AtLeastOnce));
            ours.Client.Disconnect();
            publisher.PublishAndWait(this.prefix + "/cmd", "while away", MqttQos.AtLeastOnce);
            ours.Connect(IntegrationClient.Options5(id, cleanStart: false, sessionExpiry: 300));
            Assert.True(ours.Recorder.LastSessionPresent, "Clean Start 0, Session Expiry 300: the session was kept");
            Assert.Equal("while away", ours.WaitForMessage(this.prefix + "/cmd").Text);

            // Session Expiry 0: the session ends with the connection, so nothing waits.
            string shortId = IntegrationClient.UniqueId("gone");
            using IntegrationClient brief = IntegrationClient.Tcp(broker.Port, "brief", 0, 0);
            brief.Connect(IntegrationClient.Options5(shortId, cleanStart: false, sessionExpiry: 0));
            Assert.Equal(1, brief.SubscribeAndWait(this.prefix + "/cmd2", MqttQos.AtLeastOnce));
            brief.Client.Disconnect();
            publisher.PublishAndWait(this.prefix + "/cmd2", "lost", MqttQos.AtLeastOnce);
            brief.Connect(IntegrationClient.Options5(shortId, cleanStart: false, sessionExpiry: 0));
            Assert.False(brief.Recorder.LastSessionPresent);
            Assert.DoesNotContain(MqttStatus.SessionLost, brief.Recorder.Notices);
            Polling.For(TimeSpan.FromMilliseconds(300), brief);
            Assert.Empty(brief.Recorder.On(this.prefix + "/cmd2"));
        }

        [Fact]
        public void AnExpiredMessageIsNotDelivered()
        {
            using MosquittoBroker broker = Start(new MosquittoBrokerOptions { Tls = false });
            using IntegrationClient publisher = IntegrationClient.Tcp(broker.Port, "pub", 0, 0);
            publisher.Connect(IntegrationClient.Options5(IntegrationClient.UniqueId("pub")));
            string id = IntegrationClient.UniqueId("light");
            using IntegrationClient light = IntegrationClient.Tcp(broker.Port, "light", 0, 0);
            light.Connect(IntegrationClient.Options5(id, cleanStart: false, sessionExpiry: 300));
            Assert.Equal(1, light.SubscribeAndWait(this.prefix + "/set", MqttQos.AtLeastOnce));
            light.Client.Disconnect();
            MqttPublishProperties stale = new MqttPublishProperties { MessageExpiryInterval = 1 };
            MqttPublishProperties fresh = new MqttPublishProperties { MessageExpiryInterval = 60 };
            byte[] on = Encoding.UTF8.GetBytes("ON");
            byte[] off = Encoding.UTF8.GetBytes("OFF");
            Assert.Equal(MqttStatus.Ok, publisher.Client.Publish(this.prefix + "/set", on, 0, on.Length, MqttQos.AtLeastOnce, false, out ushort packetId, stale));
            Assert.Equal(MqttStatus.Ok, publisher.Client.Publish(this.prefix + "/set", off, 0, off.Length, MqttQos.AtLeastOnce, false, out packetId, fresh));
            publisher.PollUntil(() => publisher.Client.Inflight.Count == 0, IntegrationClient.DefaultTimeout, "PUBACKs");
            Polling.For(TimeSpan.FromMilliseconds(2200), publisher);
            light.Connect(IntegrationClient.Options5(id, cleanStart: false, sessionExpiry: 300));
            ReceivedMessage received = light.WaitForMessage(this.prefix + "/set");
            Polling.For(TimeSpan.FromMilliseconds(300), light);
            Assert.Equal("OFF", received.Text);
            Assert.Single(light.Recorder.On(this.prefix + "/set"));
            Assert.InRange(received.MessageExpiryInterval, 1, 58);
        }

        [Fact]
        public void WillPropertiesAndSubscriptionOptions()
        {
            using MosquittoBroker broker = Start(new MosquittoBrokerOptions { Tls = false });
            using IntegrationClient watcher = IntegrationClient.Tcp(broker.Port, "watcher", 0, 0);
            watcher.Connect(IntegrationClient.Options5(IntegrationClient.UniqueId("watch")));
            Assert.Equal(MqttStatus.Ok, watcher.Client.Subscribe(this.prefix + "/status", SubscriptionOptions.Encode(MqttQos.AtLeastOnce, false, true, 0), 77, out ushort subscribeId));
            watcher.PollUntil(() => watcher.Recorder.SubscribeCodes(subscribeId) != null, IntegrationClient.DefaultTimeout, "SUBACK");

            MqttConnectOptions options = IntegrationClient.Options5(IntegrationClient.UniqueId("dying"));
            options.WillTopic = this.prefix + "/status";
            options.WillPayload = Encoding.UTF8.GetBytes("offline");
            options.WillRetain = true;
            options.Properties.WillMessageExpiryInterval = 600;
            options.Properties.WillContentType = "text/plain";
            options.Properties.WillPayloadIsUtf8 = true;
            using IntegrationClient dying = IntegrationClient.Tcp(broker.Port, "dying", 0, 0);
            dying.Connect(options);
            dying.Client.DropConnection();
            ReceivedMessage will = watcher.WaitForMessage(this.prefix + "/status");
            Assert.Equal("offline", will.Text);
            Assert.Equal("text/plain", will.ContentType);
            Assert.True(will.PayloadIsUtf8);
            Assert.InRange(will.MessageExpiryInterval, 590, 600);
            Assert.True(will.Retain, "Retain As Published keeps the will's RETAIN flag");
            Assert.Equal(new[] { 77 }, will.SubscriptionIdentifiers);

            // Retain Handling 2: the retained will is not sent at subscribe; 0: it is.
            using IntegrationClient late = IntegrationClient.Tcp(broker.Port, "late", 0, 0);
            late.Connect(IntegrationClient.Options5(IntegrationClient.UniqueId("late")));
            Assert.Equal(MqttStatus.Ok, late.Client.Subscribe(this.prefix + "/status", SubscriptionOptions.Encode(MqttQos.AtLeastOnce, false, false, SubscriptionOptions.DoNotSendRetained), 0, out subscribeId));
            late.PollUntil(() => late.Recorder.SubscribeCodes(subscribeId) != null, IntegrationClient.DefaultTimeout, "SUBACK");
            Polling.For(TimeSpan.FromMilliseconds(300), late);
            Assert.Empty(late.Recorder.On(this.prefix + "/status"));
            Assert.Equal(MqttStatus.Ok, late.Client.Subscribe(this.prefix + "/status", SubscriptionOptions.Encode(MqttQos.AtLeastOnce, false, false, SubscriptionOptions.SendRetained), 0, out subscribeId));
            Assert.Equal("offline", late.WaitForMessage(this.prefix + "/status").Text);
        }

        [Fact]
        public void RequestAndResponseThroughMosquitto()
        {
            using MosquittoBroker broker = Start(new MosquittoBrokerOptions { Tls = false });
            using IntegrationClient device = IntegrationClient.Tcp(broker.Port, "device", 0, 4);
            device.Connect(IntegrationClient.Options5(IntegrationClient.UniqueId("device")));
            MqttResponder responder = new MqttResponder(device.Client);
            byte[] state = Encoding.UTF8.GetBytes("{\"state\":\"ON\"}");
            device.Recorder.OnMessageReaction = m => responder.Respond(m, state, 0, state.Length, MqttQos.AtLeastOnce, out ushort ignored);
            Assert.Equal(1, device.SubscribeAndWait(this.prefix + "/light/get", MqttQos.AtLeastOnce));

            using IntegrationClient phone = IntegrationClient.Tcp(broker.Port, "phone", 0, 4);
            phone.Connect(IntegrationClient.Options5(IntegrationClient.UniqueId("phone")));
            Assert.Equal(1, phone.SubscribeAndWait(this.prefix + "/phone/replies", MqttQos.AtLeastOnce));
            MqttRequester requester = new MqttRequester(phone.Client, phone.Clock, 4) { TimeoutMilliseconds = 1000 };
            int answered = 0;
            phone.Recorder.OnMessageReaction = m =>
            {
                if (requester.TryMatch(m, out int id))
                {
                    answered = id;
                }
            };
            Assert.Equal(MqttStatus.Ok, requester.Request(this.prefix + "/light/get", this.prefix + "/phone/replies", null, 0, 0, MqttQos.AtLeastOnce, out int first));
            phone.PollUntil(() => answered == first, IntegrationClient.DefaultTimeout, "the light's answer", device);
            Assert.Equal("{\"state\":\"ON\"}", phone.Recorder.Last(this.prefix + "/phone/replies").Text);

            // Nobody answers on another topic: the request times out on the phone's clock.
            Assert.Equal(MqttStatus.Ok, requester.Request(this.prefix + "/nobody/get", this.prefix + "/phone/replies", null, 0, 0, MqttQos.AtLeastOnce, out int second));
            int expired = 0;
            phone.PollUntil(() => (expired = requester.TakeExpired()) != 0, TimeSpan.FromSeconds(5), "the time-out", device);
            Assert.Equal(second, expired);
            Assert.Equal(0, requester.Pending);
        }

        private static MosquittoBroker Start(MosquittoBrokerOptions options)
        {
            return MosquittoBroker.Start(options);
        }
    }
}
