using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using HomeNode.Mqtt;
using HomeNode.Mqtt.Requests;
using HomeNode.Tests.Host.Fixtures;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Xunit;
using NetProtocol = MQTTnet.Formatter.MqttProtocolVersion;
using OurQos = HomeNode.Mqtt.MqttQos;

namespace HomeNode.Tests.Host.Integration
{
    /// <summary>
    /// Our MQTT 5.0 client against the MQTTnet 5.2 broker in this process (issue 11): CONNACK properties and refusals,
    /// DISCONNECT from the server, reason codes, PUBLISH properties both ways with an MQTTnet 5.0 client as the peer,
    /// Topic Aliases, subscription options and identifiers, request/response.
    /// </summary>
    public sealed class Mqtt5MqttNetTests
    {
        [Fact]
        public void ConnAckAssignsAClientIdentifierAndSaysWhy()
        {
            using MqttNetBroker broker = MqttNetBroker.Start(server => server.ValidatingConnectionAsync += e =>
            {
                e.AssignedClientIdentifier = "given-" + e.ClientId.Length;
                e.ReasonString = "welcome";
                return Task.CompletedTask;
            });
            using IntegrationClient ours = IntegrationClient.Tcp(broker.Port, "ours", 0, 0);
            ours.Connect(IntegrationClient.Options5(IntegrationClient.UniqueId("v5")));
            MqttServerProperties server = ours.Client.Server;
            Assert.Equal(0, server.ReasonCode);
            Assert.Equal("given-11", Text(server.Buffer, server.AssignedClientIdentifierOffset, server.AssignedClientIdentifierLength));
            Assert.Equal("welcome", Text(server.Buffer, server.ReasonStringOffset, server.ReasonStringLength));
            Assert.Contains(ours.Recorder.ServerPackets, p => p.Packet == MqttPacketType.ConnAck && p.ReasonString == "welcome");
        }

        [Theory]
        [InlineData(MqttConnectReasonCode.UnsupportedProtocolVersion, MqttStatus.RefusedProtocolVersion)]
        [InlineData(MqttConnectReasonCode.NotAuthorized, MqttStatus.RefusedNotAuthorized)]
        [InlineData(MqttConnectReasonCode.ServerMoved, MqttStatus.RefusedByServer)]
        public void RefusalsReportTheirReasonCode(MqttConnectReasonCode code, MqttStatus expected)
        {
            using MqttNetBroker broker = MqttNetBroker.Start(server => server.ValidatingConnectionAsync += e =>
            {
                e.ReasonCode = code;
                e.ServerReference = "elsewhere:1883";
                return Task.CompletedTask;
            });
            using IntegrationClient ours = IntegrationClient.Tcp(broker.Port, "ours", 0, 0);
            Assert.Equal(expected, ours.ConnectAndWait(IntegrationClient.Options5(IntegrationClient.UniqueId("v5")), IntegrationClient.DefaultTimeout));
            Assert.Equal((int)code, ours.Client.Server.ReasonCode);
            Assert.Contains(ours.Recorder.ServerPackets, p => p.Packet == MqttPacketType.ConnAck && p.ReasonCode == (int)code);
        }

        [Fact]
        public void DisconnectFromTheServerCarriesReasonStringAndServerReference()
        {
            using MqttNetBroker broker = MqttNetBroker.Start();
            using IntegrationClient ours = IntegrationClient.Tcp(broker.Port, "ours", 0, 0);
            string id = IntegrationClient.UniqueId("v5");
            ours.Connect(IntegrationClient.Options5(id));
            broker.Disconnect(id, MqttDisconnectReasonCode.UseAnotherServer, "moving", "other:1883");
            ours.PollUntil(() => !ours.Client.IsConnected, IntegrationClient.DefaultTimeout, "DISCONNECT");
            Assert.Equal(MqttStatus.DisconnectedByServer, ours.Recorder.CloseReasons.Last());
            var packet = ours.Recorder.ServerPackets.Last();
            Assert.Equal(MqttPacketType.Disconnect, packet.Packet);
            Assert.Equal(0x9C, packet.ReasonCode);
            Assert.Equal("moving", packet.ReasonString);
            Assert.Equal("other:1883", packet.ServerReference);
        }

        [Fact]
        public void PublishPropertiesReachAnMqttNetSubscriberAndComeBack()
        {
            using MqttNetBroker broker = MqttNetBroker.Start();
            string topic = "v5/" + Guid.NewGuid().ToString("N").Substring(0, 8);
            using IMqttClient peer = ConnectPeer(broker.Port);
            ConcurrentQueue<MqttApplicationMessage> atPeer = Subscribe(peer, topic + "/to-peer");
            using IntegrationClient ours = IntegrationClient.Tcp(broker.Port, "ours", 4, 4);
            ours.Connect(IntegrationClient.Options5(IntegrationClient.UniqueId("v5")));
            Assert.Equal(2, ours.SubscribeAndWait(topic + "/to-us", OurQos.ExactlyOnce));

            MqttPublishProperties properties = new MqttPublishProperties
            {
                PayloadIsUtf8 = true,
                MessageExpiryInterval = 120,
                ResponseTopic = topic + "/answers",
                CorrelationData = new byte[] { 9, 8, 7 },
                CorrelationCount = 3,
                ContentType = "text/plain",
                UserProperties = new MqttUserProperties(2),
            };
            properties.UserProperties.Add("room", "kitchen");
            byte[] payload = Encoding.UTF8.GetBytes("21.5");
            Assert.Equal(MqttStatus.Ok, ours.Client.Publish(topic + "/to-peer", payload, 0, payload.Length, OurQos.AtLeastOnce, false, out ushort packetId, properties));
            ours.PollUntil(() => ours.Recorder.WasAcknowledged(packetId), IntegrationClient.DefaultTimeout, "PUBACK");
            ours.PollUntil(() => !atPeer.IsEmpty, IntegrationClient.DefaultTimeout, "the MQTTnet subscriber's message");
            atPeer.TryDequeue(out MqttApplicationMessage seen);
            Assert.Equal(MqttPayloadFormatIndicator.CharacterData, seen.PayloadFormatIndicator);
            Assert.InRange(seen.MessageExpiryInterval, 110u, 120u);
            Assert.Equal(topic + "/answers", seen.ResponseTopic);
            Assert.Equal(new byte[] { 9, 8, 7 }, seen.CorrelationData);
            Assert.Equal("text/plain", seen.ContentType);
            Assert.Contains(seen.UserProperties, p => p.Name == "room" && Encoding.UTF8.GetString(p.ValueBuffer.Span) == "kitchen");

            MqttApplicationMessage back = new MqttApplicationMessageBuilder()
                .WithTopic(topic + "/to-us")
                .WithPayload("back")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.ExactlyOnce)
                .WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData)
                .WithMessageExpiryInterval(60)
                .WithResponseTopic(topic + "/to-peer")
                .WithCorrelationData(new byte[] { 1, 2 })
                .WithContentType("application/json")
                .WithUserProperty("a", new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes("b")))
                .Build();
            Wait(peer.PublishAsync(back));
            ReceivedMessage received = ours.WaitForMessage(topic + "/to-us");
            Assert.Equal("back", received.Text);
            Assert.True(received.PayloadIsUtf8);
            Assert.InRange(received.MessageExpiryInterval, 50, 60);
            Assert.Equal(topic + "/to-peer", received.ResponseTopic);
            Assert.Equal(new byte[] { 1, 2 }, received.CorrelationData);
            Assert.Equal("application/json", received.ContentType);
            Assert.Contains(received.UserProperties, p => p.Key == "a" && p.Value == "b");
        }

        [Fact]
        public void RepeatedTopicsGoByAliasAndArriveWhole()
        {
            using MqttNetBroker broker = MqttNetBroker.Start();
            string topic = "v5/" + Guid.NewGuid().ToString("N").Substring(0, 8) + "/kitchen/temperature";
            using IMqttClient peer = ConnectPeer(broker.Port);
            ConcurrentQueue<MqttApplicationMessage> atPeer = Subscribe(peer, topic);
            using IntegrationClient ours = IntegrationClient.Tcp(broker.Port, "ours", 0, 4);
            ours.Connect(IntegrationClient.Options5(IntegrationClient.UniqueId("v5")));
            Assert.True(ours.Client.Server.TopicAliasMaximum > 0, "MQTTnet takes topic aliases");
            for (int i = 0; i < 5; i++)
            {
                ours.PublishAndWait(topic, "r" + i, OurQos.AtLeastOnce);
            }

            ours.PollUntil(() => atPeer.Count == 5, IntegrationClient.DefaultTimeout, "five messages at the peer");
            Assert.All(atPeer, m => Assert.Equal(topic, m.Topic));
            Assert.Equal(new[] { "r0", "r1", "r2", "r3", "r4" }, atPeer.Select(m => Encoding.UTF8.GetString(m.Payload)).ToArray());
            Assert.Equal(topic.Length, ours.OutgoingAliases.LengthOf(1));
        }

        [Fact]
        public void SubscriptionIdentifierAndNoLocal()
        {
            using MqttNetBroker broker = MqttNetBroker.Start();
            string topic = "v5/" + Guid.NewGuid().ToString("N").Substring(0, 8);
            using IntegrationClient ours = IntegrationClient.Tcp(broker.Port, "ours", 0, 0);
            ours.Connect(IntegrationClient.Options5(IntegrationClient.UniqueId("v5")));
            Assert.Equal(MqttStatus.Ok, ours.Client.Subscribe(topic + "/x", SubscriptionOptions.Encode(OurQos.AtLeastOnce, false, false, 0), 42, out ushort id));
            ours.PollUntil(() => ours.Recorder.SubscribeCodes(id) != null, IntegrationClient.DefaultTimeout, "SUBACK");
            Assert.Equal(MqttStatus.Ok, ours.Client.Subscribe(topic + "/local", SubscriptionOptions.Encode(OurQos.AtLeastOnce, true, false, 0), 0, out id));
            ours.PollUntil(() => ours.Recorder.SubscribeCodes(id) != null, IntegrationClient.DefaultTimeout, "SUBACK");
            using IMqttClient peer = ConnectPeer(broker.Port);
            Wait(peer.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic + "/x").WithPayload("p").Build()));
            ReceivedMessage received = ours.WaitForMessage(topic + "/x");
            Assert.Equal(new[] { 42 }, received.SubscriptionIdentifiers);
            ours.PublishAndWait(topic + "/local", "mine", OurQos.AtLeastOnce);
            Polling.For(TimeSpan.FromMilliseconds(500), ours);
            Assert.Empty(ours.Recorder.On(topic + "/local"));
        }

        [Fact]
        public void OurRequesterAndAnMqttNetResponder()
        {
            using MqttNetBroker broker = MqttNetBroker.Start();
            string topic = "v5/" + Guid.NewGuid().ToString("N").Substring(0, 8);
            using IMqttClient peer = ConnectPeer(broker.Port);
            peer.ApplicationMessageReceivedAsync += e => peer.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(e.ApplicationMessage.ResponseTopic)
                .WithCorrelationData(e.ApplicationMessage.CorrelationData)
                .WithPayload("on")
                .Build());
            Wait(peer.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic + "/lights/get").Build()));

            using IntegrationClient ours = IntegrationClient.Tcp(broker.Port, "ours", 0, 0);
            ours.Connect(IntegrationClient.Options5(IntegrationClient.UniqueId("v5")));
            Assert.Equal(0, ours.SubscribeAndWait(topic + "/replies", OurQos.AtMostOnce));
            MqttRequester requester = new MqttRequester(ours.Client, ours.Clock, 4) { TimeoutMilliseconds = 5000 };
            int answered = 0;
            ours.Recorder.OnMessageReaction = m =>
            {
                if (requester.TryMatch(m, out int id))
                {
                    answered = id;
                }
            };
            Assert.Equal(MqttStatus.Ok, requester.Request(topic + "/lights/get", topic + "/replies", null, 0, 0, OurQos.AtLeastOnce, out int requestId));
            ours.PollUntil(() => answered != 0, IntegrationClient.DefaultTimeout, "the answer");
            Assert.Equal(requestId, answered);
            Assert.Equal("on", ours.Recorder.Last(topic + "/replies").Text);
            Assert.Equal(0, requester.Pending);
        }

        [Fact]
        public void OurResponderAnswersAnMqttNetRequester()
        {
            using MqttNetBroker broker = MqttNetBroker.Start();
            string topic = "v5/" + Guid.NewGuid().ToString("N").Substring(0, 8);
            using IntegrationClient ours = IntegrationClient.Tcp(broker.Port, "ours", 0, 0);
            ours.Connect(IntegrationClient.Options5(IntegrationClient.UniqueId("v5")));
            MqttResponder responder = new MqttResponder(ours.Client);
            responder.Properties.ContentType = "text/plain";
            byte[] state = Encoding.UTF8.GetBytes("off");
            ours.Recorder.OnMessageReaction = m =>
            {
                if (MqttResponder.IsRequest(m))
                {
                    responder.Respond(m, state, 0, state.Length, OurQos.AtLeastOnce, out ushort ignored);
                }
            };
            Assert.Equal(1, ours.SubscribeAndWait(topic + "/get", OurQos.AtLeastOnce));

            using IMqttClient peer = ConnectPeer(broker.Port);
            ConcurrentQueue<MqttApplicationMessage> replies = Subscribe(peer, topic + "/replies");
            Wait(peer.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic + "/get").WithResponseTopic(topic + "/replies")
                .WithCorrelationData(new byte[] { 0xCA, 0xFE }).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()));
            ours.PollUntil(() => !replies.IsEmpty, IntegrationClient.DefaultTimeout, "the answer at the MQTTnet requester");
            replies.TryDequeue(out MqttApplicationMessage reply);
            Assert.Equal(new byte[] { 0xCA, 0xFE }, reply.CorrelationData);
            Assert.Equal("off", Encoding.UTF8.GetString(reply.Payload));
            Assert.Equal("text/plain", reply.ContentType);
        }

        [Fact]
        public void AFailedPubAckGivesThePublishUp()
        {
            using MqttNetBroker broker = MqttNetBroker.Start(server => server.InterceptingPublishAsync += e =>
            {
                if (e.ApplicationMessage.Topic.EndsWith("/forbidden", StringComparison.Ordinal))
                {
                    e.ProcessPublish = false;
                    e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
                    e.Response.ReasonString = "no";
                }

                return Task.CompletedTask;
            });
            using IntegrationClient ours = IntegrationClient.Tcp(broker.Port, "ours", 0, 0);
            ours.Connect(IntegrationClient.Options5(IntegrationClient.UniqueId("v5")));
            byte[] payload = Encoding.UTF8.GetBytes("x");
            Assert.Equal(MqttStatus.Ok, ours.Client.Publish("v5/forbidden", payload, 0, 1, OurQos.AtLeastOnce, false, out ushort id));
            ours.PollUntil(() => ours.Recorder.Abandoned.Length > 0, IntegrationClient.DefaultTimeout, "the refused PUBACK");
            Assert.Equal((id, MqttStatus.PublishRefused), ours.Recorder.Abandoned.Single());
            Assert.Contains(ours.Recorder.ReasonCodes, r => r.Packet == MqttPacketType.PubAck && r.PacketId == id && r.Codes[0] == 0x87);
            Assert.Equal(0, ours.Client.Inflight.Count);
            Assert.True(ours.Client.IsConnected);
        }

        private static IMqttClient ConnectPeer(int port)
        {
            IMqttClient peer = new MqttClientFactory().CreateMqttClient();
            peer.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithProtocolVersion(NetProtocol.V500)
                .WithClientId(IntegrationClient.UniqueId("peer")).Build()).GetAwaiter().GetResult();
            return peer;
        }

        private static ConcurrentQueue<MqttApplicationMessage> Subscribe(IMqttClient peer, string filter)
        {
            ConcurrentQueue<MqttApplicationMessage> queue = new ConcurrentQueue<MqttApplicationMessage>();
            peer.ApplicationMessageReceivedAsync += e =>
            {
                if (e.ApplicationMessage.Topic == filter)
                {
                    queue.Enqueue(e.ApplicationMessage);
                }

                return Task.CompletedTask;
            };
            peer.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build()).GetAwaiter().GetResult();
            return queue;
        }

        private static void Wait(Task task) => task.GetAwaiter().GetResult();

        private static string Text(byte[] buffer, int offset, int length) => length < 0 ? null : Encoding.UTF8.GetString(buffer, offset, length);
    }
}
