using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using HomeNode.Host;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Xunit;

namespace HomeNode.Tests.Host.Simulator
{
    /// <summary>The README's main job end to end: the simulator process with its embedded broker, watched from outside.</summary>
    public sealed class SimulatorSmokeTests
    {
        private static readonly TimeSpan Step = TimeSpan.FromSeconds(15);

        [Fact]
        public void EmbeddedBrokerPublishesReadingsAndSwitchesALightFromAnOutsideClient()
        {
            int port = LoopbackPort.Free();
            // --period 2: readings every 2 s (the example's periods are 10..60 s), so some arrive after we subscribe.
            using (SimulatorProcess simulator = SimulatorProcess.Start("--plain --duration 20 --period 2 --port " + port.ToString(CultureInfo.InvariantCulture)))
            {
                Assert.True(simulator.WaitForLine("kitchen: online", Step) != null, "device never came online:\n" + simulator.Transcript);
                Assert.True(simulator.WaitForLine("phone app: MQTT 5.0: asks 1 device for their lights by request", TimeSpan.Zero) != null, "the example config is protocol 5:\n" + simulator.Transcript);
                Assert.True(simulator.WaitForLine("1 of 1 devices answered, lights on = 0", Step) != null, "phone app never counted the lights from answers:\n" + simulator.Transcript);

                ConcurrentQueue<MqttApplicationMessage> received = new ConcurrentQueue<MqttApplicationMessage>();
                using (IMqttClient client = Connect(port, "smoke-watcher", received))
                {
                    Subscribe(client, "ourhome/#");

                    // A reading: ourhome/firstfloor/kitchen/<sensor>/temperature with a plausible decimal value.
                    MqttApplicationMessage reading = WaitFor(received, m => m.Topic.StartsWith("ourhome/firstfloor/kitchen/", StringComparison.Ordinal) && m.Topic.EndsWith("/temperature", StringComparison.Ordinal), Step);
                    Assert.True(reading != null, "no temperature reading under ourhome/ within " + Step.ToString() + ":\n" + simulator.Transcript);
                    double celsius = double.Parse(Payload(reading), NumberStyles.Float, CultureInfo.InvariantCulture);
                    Assert.InRange(celsius, 10.0, 30.0);

                    // Switch the counter light (power_on = off) through the simulator's command input.
                    simulator.SendLine("toggle counter");
                    MqttApplicationMessage state = WaitFor(received, m => m.Topic == "ourhome/firstfloor/kitchen/counter" && Payload(m) == "ON", Step);
                    Assert.True(state != null, "counter light state never became ON:\n" + simulator.Transcript);
                    Assert.True(simulator.WaitForLine("phone: answer {\"light\":\"counter\",\"state\":\"ON\"}", Step) != null, "the TOGGLE request was not answered:\n" + simulator.Transcript);
                    Assert.True(simulator.WaitForLine("1 of 1 devices answered, lights on = 1", Step) != null, "lights-on count did not change:\n" + simulator.Transcript);
                }

                // The state is retained: a client that comes later gets it at once.
                ConcurrentQueue<MqttApplicationMessage> late = new ConcurrentQueue<MqttApplicationMessage>();
                using (IMqttClient client = Connect(port, "smoke-late", late))
                {
                    Subscribe(client, "ourhome/firstfloor/kitchen/counter");
                    MqttApplicationMessage retained = WaitFor(late, m => m.Topic == "ourhome/firstfloor/kitchen/counter", Step);
                    Assert.True(retained != null && retained.Retain && Payload(retained) == "ON", "no retained ON state for a late subscriber");
                }

                int? exitCode = simulator.WaitForExit(TimeSpan.FromSeconds(45));
                Assert.True(exitCode.HasValue, "simulator did not exit after --duration:\n" + simulator.Transcript);
                Assert.True(exitCode.Value == 0, "exit code " + exitCode.ToString() + ":\n" + simulator.Transcript);
                JsonElement? summary = simulator.Summary();
                Assert.True(summary.HasValue, "no SUMMARY line:\n" + simulator.Transcript);
                Assert.Equal(1, summary.Value.GetProperty("lights_on").GetInt32());
                Assert.Equal(1, summary.Value.GetProperty("ever_connected").GetInt32());
                Assert.Equal(0, summary.Value.GetProperty("lost_readings").GetInt64());
                Assert.NotNull(simulator.WaitForLine("stopping: every device publishes offline", TimeSpan.Zero));
            }
        }

        [Fact]
        public void OnMqtt311ThePhoneAppCountsTheRetainedStates()
        {
            // the example config with protocol = 3.1.1: the phone app follows the retained light states as before
            DirectoryInfo root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root != null && !File.Exists(Path.Combine(root.FullName, "HomeNode.slnx")))
            {
                root = root.Parent;
            }

            string example = File.ReadAllText(Path.Combine(root.FullName, "firmware", "config.example.ini"));
            string path = Path.Combine(Path.GetTempPath(), "homenode-sim-311-" + Guid.NewGuid().ToString("N") + ".ini");
            File.WriteAllText(path, example.Replace("[broker]\n", "[broker]\nprotocol = 3.1.1\n"));
            try
            {
                int port = LoopbackPort.Free();
                using (SimulatorProcess simulator = SimulatorProcess.Start("--plain --duration 12 --period 2 --port " + port.ToString(CultureInfo.InvariantCulture) + " --config \"" + path + "\""))
                {
                    Assert.True(simulator.WaitForLine("kitchen: online", Step) != null, "device never came online:\n" + simulator.Transcript);
                    Assert.True(simulator.WaitForLine("phone app: subscribed to 2 light state topics", TimeSpan.Zero) != null, "3.1.1: the retained states:\n" + simulator.Transcript);
                    Assert.True(simulator.WaitForLine("is OFF, lights on = 0", Step) != null, "phone app never reported the lights:\n" + simulator.Transcript);
                    simulator.SendLine("toggle counter");
                    Assert.True(simulator.WaitForLine("counter is ON, lights on = 1", Step) != null, "lights-on count did not change:\n" + simulator.Transcript);
                    int? exitCode = simulator.WaitForExit(TimeSpan.FromSeconds(45));
                    Assert.True(exitCode == 0, "exit code " + exitCode.ToString() + ":\n" + simulator.Transcript);
                    Assert.Equal(1, simulator.Summary().Value.GetProperty("lights_on").GetInt32());
                    Assert.Null(simulator.WaitForLine("devices answered", TimeSpan.Zero));
                }
            }
            finally
            {
                File.Delete(path);
            }
        }

        private static IMqttClient Connect(int port, string clientId, ConcurrentQueue<MqttApplicationMessage> received)
        {
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            client.ApplicationMessageReceivedAsync += e =>
            {
                received.Enqueue(e.ApplicationMessage);
                return Task.CompletedTask;
            };
            MqttClientOptions options = new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", port)
                .WithClientId(clientId)
                .WithProtocolVersion(MqttProtocolVersion.V311)
                .WithCleanSession(true)
                .Build();
            using (CancellationTokenSource cancel = new CancellationTokenSource(Step))
            {
                client.ConnectAsync(options, cancel.Token).GetAwaiter().GetResult();
            }

            return client;
        }

        private static void Subscribe(IMqttClient client, string filter)
        {
            using (CancellationTokenSource cancel = new CancellationTokenSource(Step))
            {
                client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancel.Token).GetAwaiter().GetResult();
            }
        }

        private static MqttApplicationMessage WaitFor(ConcurrentQueue<MqttApplicationMessage> received, Func<MqttApplicationMessage, bool> match, TimeSpan timeout)
        {
            Stopwatch watch = Stopwatch.StartNew();
            while (watch.Elapsed < timeout)
            {
                foreach (MqttApplicationMessage message in received.ToArray())
                {
                    if (match(message))
                    {
                        return message;
                    }
                }

                Thread.Sleep(50);
            }

            return null;
        }

        private static string Payload(MqttApplicationMessage message) => Encoding.UTF8.GetString(message.Payload);
    }
}
