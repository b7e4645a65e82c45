using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using HomeNode.App.Runtime;
using HomeNode.Host;
using HomeNode.Host.Mosquitto;
using HomeNode.Mqtt;
using HomeNode.Mqtt.Requests;
using HomeNode.Simulator;
using HomeNode.Tests.Runtime;
using Xunit;

namespace HomeNode.Tests.Host.Integration
{
    /// <summary>
    /// The firmware runtime with protocol = 5 end to end (issue 11): against mosquitto's MQTT 5.0 listener and the
    /// MQTTnet 5.2 server, readings by Topic Alias, light commands and diagnostics requests answered with their
    /// Correlation Data, commands that expire while the node is away, and the fall-back to 3.1.1 against a broker that
    /// refuses 5.0. Each test has a broker to itself.
    /// </summary>
    public sealed class FirmwareVersion5Tests
    {
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

        [Fact]
        public void ReadingsGoByTopicAliasAndArriveUnderTheirTopics()
        {
            using (MosquittoBroker broker = MosquittoBroker.Start(new MosquittoBrokerOptions { Tls = false }))
            {
                RecordingTransport wire = new RecordingTransport(Tcp(broker.Port));
                using (IntegrationClient observer = IntegrationClient.Tcp(broker, "observer"))
                using (RuntimeUnderTest node = new RuntimeUnderTest(RuntimeUnderTest.ConfigFor(broker.Port, string.Empty, "5"), wire))
                {
                    observer.Connect(IntegrationClient.Options(IntegrationClient.UniqueId("observer")));
                    observer.SubscribeAndWait(RuntimeUnderTest.BaseTopic + "/+", MqttQos.AtLeastOnce);
                    observer.PollUntil(() => observer.Recorder.On(RuntimeUnderTest.TemperatureTopic).Length >= 4, Wait, "four temperature readings", node);

                    // mosquitto resolved the aliases: a 3.1.1 subscriber gets every reading under its full topic, in order
                    Assert.Equal(new[] { "20.0", "21.0", "22.0", "23.0" }, observer.Recorder.On(RuntimeUnderTest.TemperatureTopic).Take(4).Select(m => m.Text).ToArray());
                    Assert.True(node.Runtime.Client.Server.TopicAliasMaximum > 0, "mosquitto offers Topic Aliases (max_topic_alias 10)");

                    SentPacket[] publishes = PublishesSent(wire);
                    List<SentPacket> temperatures = publishes.Where(p => p.Topic == RuntimeUnderTest.TemperatureTopic).ToList();
                    Assert.True(temperatures.Count >= 4, "the node sent the readings: " + temperatures.Count);
                    Assert.True(temperatures[0].TopicAlias > 0 && !temperatures[0].TopicByAliasOnly, "the first sets the alias, with the topic");
                    Assert.All(temperatures.Skip(1), p => Assert.True(p.TopicByAliasOnly && p.TopicAlias == temperatures[0].TopicAlias, "then the alias alone"));
                    Assert.Equal(1, publishes.Count(p => p.Topic == RuntimeUnderTest.StatusTopic && p.TopicAlias == 0));
                }
            }
        }

        [Fact]
        public void NoMoreReadingAliasesThanTheBrokersTopicAliasMaximum()
        {
            // max_topic_alias 1: the first reading topic gets the one alias, the other goes in full every time
            using (MosquittoBroker broker = MosquittoBroker.Start(new MosquittoBrokerOptions { Tls = false, MaxTopicAlias = 1 }))
            {
                RecordingTransport wire = new RecordingTransport(Tcp(broker.Port));
                using (IntegrationClient observer = IntegrationClient.Tcp(broker, "observer"))
                using (RuntimeUnderTest node = new RuntimeUnderTest(RuntimeUnderTest.ConfigFor(broker.Port, string.Empty, "5"), wire))
                {
                    observer.Connect(IntegrationClient.Options(IntegrationClient.UniqueId("observer")));
                    observer.SubscribeAndWait(RuntimeUnderTest.BaseTopic + "/+", MqttQos.AtLeastOnce);
                    observer.PollUntil(() => observer.Recorder.On(RuntimeUnderTest.HumidityTopic).Length >= 3, Wait, "three humidity readings", node);
                    Assert.Equal(1, node.Runtime.Client.Server.TopicAliasMaximum);
                    Assert.Equal(new[] { "20.0", "21.0", "22.0" }, observer.Recorder.On(RuntimeUnderTest.TemperatureTopic).Take(3).Select(m => m.Text).ToArray());

                    SentPacket[] readings = PublishesSent(wire).Where(p => p.Topic == RuntimeUnderTest.TemperatureTopic || p.Topic == RuntimeUnderTest.HumidityTopic).ToArray();
                    Assert.All(readings, p => Assert.True(p.TopicAlias <= 1, "no alias above the broker's maximum"));
                    Assert.Single(readings.Where(p => p.TopicAlias == 1).Select(p => p.Topic).Distinct());
                    Assert.Contains(readings, p => p.TopicAlias == 0);
                }
            }
        }

        [Fact]
        public void ABrokerWhoseMaximumQosIs0GetsReadingsAndStatesAtQos0()
        {
            // max_qos 0 (MQTT 5.0 §3.2.2.3.4): the client refuses QoS 1 [MQTT-3.2.2-11]; the firmware asks for QoS 0 instead
            // of losing its readings (before: every reading counted as rejected, none sent)
            using (MosquittoBroker broker = MosquittoBroker.Start(new MosquittoBrokerOptions { Tls = false, MaxQos = 0 }))
            {
                RecordingTransport wire = new RecordingTransport(Tcp(broker.Port));
                using (IntegrationClient observer = IntegrationClient.Tcp(broker, "observer"))
                using (RuntimeUnderTest node = new RuntimeUnderTest(RuntimeUnderTest.ConfigFor(broker.Port, string.Empty, "5"), wire))
                {
                    observer.Connect(IntegrationClient.Options(IntegrationClient.UniqueId("observer")));
                    observer.SubscribeAndWait(RuntimeUnderTest.BaseTopic + "/#", MqttQos.AtMostOnce);
                    observer.PollUntil(() => observer.Recorder.On(RuntimeUnderTest.TemperatureTopic).Length >= 3, Wait, "three temperature readings", node);
                    Assert.Equal(0, node.Runtime.Client.Server.MaximumQos);
                    Assert.Equal(new[] { "20.0", "21.0", "22.0" }, observer.Recorder.On(RuntimeUnderTest.TemperatureTopic).Take(3).Select(m => m.Text).ToArray());
                    Assert.Equal(0, node.Runtime.Counters.RejectedPublishes);

                    // the retained availability and light state at QoS 0, still retained: a late subscriber gets them
                    using (IntegrationClient late = IntegrationClient.Tcp(broker, "late"))
                    {
                        late.Connect(IntegrationClient.Options(IntegrationClient.UniqueId("late")));
                        late.SubscribeAndWait(RuntimeUnderTest.BaseTopic + "/#", MqttQos.AtMostOnce);
                        late.PollUntil(() => late.Recorder.On(RuntimeUnderTest.StatusTopic).Length >= 1 && late.Recorder.On(RuntimeUnderTest.LightTopic).Length >= 1, Wait, "retained status and light state", node);
                        Assert.Equal("online", late.Recorder.On(RuntimeUnderTest.StatusTopic)[0].Text);
                        Assert.True(late.Recorder.On(RuntimeUnderTest.StatusTopic)[0].Retain);
                    }

                    SentPacket[] publishes = PublishesSent(wire);
                    Assert.Contains(publishes, p => p.Topic == RuntimeUnderTest.TemperatureTopic);
                    Assert.All(publishes, p => Assert.True(p.Qos == 0, p.Topic + " went at QoS " + p.Qos));
                }
            }
        }

        [Fact]
        public void ABrokerWithoutRetainedMessagesGetsStatesUnretained()
        {
            // retain_available false (MQTT 5.0 §3.2.2.3.5): the client refuses RETAIN 1 [MQTT-3.2.2-14]; the firmware sends
            // availability, light states and discovery unretained, so subscribers online still get them
            using (MosquittoBroker broker = MosquittoBroker.Start(new MosquittoBrokerOptions { Tls = false, RetainAvailable = false }))
            {
                RecordingTransport wire = new RecordingTransport(Tcp(broker.Port));
                using (IntegrationClient observer = IntegrationClient.Tcp(broker, "observer"))
                using (RuntimeUnderTest node = new RuntimeUnderTest(RuntimeUnderTest.ConfigFor(broker.Port, string.Empty, "5"), wire))
                {
                    observer.Connect(IntegrationClient.Options(IntegrationClient.UniqueId("observer")));
                    observer.SubscribeAndWait(RuntimeUnderTest.BaseTopic + "/#", MqttQos.AtLeastOnce);
                    observer.PollUntil(() => observer.Recorder.On(RuntimeUnderTest.StatusTopic).Length >= 1 && observer.Recorder.On(RuntimeUnderTest.LightTopic).Length >= 1 && observer.Recorder.On(RuntimeUnderTest.TemperatureTopic).Length >= 2, Wait, "status, light state and readings", node);
                    Assert.False(node.Runtime.Client.Server.RetainAvailable);
                    Assert.Equal("online", observer.Recorder.On(RuntimeUnderTest.StatusTopic)[0].Text);
                    Assert.Equal(0, node.Runtime.Counters.RejectedPublishes);

                    SentPacket[] publishes = PublishesSent(wire);
                    Assert.Contains(publishes, p => p.Topic == RuntimeUnderTest.StatusTopic);
                    Assert.All(publishes, p => Assert.False(p.Retain, p.Topic + " went retained"));
                }
            }
        }

        [Fact]
        public void HomeAssistantDiscoveryWorksOnVersion5()
        {
            using (MosquittoBroker broker = MosquittoBroker.Start(new MosquittoBrokerOptions { Tls = false }))
            using (RuntimeUnderTest node = new RuntimeUnderTest(RuntimeUnderTest.ConfigFor(broker.Port, string.Empty, "5"), Tcp(broker.Port)))
            using (IntegrationClient homeAssistant = IntegrationClient.Tcp(broker, "homeassistant"))
            {
                homeAssistant.Connect(IntegrationClient.Options5(IntegrationClient.UniqueId("ha")));
                Polling.Until(() => node.Runtime.Counters.AcknowledgedPublishes > 3, Wait, "the node announced itself", node);
                homeAssistant.SubscribeAndWait("homeassistant/+/homenode-kitchen/+/config", MqttQos.AtLeastOnce);
                homeAssistant.PollUntil(() => homeAssistant.Recorder.Messages.Count(m => m.Retain) >= 3, Wait, "three retained configs", node);
                string[] topics = homeAssistant.Recorder.Messages.Select(m => m.Topic).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToArray();
                Assert.Equal(3, topics.Length);
                Assert.Equal(2, topics.Count(t => t.StartsWith("homeassistant/sensor/homenode-kitchen/", StringComparison.Ordinal)));
                Assert.Equal(1, topics.Count(t => t.StartsWith("homeassistant/light/homenode-kitchen/", StringComparison.Ordinal)));
                Assert.All(homeAssistant.Recorder.Messages, m => Assert.Contains("\"unique_id\"", m.Text));

                // Home Assistant comes back: everything is announced again
                int before = homeAssistant.Recorder.MessageCount;
                homeAssistant.PublishAndWait("homeassistant/status", "online", MqttQos.AtLeastOnce);
                homeAssistant.PollUntil(() => homeAssistant.Recorder.MessageCount >= before + 3, Wait, "announced again", node);
            }
        }

        [Fact]
        public void LightCommandsAndDiagnosticsRequestsAreAnsweredThroughMosquitto()
        {
            using (MosquittoBroker broker = MosquittoBroker.Start(new MosquittoBrokerOptions { Tls = false }))
            using (RuntimeUnderTest node = new RuntimeUnderTest(RuntimeUnderTest.ConfigFor(broker.Port, string.Empty, "5"), Tcp(broker.Port)))
            using (IntegrationClient phone = IntegrationClient.Tcp(broker, "phone"))
            {
                AssertRequestsAnswered(node, phone);
            }
        }

        [Fact]
        public void LightCommandsAndDiagnosticsRequestsAreAnsweredThroughTheMqttNetServer()
        {
            using (EmbeddedBroker broker = EmbeddedBroker.Start(0))
            using (RuntimeUnderTest node = new RuntimeUnderTest(RuntimeUnderTest.ConfigFor(broker.Port, string.Empty, "5"), Tcp(broker.Port)))
            using (IntegrationClient phone = new IntegrationClient("phone", Tcp(broker.Port)))
            using (IntegrationClient observer = new IntegrationClient("observer", Tcp(broker.Port)))
            {
                observer.Connect(IntegrationClient.Options(IntegrationClient.UniqueId("observer")));
                observer.SubscribeAndWait(RuntimeUnderTest.TemperatureTopic, MqttQos.AtLeastOnce);
                observer.PollUntil(() => observer.Recorder.On(RuntimeUnderTest.TemperatureTopic).Length >= 3, Wait, "readings through MQTTnet", node);
                Assert.Equal(new[] { "20.0", "21.0", "22.0" }, observer.Recorder.On(RuntimeUnderTest.TemperatureTopic).Take(3).Select(m => m.Text).ToArray());
                Assert.Equal(MqttProtocolVersion.V500, node.Runtime.ProtocolVersion);
                AssertRequestsAnswered(node, phone);
            }
        }

        [Fact]
        public void CommandsKeptWhileAwayAreCarriedOutOnlyWithTimeLeftOnTheirExpiry()
        {
            using (MosquittoBroker broker = MosquittoBroker.Start(new MosquittoBrokerOptions { Tls = false }))
            using (RuntimeUnderTest node = new RuntimeUnderTest(RuntimeUnderTest.ConfigFor(broker.Port, string.Empty, "5"), Tcp(broker.Port)))
            using (IntegrationClient remote = IntegrationClient.Tcp(broker, "remote"))
            {
                remote.Connect(IntegrationClient.Options5(IntegrationClient.UniqueId("remote")));
                Polling.Until(() => node.Runtime.Counters.AcknowledgedPublishes > 3 && node.Runtime.Status == RuntimeStatus.Online, Wait, "the node online and subscribed", node);
                Polling.For(TimeSpan.FromMilliseconds(300), node, remote);

                // away, its session kept (session_expiry = 3600) and its commands subscribed at QoS 1: the broker queues them
                node.Runtime.Client.DropConnection();
                PublishCommand(remote, "ON", 1);       // expires after 1 s
                Thread.Sleep(2500);
                PublishCommand(remote, "TOGGLE", -1);  // no expiry: a stale command, as on 3.1.1
                Polling.Until(() => node.Runtime.Status == RuntimeStatus.Online, Wait, "back online", node, remote);
                Polling.For(TimeSpan.FromMilliseconds(500), node, remote);
                Assert.False(node.Ceiling.Level, "the expired ON never came, the TOGGLE without expiry was not carried out");
                Assert.Equal(1, node.Runtime.Counters.StaleCommands);
                Assert.Equal(0, node.Runtime.Counters.Commands);

                node.Runtime.Client.DropConnection();
                PublishCommand(remote, "ON", 60);      // time left when the node is back: carried out, before the SUBACK too
                Polling.Until(() => node.Runtime.Status == RuntimeStatus.Online, Wait, "back online", node, remote);
                Polling.Until(() => node.Ceiling.Level, Wait, "the ON with time left carried out", node, remote);
                Assert.Equal(1, node.Runtime.Counters.Commands);
                Assert.Equal(1, node.Runtime.Counters.StaleCommands);
            }
        }

        [Fact]
        public void BrokerRefusingVersion5GetsVersion311()
        {
            // the MQTTnet server refusing 5.0 in its validating handler: CONNACK 0x84 Unsupported Protocol Version
            using (EmbeddedBroker broker = EmbeddedBroker.Start(0, 0, refuseVersion5: true))
            using (RuntimeUnderTest node = new RuntimeUnderTest(RuntimeUnderTest.ConfigFor(broker.Port, string.Empty, "5"), Tcp(broker.Port)))
            using (IntegrationClient observer = new IntegrationClient("observer", Tcp(broker.Port)))
            {
                observer.Connect(IntegrationClient.Options(IntegrationClient.UniqueId("observer")));
                observer.SubscribeAndWait(RuntimeUnderTest.BaseTopic + "/+", MqttQos.AtLeastOnce);
                observer.PollUntil(() => observer.Recorder.On(RuntimeUnderTest.TemperatureTopic).Length >= 2, Wait, "readings over 3.1.1", node);
                Assert.Equal(MqttProtocolVersion.V311, node.Runtime.ProtocolVersion);
                Assert.Equal(1, node.Runtime.Counters.ProtocolFallbacks);
                ReceivedMessage report = observer.WaitForMessage(RuntimeUnderTest.DiagnosticsTopic, m => m.Text.Contains("\"mqtt\":\"3.1.1\""), Wait, node);
                Assert.Contains("\"protocol_fallbacks\":1", report.Text);
            }
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void FakeBrokerWithout5GetsVersion311(bool answersWithReturnCode)
        {
            // a raw-socket broker of MQTT 3.1.1 only: CONNACK 0x01 to a 5.0 CONNECT, or the connection closed unanswered
            using (VersionRefusingFakeBroker broker = new VersionRefusingFakeBroker(answersWithReturnCode))
            using (RuntimeUnderTest node = new RuntimeUnderTest(RuntimeUnderTest.ConfigFor(broker.Port, string.Empty, "5"), Tcp(broker.Port)))
            {
                Polling.Until(() => node.Runtime.Status == RuntimeStatus.Online, Wait, "online over 3.1.1", node);
                Assert.Equal(new[] { 5, 4 }, broker.Levels);
                Assert.Equal(MqttProtocolVersion.V311, node.Runtime.ProtocolVersion);
                Assert.Equal(1, node.Runtime.Counters.ProtocolFallbacks);
            }
        }

        /// <summary>A phone (our client, MQTT 5.0, <see cref="MqttRequester"/>) asks the node for a light switch and for its diagnostics.</summary>
        private static void AssertRequestsAnswered(RuntimeUnderTest node, IntegrationClient phone)
        {
            phone.Connect(IntegrationClient.Options5(IntegrationClient.UniqueId("phone")));
            string answers = "phone/" + IntegrationClient.UniqueId("a") + "/answers";
            phone.SubscribeAndWait(answers, MqttQos.AtLeastOnce);
            MqttRequester requester = new MqttRequester(phone.Client, phone.Clock, 4);
            Dictionary<int, ReceivedMessage> answered = new Dictionary<int, ReceivedMessage>();
            phone.Recorder.OnMessageReaction = m =>
            {
                if (requester.TryMatch(m, out int id))
                {
                    answered[id] = ReceivedMessage.Copy(m);
                }
            };
            Polling.Until(() => node.Runtime.Counters.AcknowledgedPublishes > 3 && node.Runtime.Status == RuntimeStatus.Online, Wait, "the node online and subscribed", node);
            Polling.For(TimeSpan.FromMilliseconds(300), node, phone);

            byte[] on = IntegrationClient.Utf8("ON");
            Assert.Equal(MqttStatus.Ok, requester.Request(RuntimeUnderTest.LightCommandTopic, answers, on, 0, on.Length, MqttQos.AtLeastOnce, out int switchId));
            phone.PollUntil(() => answered.ContainsKey(switchId), Wait, "the answer to ON", node);
            Assert.Equal("{\"light\":\"ceiling\",\"state\":\"ON\"}", answered[switchId].Text);
            Assert.Equal(MqttRequester.CorrelationLength, answered[switchId].CorrelationData.Length);
            Assert.True(node.Ceiling.Level, "carried out");

            byte[] dim = IntegrationClient.Utf8("dim to 50%");
            Assert.Equal(MqttStatus.Ok, requester.Request(RuntimeUnderTest.LightCommandTopic, answers, dim, 0, dim.Length, MqttQos.AtMostOnce, out int dimId));
            phone.PollUntil(() => answered.ContainsKey(dimId), Wait, "the answer to an unknown command", node);
            Assert.Equal("{\"light\":\"ceiling\",\"state\":\"ON\",\"error\":\"" + RequestAnswerer.InvalidCommand + "\"}", answered[dimId].Text);

            Assert.Equal(MqttStatus.Ok, requester.Request(RuntimeUnderTest.DiagnosticsRequestTopic, answers, new byte[0], 0, 0, MqttQos.AtMostOnce, out int diagnosticsId));
            phone.PollUntil(() => answered.ContainsKey(diagnosticsId), Wait, "the diagnostics", node);
            using (JsonDocument report = JsonDocument.Parse(answered[diagnosticsId].Text))
            {
                Assert.Equal(1, report.RootElement.GetProperty("lights_on").GetInt32());
                Assert.Equal("5.0", report.RootElement.GetProperty("mqtt").GetString());
                Assert.Equal(1, report.RootElement.GetProperty("invalid_commands").GetInt32());
                Assert.True(report.RootElement.GetProperty("answered_requests").GetInt32() >= 2);
            }

            Assert.Equal(0, requester.TakeExpired());
            Assert.Equal(0, node.Runtime.Counters.UnansweredRequests);
        }

        private static void PublishCommand(IntegrationClient remote, string payload, long expirySeconds)
        {
            MqttPublishProperties properties = new MqttPublishProperties { MessageExpiryInterval = expirySeconds };
            byte[] bytes = IntegrationClient.Utf8(payload);
            Assert.Equal(MqttStatus.Ok, remote.Client.Publish(RuntimeUnderTest.LightCommandTopic, bytes, 0, bytes.Length, MqttQos.AtLeastOnce, false, out ushort packetId, properties));
            remote.PollUntil(() => remote.Client.Inflight.Find(packetId) < 0, Wait, "PUBACK for " + payload);
        }

        /// <summary>Every PUBLISH the node wrote on <paramref name="wire"/>, decoded as MQTT 5.0 (aliases resolved).</summary>
        private static SentPacket[] PublishesSent(RecordingTransport wire)
        {
            byte[] sent = wire.Sent;
            SentPackets packets = new SentPackets(sent, sent.Length, true);
            return Enumerable.Range(0, packets.Count).Select(i => packets[i]).Where(p => p.Type == MqttPacketType.Publish).ToArray();
        }

        private static TcpTransport Tcp(int port) => new TcpTransport(new TransportOptions("127.0.0.1", port) { ConnectTimeout = TimeSpan.FromSeconds(2) });
    }
}
