using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using HomeNode.Drivers;
using HomeNode.Host.Mosquitto;
using HomeNode.Mqtt;
using HomeNode.Tests.Host.Fixtures;
using HomeNode.Tests.Runtime;
using Xunit;

namespace HomeNode.Tests.Host.Integration
{
    /// <summary>
    /// The firmware runtime on the host against its own mosquitto, with simulated sensors and lights (issue 3). Each
    /// test has a broker to itself, so retained state starts empty.
    /// </summary>
    public sealed class FirmwareEndToEndTests : IDisposable
    {
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

        private readonly MosquittoBroker broker = MosquittoBroker.Start(new MosquittoBrokerOptions { Tls = false });

        public void Dispose() => this.broker.Dispose();

        [Fact]
        public void ReadingsArriveOnTheirTopicsAsFixedDecimalText()
        {
            using (IntegrationClient observer = this.Observer("observer"))
            using (RuntimeUnderTest node = new RuntimeUnderTest(this.broker, firstTemperature: 20))
            {
                observer.SubscribeAndWait(RuntimeUnderTest.BaseTopic + "/+", MqttQos.AtLeastOnce);
                observer.PollUntil(() => observer.Recorder.On(RuntimeUnderTest.TemperatureTopic).Length >= 3, Wait, "three temperature readings", node);

                // decimals = 1: the simulated 20, 21, 22 degrees are published as "20.0", "21.0", "22.0", at QoS 1, not retained.
                ReceivedMessage[] temperatures = observer.Recorder.On(RuntimeUnderTest.TemperatureTopic);
                Assert.Equal(new[] { "20.0", "21.0", "22.0" }, temperatures.Take(3).Select(m => m.Text).ToArray());
                Assert.All(temperatures, m => Assert.Equal(MqttQos.AtLeastOnce, m.Qos));
                Assert.All(temperatures, m => Assert.False(m.Retain));
                ReceivedMessage humidity = observer.WaitForMessage(RuntimeUnderTest.HumidityTopic, node);
                Assert.Equal("45.0", humidity.Text);

                // Nothing was published as a reading anywhere else below the base topic.
                string[] topics = observer.Recorder.Messages.Select(m => m.Topic).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToArray();
                Assert.Equal(
                    new[] { RuntimeUnderTest.LightTopic, RuntimeUnderTest.DiagnosticsTopic, RuntimeUnderTest.HumidityTopic, RuntimeUnderTest.StatusTopic, RuntimeUnderTest.TemperatureTopic }.OrderBy(t => t, StringComparer.Ordinal).ToArray(),
                    topics);
            }
        }

        [Fact]
        public void AvailabilityIsRetainedOnlineAndTheWillSaysOfflineWhenTheConnectionDrops()
        {
            using (RuntimeUnderTest node = new RuntimeUnderTest(this.broker))
            using (IntegrationClient observer = this.Observer("observer"))
            {
                Polling.Until(() => node.Runtime.Counters.AcknowledgedPublishes > 0, Wait, "the node's first acknowledged publish", node);
                observer.SubscribeAndWait(RuntimeUnderTest.StatusTopic, MqttQos.AtLeastOnce);
                ReceivedMessage birth = observer.WaitForMessage(RuntimeUnderTest.StatusTopic, node);
                Assert.Equal("online", birth.Text);
                Assert.True(birth.Retain, "a late subscriber gets the retained birth message");

                // Closing without DISCONNECT: the broker publishes the will, "offline", retained.
                Assert.Equal(MqttStatus.Ok, node.Runtime.Client.DropConnection());
                observer.WaitForMessage(RuntimeUnderTest.StatusTopic, m => m.Text == "offline", Wait);
                using (IntegrationClient late = this.Observer("late"))
                {
                    late.SubscribeAndWait(RuntimeUnderTest.StatusTopic, MqttQos.AtLeastOnce);
                    ReceivedMessage retained = late.WaitForMessage(RuntimeUnderTest.StatusTopic);
                    Assert.Equal("offline", retained.Text);
                    Assert.True(retained.Retain);
                }

                // The node reconnects on its own and says it is back.
                int before = observer.Recorder.On(RuntimeUnderTest.StatusTopic).Length;
                observer.PollUntil(() => observer.Recorder.On(RuntimeUnderTest.StatusTopic).Skip(before).Any(m => m.Text == "online"), Wait, "online again", node);
                Assert.Equal(1, node.Runtime.Counters.Reconnects);
            }
        }

        [Fact]
        public void LightCommandsSwitchThePinAndTheRetainedStateFollows()
        {
            using (RuntimeUnderTest node = new RuntimeUnderTest(this.broker))
            using (IntegrationClient remote = this.Observer("remote"))
            {
                remote.SubscribeAndWait(RuntimeUnderTest.LightTopic, MqttQos.AtLeastOnce);
                ReceivedMessage initial = remote.WaitForMessage(RuntimeUnderTest.LightTopic, node);
                Assert.Equal("OFF", initial.Text);
                Assert.False(node.Ceiling.Level);

                remote.PublishAndWait(RuntimeUnderTest.LightCommandTopic, "ON", MqttQos.AtLeastOnce);
                remote.WaitForMessage(RuntimeUnderTest.LightTopic, m => m.Text == "ON", Wait, node);
                Assert.True(node.Ceiling.Level, "active_low = false: on is a high level");
                this.AssertRetainedLightState("ON");

                int statesBeforeToggle = remote.Recorder.On(RuntimeUnderTest.LightTopic).Length;
                remote.PublishAndWait(RuntimeUnderTest.LightCommandTopic, "toggle", MqttQos.AtLeastOnce);
                remote.PollUntil(() => remote.Recorder.On(RuntimeUnderTest.LightTopic).Skip(statesBeforeToggle).Any(m => m.Text == "OFF"), Wait, "OFF after toggle", node);
                Assert.False(node.Ceiling.Level);
                this.AssertRetainedLightState("OFF");
                Assert.Equal(2, node.Runtime.Counters.Commands);

                // Anything else is counted and ignored: no pin write, no state published.
                long writes = node.Ceiling.Writes;
                int states = remote.Recorder.On(RuntimeUnderTest.LightTopic).Length;
                remote.PublishAndWait(RuntimeUnderTest.LightCommandTopic, "dim to 50%", MqttQos.AtLeastOnce);
                remote.PollUntil(() => node.Runtime.Counters.InvalidCommands == 1, Wait, "the invalid command counted", node);
                Polling.For(TimeSpan.FromMilliseconds(500), node, remote);
                Assert.Equal(writes, node.Ceiling.Writes);
                Assert.Equal(states, remote.Recorder.On(RuntimeUnderTest.LightTopic).Length);
                Assert.Equal(2, node.Runtime.Counters.Commands);
                Assert.False(node.Ceiling.Level);
            }
        }

        [Fact]
        public void DiscoveryConfigsAreRetainedAndAnnouncedAgainWhenHomeAssistantComesOnline()
        {
            using (RuntimeUnderTest node = new RuntimeUnderTest(this.broker))
            using (IntegrationClient homeAssistant = this.Observer("ha"))
            {
                Polling.Until(() => node.Runtime.Counters.AcknowledgedPublishes >= 5, Wait, "the node's announcements", node);

                // A subscriber that comes later gets them as retained messages.
                homeAssistant.SubscribeAndWait("homeassistant/+/+/+/config", MqttQos.AtLeastOnce);
                homeAssistant.PollUntil(() => homeAssistant.Recorder.MessageCount >= 3, Wait, "three discovery configs", node);
                ReceivedMessage[] configs = homeAssistant.Recorder.Messages;
                Assert.All(configs, m => Assert.True(m.Retain, m.Topic + " retained"));
                Dictionary<string, JsonElement> byState = configs.ToDictionary(m => m.Topic, m => JsonDocument.Parse(m.Payload).RootElement);
                Assert.Equal(3, byState.Count);

                JsonElement temperature = Single(byState, "homeassistant/sensor/", RuntimeUnderTest.TemperatureTopic);
                Assert.Equal("temperature", temperature.GetProperty("device_class").GetString());
                Assert.Equal("\u00B0C", temperature.GetProperty("unit_of_measurement").GetString());
                JsonElement humidity = Single(byState, "homeassistant/sensor/", RuntimeUnderTest.HumidityTopic);
                Assert.Equal("humidity", humidity.GetProperty("device_class").GetString());
                JsonElement light = Single(byState, "homeassistant/light/", RuntimeUnderTest.LightTopic);
                Assert.Equal(RuntimeUnderTest.LightCommandTopic, light.GetProperty("command_topic").GetString());
                Assert.Equal("ON", light.GetProperty("payload_on").GetString());
                Assert.Equal("OFF", light.GetProperty("payload_off").GetString());

                string[] uniqueIds = byState.Values.Select(c => c.GetProperty("unique_id").GetString()).ToArray();
                Assert.All(uniqueIds, id => Assert.False(string.IsNullOrEmpty(id)));
                Assert.Equal(3, uniqueIds.Distinct().Count());
                Assert.All(byState.Values, c => Assert.Equal(RuntimeUnderTest.StatusTopic, c.GetProperty("availability_topic").GetString()));
                Assert.All(byState.Values, c => Assert.Equal(node.Runtime.ClientId, c.GetProperty("device").GetProperty("identifiers")[0].GetString()));

                // Home Assistant restarted: "online" on homeassistant/status makes the node announce everything again.
                homeAssistant.Recorder.Clear();
                homeAssistant.PublishAndWait("homeassistant/status", "online", MqttQos.AtLeastOnce);
                homeAssistant.PollUntil(() => homeAssistant.Recorder.MessageCount >= 3, Wait, "the configs announced again", node);
                Assert.Equal(byState.Keys.OrderBy(t => t, StringComparer.Ordinal), homeAssistant.Recorder.Messages.Select(m => m.Topic).OrderBy(t => t, StringComparer.Ordinal));

                // Anything else on that topic is not a reason to announce.
                homeAssistant.Recorder.Clear();
                homeAssistant.PublishAndWait("homeassistant/status", "offline", MqttQos.AtLeastOnce);
                Polling.For(TimeSpan.FromMilliseconds(700), node, homeAssistant);
                Assert.Equal(0, homeAssistant.Recorder.MessageCount);
            }
        }

        /// <summary>
        /// Issue 10 item 12: a light removed from the configuration disappears from Home Assistant. The node finds the
        /// retained config it announced under an older configuration among its own config topics and clears it.
        /// </summary>
        [Fact]
        public void ConfigsOfEntitiesNoLongerConfiguredAreClearedAtTheNextStart()
        {
            using (IntegrationClient homeAssistant = this.Observer("ha"))
            {
                homeAssistant.SubscribeAndWait("homeassistant/+/+/+/config", MqttQos.AtLeastOnce);
                using (RuntimeUnderTest before = new RuntimeUnderTest(this.broker, extraLightLines: "[light porch]\npin = 27\n"))
                {
                    homeAssistant.PollUntil(() => homeAssistant.Recorder.MessageCount >= 4, Wait, "four configs", before);
                }

                string porch = homeAssistant.Recorder.Messages.Select(m => m.Topic).Distinct().Single(t => t.EndsWith("_porch/config", StringComparison.Ordinal));
                using (RuntimeUnderTest after = new RuntimeUnderTest(this.broker))
                {
                    homeAssistant.WaitForMessage(porch, m => m.Payload.Length == 0, Wait, after);
                    Polling.For(TimeSpan.FromMilliseconds(300), after, homeAssistant);
                    Assert.Equal(1, after.Runtime.Counters.ClearedDiscoveryConfigs);
                }

                using (IntegrationClient late = this.Observer("late"))
                {
                    late.SubscribeAndWait("homeassistant/+/+/+/config", MqttQos.AtLeastOnce);
                    late.PollUntil(() => late.Recorder.MessageCount >= 3, Wait, "the retained configs");
                    Polling.For(TimeSpan.FromMilliseconds(300), late);
                    string[] retained = late.Recorder.Messages.Select(m => m.Topic).OrderBy(t => t, StringComparer.Ordinal).ToArray();
                    Assert.Equal(3, retained.Length);
                    Assert.DoesNotContain(porch, retained);
                }
            }
        }

        [Fact]
        public void DiagnosticsArriveAsJson()
        {
            using (RuntimeUnderTest node = new RuntimeUnderTest(this.broker))
            using (IntegrationClient observer = this.Observer("observer"))
            {
                observer.SubscribeAndWait(RuntimeUnderTest.DiagnosticsTopic, MqttQos.AtMostOnce);
                observer.PollUntil(() => observer.Recorder.On(RuntimeUnderTest.DiagnosticsTopic).Length >= 2, Wait, "two diagnostics reports", node);
                ReceivedMessage[] reports = observer.Recorder.On(RuntimeUnderTest.DiagnosticsTopic);
                JsonElement first = JsonDocument.Parse(reports[0].Payload).RootElement;
                JsonElement second = JsonDocument.Parse(reports[1].Payload).RootElement;
                Assert.Equal(ScriptedHardware.DefaultFreeMemory, first.GetProperty("free_memory").GetInt64());
                Assert.Equal(ScriptedHardware.DefaultSignalDbm, first.GetProperty("wifi_rssi_dbm").GetInt32());
                Assert.Equal(0, first.GetProperty("reconnects").GetInt64());
                Assert.Equal(0, first.GetProperty("dropped_readings").GetInt64());
                Assert.Equal(0, first.GetProperty("failed_reads").GetInt64());
                Assert.Equal(0, first.GetProperty("invalid_commands").GetInt64());
                Assert.True(second.GetProperty("uptime_s").GetInt64() > first.GetProperty("uptime_s").GetInt64(), "uptime goes up: " + reports[0].Text + " then " + reports[1].Text);

                // Failed sensor reads are counted in the next report and nothing is published for them.
                int readings = observer.Recorder.On(RuntimeUnderTest.TemperatureTopic).Length;
                node.Climate.Failure = SensorReadStatus.NoResponse;
                observer.WaitForMessage(RuntimeUnderTest.DiagnosticsTopic, m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("failed_reads").GetInt64() >= 1, Wait, node);
                Assert.Equal(readings, observer.Recorder.On(RuntimeUnderTest.TemperatureTopic).Length);
            }
        }

        private static JsonElement Single(Dictionary<string, JsonElement> configs, string topicPrefix, string stateTopic)
        {
            KeyValuePair<string, JsonElement>[] matches = configs.Where(c => c.Key.StartsWith(topicPrefix, StringComparison.Ordinal) && c.Value.GetProperty("state_topic").GetString() == stateTopic).ToArray();
            Assert.True(matches.Length == 1, "one config under " + topicPrefix + " for " + stateTopic + ", got: " + string.Join(", ", configs.Keys));
            return matches[0].Value;
        }

        private void AssertRetainedLightState(string expected)
        {
            using (IntegrationClient late = this.Observer("late"))
            {
                late.SubscribeAndWait(RuntimeUnderTest.LightTopic, MqttQos.AtLeastOnce);
                ReceivedMessage retained = late.WaitForMessage(RuntimeUnderTest.LightTopic);
                Assert.Equal(expected, retained.Text);
                Assert.True(retained.Retain);
            }
        }

        private IntegrationClient Observer(string name)
        {
            IntegrationClient client = IntegrationClient.Tcp(this.broker, name);
            client.Connect(IntegrationClient.Options(IntegrationClient.UniqueId(name)));
            return client;
        }
    }
}
