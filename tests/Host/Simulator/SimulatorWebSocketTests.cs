using System;
using System.Text.Json;
using HomeNode.Simulator;
using HomeNode.Tests.Host.Fixtures;
using Xunit;

namespace HomeNode.Tests.Host.Simulator
{
    /// <summary>The simulator with --ws-url: the firmware runtime, its monitor and phone app over MQTT over WebSockets.</summary>
    public sealed class SimulatorWebSocketTests
    {
        private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

        [Fact]
        public void WsUrlNamesTheBrokerAndWssImpliesTls()
        {
            SimulatorOptions ws = SimulatorOptions.Parse(new[] { "--ws-url", "ws://broker.lan:9001/mqtt" }, out string error);
            Assert.Null(error);
            Assert.False(ws.UsesEmbeddedBroker);
            Assert.Equal("broker.lan", ws.BrokerHost);
            Assert.Equal(9001, ws.BrokerPort);
            Assert.Equal("/mqtt", ws.WebSocket.Path);
            Assert.False(ws.Tls);

            SimulatorOptions wss = SimulatorOptions.Parse(new[] { "--ws-url=wss://broker.lan/mqtt", "--ca", "ca.pem" }, out error);
            Assert.Null(error);
            Assert.True(wss.Tls);
            Assert.Equal(443, wss.BrokerPort);

            Assert.Null(SimulatorOptions.Parse(new[] { "--ws-url", "http://broker.lan/mqtt" }, out error));
            Assert.Contains("ws://", error);
            // With --broker too, the devices use --broker and only the dashboard (a browser) the WebSocket endpoint.
            SimulatorOptions both = SimulatorOptions.Parse(new[] { "--ws-url", "wss://a/mqtt", "--broker", "b:1883" }, out error);
            Assert.Null(error);
            Assert.Null(both.WebSocket);
            Assert.Equal("wss://a:443/mqtt", both.DashboardWebSocket.ToString());
            Assert.Equal("b", both.BrokerHost);
            Assert.Equal(1883, both.BrokerPort);
            Assert.False(both.Tls);
            Assert.Null(SimulatorOptions.Parse(new[] { "--ws-url", "ws://a/mqtt", "--tls" }, out error));
            Assert.Contains("wss://", error);
        }

        [Fact]
        public void TheFirmwareRunsOverWebSocketsAgainstMqttNet()
        {
            using (MqttNetWebSocketBroker broker = MqttNetWebSocketBroker.Start())
            using (SimulatorProcess simulator = SimulatorProcess.Start("--plain --duration 12 --period 2 --ws-url " + broker.Url))
            {
                Assert.True(simulator.WaitForLine("kitchen: online", Step) != null, "device never came online over ws:\n" + simulator.Transcript);
                Assert.True(simulator.WaitForLine("lights on = 0", Step) != null, "phone app (MQTTnet over ws) never reported the lights:\n" + simulator.Transcript);
                int? exitCode = simulator.WaitForExit(TimeSpan.FromSeconds(45));
                Assert.True(exitCode == 0, "exit code " + exitCode + ":\n" + simulator.Transcript);
                JsonElement? summary = simulator.Summary();
                Assert.True(summary.HasValue, "no SUMMARY line:\n" + simulator.Transcript);
                Assert.Equal(1, summary.Value.GetProperty("ever_connected").GetInt32());
                Assert.Equal(0, summary.Value.GetProperty("lost_readings").GetInt64());
            }
        }
    }
}
