using System;
using System.IO;
using System.Text.RegularExpressions;
using HomeNode.Tests.Host.Fixtures;
using Xunit;

namespace HomeNode.Tests.Host.Simulator
{
    /// <summary>
    /// The dashboard in a real browser (headless Chromium driven by Playwright, <see cref="DashboardBrowser"/>) against
    /// the simulator process: what a person opening the printed address sees and does. One class, so the browser runs
    /// are not run side by side on a two-core machine.
    /// </summary>
    public sealed class DashboardBrowserTests
    {
        private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan Script = TimeSpan.FromSeconds(120);

        [Fact]
        public void ThePageShowsTheHouseAndItsSwitchTurnsTheLightOnInTheFirmware()
        {
            ShowTheHouseAndSwitchALight(string.Empty);
        }

        [Fact]
        public void WithBrokerAndWsUrlTheDevicesUseTcpAndThePageTheWebSocketEndpoint()
        {
            // Another process's broker with both listeners, as a mosquitto with a websockets listener would have them.
            using (HomeNode.Simulator.EmbeddedBroker broker = HomeNode.Simulator.EmbeddedBroker.Start(0))
            {
                string line = ShowTheHouseAndSwitchALight("--broker 127.0.0.1:" + broker.Port.ToString() + " --ws-url " + broker.WebSocketUrl);
                Assert.Contains("it connects to " + broker.WebSocketUrl, line);
            }
        }

        /// <summary>The house script against a simulator run with <paramref name="brokerArguments"/>; returns its dashboard line.</summary>
        private static string ShowTheHouseAndSwitchALight(string brokerArguments)
        {
            string config = ExampleConfigWithFastDiagnostics();
            try
            {
                using (SimulatorProcess simulator = SimulatorProcess.Start("--plain --period 2 --config \"" + config + "\" " + brokerArguments))
                {
                    string url = DashboardUrl(simulator);
                    Assert.True(simulator.WaitForLine("2:counter=OFF", Step) != null, "the firmware's counter light is not off at start:\n" + simulator.Transcript);
                    using (DashboardBrowser browser = DashboardBrowser.Start("house", url))
                    {
                        int? exit = browser.WaitForExit(Script);
                        Assert.True(exit == 0, "the browser script failed (exit " + exit + "):\n" + browser.Transcript + "\n--- simulator ---\n" + simulator.Transcript);
                        Assert.Contains("READING ourhome/firstfloor/kitchen/window-climate/temperature", browser.Transcript);
                        Assert.Contains("SWITCHED ourhome/firstfloor/kitchen/counter ON; lights on 1", browser.Transcript);
                    }

                    // The firmware side: the device's own light (the runtime's LightChannel, printed by the simulator) is on,
                    // and the phone app, another MQTT client, counts it from the state topic the firmware published.
                    Assert.True(simulator.WaitForLine("2:counter=ON", Step) != null, "the firmware never switched the counter light on:\n" + simulator.Transcript);
                    Assert.True(simulator.WaitForLine("ourhome/firstfloor/kitchen/counter is ON, lights on = 1", Step) != null, "the phone app never saw the light on:\n" + simulator.Transcript);
                    Quit(simulator);
                    return simulator.WaitForLine("dashboard: http", TimeSpan.Zero);
                }
            }
            finally
            {
                File.Delete(config);
            }
        }

        [Fact]
        public void ThePageReconnectsAfterTheBrokerRestartsAndShowsNewReadings()
        {
            // aedes (an MQTT over WebSockets broker written by others) through --ws-url: a real broker that can be
            // killed and started again on the same port while the simulator and the page run.
            using (AedesBroker broker = AedesBroker.Start())
            using (SimulatorProcess simulator = SimulatorProcess.Start("--plain --period 2 --ws-url " + broker.Url))
            {
                string url = DashboardUrl(simulator);
                Assert.Contains("it connects to " + broker.Url, simulator.WaitForLine("dashboard: http", Step));
                using (DashboardBrowser browser = DashboardBrowser.Start("restart", url))
                {
                    Assert.True(browser.WaitForLine("READY", Step) != null, "the page never showed a reading:\n" + browser.Transcript + "\n--- simulator ---\n" + simulator.Transcript);
                    broker.Restart();
                    int? exit = browser.WaitForExit(Script);
                    Assert.True(exit == 0, "the page did not come back after the broker restart (exit " + exit + "):\n" + browser.Transcript + "\n--- simulator ---\n" + simulator.Transcript);
                    Assert.NotNull(browser.WaitForLine("DISCONNECTED", TimeSpan.Zero));
                    Assert.NotNull(browser.WaitForLine("RECONNECTED", TimeSpan.Zero));
                }

                Quit(simulator);
            }
        }

        [Fact]
        public void AFleetIsShownGroupedByFloorAndRoom()
        {
            // 100 devices: ourhome/floor0..9/room0..9; every floor starts collapsed, opening one draws its ten rooms.
            const int Devices = 100;
            using (SimulatorProcess simulator = SimulatorProcess.Start("--plain --period 5 --devices " + Devices.ToString()))
            {
                string url = DashboardUrl(simulator);
                using (DashboardBrowser browser = DashboardBrowser.Start("fleet", url, Devices.ToString()))
                {
                    int? exit = browser.WaitForExit(Script);
                    Assert.True(exit == 0, "the fleet view failed (exit " + exit + "):\n" + browser.Transcript + "\n--- simulator ---\n" + simulator.Transcript);
                    Assert.Contains("FLEET devices 100 floors 10 open 0", browser.Transcript);
                    Assert.Contains("FLOOR floor3 10 rooms · 10/10 devices online", browser.Transcript);
                }

                Quit(simulator);
            }
        }

        private static string DashboardUrl(SimulatorProcess simulator)
        {
            string line = simulator.WaitForLine("dashboard: ", Step);
            Assert.True(line != null, "the simulator printed no dashboard line:\n" + simulator.Transcript);
            Match url = Regex.Match(line, @"dashboard: (http://127\.0\.0\.1:\d+/)");
            Assert.True(url.Success, "no dashboard address in: " + line + "\n" + simulator.Transcript);
            return url.Groups[1].Value;
        }

        private static void Quit(SimulatorProcess simulator)
        {
            simulator.SendLine("quit");
            int? exit = simulator.WaitForExit(TimeSpan.FromSeconds(45));
            Assert.True(exit == 0, "simulator exit code " + exit + ":\n" + simulator.Transcript);
        }

        /// <summary>The example configuration with diagnostics every 3 s instead of 60, so the page shows them soon.</summary>
        private static string ExampleConfigWithFastDiagnostics()
        {
            string example = File.ReadAllText(Path.Combine(NanoBuildOutputs.RepositoryRoot, "firmware", "config.example.ini"));
            Assert.Contains("\n[device]\n", example);
            string path = Path.Combine(Path.GetTempPath(), "homenode-dashboard-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".ini");
            File.WriteAllText(path, example.Replace("\n[device]\n", "\n[device]\ndiagnostics_period = 3\n", StringComparison.Ordinal));
            return path;
        }
    }
}
