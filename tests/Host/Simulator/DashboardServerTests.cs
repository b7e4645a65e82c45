using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using HomeNode.App.Config;
using HomeNode.Simulator;
using HomeNode.Simulator.Dashboard;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Xunit;

namespace HomeNode.Tests.Host.Simulator
{
    /// <summary>The dashboard's parts without a browser: the embedded broker's WebSocket endpoint, the web server, its settings.</summary>
    public sealed class DashboardServerTests
    {
        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

        [Fact]
        public async Task TheEmbeddedBrokerCarriesMessagesBetweenItsTcpAndWebSocketEndpoints()
        {
            using (EmbeddedBroker broker = EmbeddedBroker.Start(0))
            {
                Assert.Equal("ws://127.0.0.1:" + broker.WebSocketPort + "/mqtt", broker.WebSocketUrl);
                MqttClientFactory factory = new MqttClientFactory();
                using (IMqttClient browserLike = factory.CreateMqttClient())
                using (IMqttClient device = factory.CreateMqttClient())
                using (CancellationTokenSource cancel = new CancellationTokenSource(Deadline))
                using (ManualResetEventSlim received = new ManualResetEventSlim())
                {
                    string payload = null;
                    browserLike.ApplicationMessageReceivedAsync += e =>
                    {
                        payload = Encoding.UTF8.GetString(e.ApplicationMessage.Payload);
                        received.Set();
                        return Task.CompletedTask;
                    };
                    // MQTTnet's WebSocket client offers the subprotocol "mqtt" as browsers do (MQTT 3.1.1 §6).
                    await browserLike.ConnectAsync(new MqttClientOptionsBuilder().WithWebSocketServer(ws => ws.WithUri(broker.WebSocketUrl)).WithProtocolVersion(MqttProtocolVersion.V311).WithClientId("ws-watcher").Build(), cancel.Token);
                    await browserLike.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("ourhome/#", MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancel.Token);
                    await device.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithProtocolVersion(MqttProtocolVersion.V311).WithClientId("tcp-device").Build(), cancel.Token);
                    await device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("ourhome/firstfloor/kitchen/climate/temperature").WithPayload("21.5").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancel.Token);
                    Assert.True(received.Wait(Deadline), "the WebSocket client never received what the TCP client published");
                    Assert.Equal("21.5", payload);
                }
            }
        }

        [Fact]
        public async Task ANewSubscriberGetsEveryRetainedStateOfAThousandDeviceFleet()
        {
            // What the dashboard does when it opens on a running fleet: subscribe to ourhome/# and receive a status and
            // two light states per device, all retained, at once (over WebSockets, like the page).
            const int Retained = 3000;
            using (EmbeddedBroker broker = EmbeddedBroker.Start(0))
            {
                MqttClientFactory factory = new MqttClientFactory();
                using (IMqttClient fleet = factory.CreateMqttClient())
                using (IMqttClient page = factory.CreateMqttClient())
                using (CancellationTokenSource cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
                {
                    await fleet.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithProtocolVersion(MqttProtocolVersion.V311).WithClientId("fleet").Build(), cancel.Token);
                    for (int i = 0; i < Retained; i++)
                    {
                        await fleet.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("ourhome/floor" + (i / 30) + "/room" + (i % 30) + "/status").WithPayload("online").WithRetainFlag().WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancel.Token);
                    }

                    int received = 0;
                    page.ApplicationMessageReceivedAsync += e =>
                    {
                        Interlocked.Increment(ref received);
                        return Task.CompletedTask;
                    };
                    await page.ConnectAsync(new MqttClientOptionsBuilder().WithWebSocketServer(ws => ws.WithUri(broker.WebSocketUrl)).WithProtocolVersion(MqttProtocolVersion.V311).WithClientId("page").Build(), cancel.Token);
                    await page.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("ourhome/#", MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancel.Token);
                    SpinWait.SpinUntil(() => Volatile.Read(ref received) >= Retained, TimeSpan.FromSeconds(20));
                    Thread.Sleep(200); // nothing more than one per topic
                    Assert.Equal(Retained, Volatile.Read(ref received));
                }
            }
        }

        [Fact]
        public async Task TheServerServesThePageMqttJsAndTheSettingsOnLoopback()
        {
            string directory = Path.Combine(Path.GetTempPath(), "homenode-dashboard-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(directory);
            try
            {
                File.WriteAllText(Path.Combine(directory, "index.html"), "<!doctype html><title>house</title>");
                Assert.Contains("npm", DashboardServer.MissingFiles(directory));
                File.WriteAllText(Path.Combine(directory, DashboardServer.LibraryFileName), "var mqtt = {};");
                Assert.Null(DashboardServer.MissingFiles(directory));

                DashboardSettings settings = DashboardSettings.For("ws://127.0.0.1:9001/mqtt", new[] { ExampleConfig() });
                using (DashboardServer server = DashboardServer.Start(0, directory, settings))
                using (HttpClient http = new HttpClient { Timeout = Deadline })
                {
                    Assert.StartsWith("http://127.0.0.1:", server.Url);
                    Assert.Contains("<title>house</title>", await http.GetStringAsync(server.Url));
                    Assert.Equal("var mqtt = {};", await http.GetStringAsync(server.Url + DashboardServer.LibraryFileName));
                    using (JsonDocument json = JsonDocument.Parse(await http.GetStringAsync(server.Url + "config.json")))
                    {
                        JsonElement root = json.RootElement;
                        Assert.Equal("ws://127.0.0.1:9001/mqtt", root.GetProperty("broker").GetString());
                        System.Collections.Generic.List<string> topics = new System.Collections.Generic.List<string>();
                        foreach (JsonElement topic in root.GetProperty("topics").EnumerateArray())
                        {
                            topics.Add(topic.GetString());
                        }

                        Assert.Equal(new[] { "homeassistant/+/+/+/config", "homeassistant/+/+/config", "ourhome/#" }, topics);
                        Assert.Equal("\u00B0C", root.GetProperty("units").GetProperty("temperature").GetString());
                        Assert.Equal("hPa", root.GetProperty("units").GetProperty("pressure").GetString());
                        Assert.False(root.TryGetProperty("password", out _), "no credentials were given, none are served");
                    }

                    HttpResponseMessage missing = await http.GetAsync(server.Url + "../../etc/passwd");
                    Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
                }
            }
            finally
            {
                Directory.Delete(directory, true);
            }
        }

        [Fact]
        public void TheCommandLineSetsTheDashboard()
        {
            SimulatorOptions options = SimulatorOptions.Parse(new[] { "--dashboard-port", "8088" }, out string error);
            Assert.Null(error);
            Assert.Equal(8088, options.DashboardPort);
            Assert.True(SimulatorOptions.Parse(new[] { "--no-dashboard" }, out error).NoDashboard);
            Assert.Null(SimulatorOptions.Parse(new[] { "--dashboard-port", "0" }, out error));
            Assert.Contains("1..65535", error);
            Assert.Null(SimulatorOptions.Parse(new[] { "--dashboard-port", "8088", "--no-dashboard" }, out error));
            Assert.Contains("contradict", error);
        }

        [Fact]
        public void WithABrokerButNoWebSocketEndpointTheSimulatorRunsAndSaysWhyThereIsNoDashboard()
        {
            using (EmbeddedBroker broker = EmbeddedBroker.Start(0))
            using (SimulatorProcess simulator = SimulatorProcess.Start("--plain --duration 2 --broker 127.0.0.1:" + broker.Port))
            {
                Assert.Equal(0, simulator.WaitForExit(TimeSpan.FromSeconds(45)));
                Assert.NotNull(simulator.WaitForLine("dashboard: off: a browser speaks MQTT over WebSockets only; give the broker's WebSocket endpoint with --ws-url", TimeSpan.Zero));
            }
        }

        private static HomeNodeConfig ExampleConfig()
        {
            string path = Path.Combine(NanoBuildOutputs.RepositoryRoot, "firmware", "config.example.ini");
            byte[] text = File.ReadAllBytes(path);
            ConfigParseResult result = ConfigParser.Parse(text, 0, text.Length);
            Assert.True(result.Config != null, "the example configuration does not parse");
            return result.Config;
        }
    }
}
