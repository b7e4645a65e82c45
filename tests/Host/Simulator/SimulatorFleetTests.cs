using System;
using System.Globalization;
using System.Text.Json;
using HomeNode.Host.Mosquitto;
using HomeNode.Tests.Host.Fixtures;
using Xunit;

namespace HomeNode.Tests.Host.Simulator
{
    /// <summary>A fleet against a real mosquitto: everyone connects and no QoS 1 reading is lost.</summary>
    [Collection(MosquittoCollection.Name)]
    public sealed class SimulatorFleetTests
    {
        private readonly MosquittoBroker broker;

        public SimulatorFleetTests(MosquittoBrokerFixture fixture)
        {
            this.broker = fixture.Broker;
        }

        /// <remarks>
        /// "Lost": a reading the device's runtime handed to its MQTT client at QoS 1 (RuntimeCounters.PublishedReadings)
        /// that the simulator's monitor clients, subscribed to every device's base topic before the devices start, had
        /// not received by the end of the run plus the drain period (sensors paused, devices still connected). Counted
        /// per device as max(0, published - received) and summed; the simulator reports it as lost_readings.
        /// </remarks>
        [Fact]
        public void TwoHundredDevicesForTenSecondsAllConnectAndLoseNoReading()
        {
            string arguments = "--broker 127.0.0.1:" + this.broker.Port.ToString(CultureInfo.InvariantCulture) + " --devices 200 --duration 10 --plain --period 1";
            using (SimulatorProcess simulator = SimulatorProcess.Start(arguments))
            {
                int? exitCode = simulator.WaitForExit(TimeSpan.FromSeconds(90));
                Assert.True(exitCode.HasValue, "simulator did not finish within 90 s:\n" + simulator.Transcript);
                Assert.True(exitCode.Value == 0, "exit code " + exitCode.ToString() + ":\n" + simulator.Transcript);
                JsonElement? found = simulator.Summary();
                Assert.True(found.HasValue, "no SUMMARY line:\n" + simulator.Transcript);
                JsonElement summary = found.Value;
                string context = summary.ToString();

                Assert.Equal(200, summary.GetProperty("devices").GetInt32());
                Assert.True(summary.GetProperty("connected").GetInt32() == 200, "not all online at the end: " + context);
                Assert.True(summary.GetProperty("ever_connected").GetInt32() == 200, "not all connected: " + context);

                // Period 1 s over 10 s: the pantry (BME280) alone gives 3 readings a second per device.
                long published = summary.GetProperty("published_readings").GetInt64();
                Assert.True(published >= 200 * 10, "too few readings for 200 devices at 1 s: " + context);
                Assert.True(summary.GetProperty("lost_readings").GetInt64() == 0, "readings lost: " + context);
                Assert.True(summary.GetProperty("received_readings").GetInt64() >= published, "fewer received than published: " + context);
                Assert.True(summary.GetProperty("acknowledged_publishes").GetInt64() >= published, "not every reading was acknowledged: " + context);
                Assert.Equal(0, summary.GetProperty("poll_errors").GetInt64());
                Assert.True(summary.GetProperty("latency_samples").GetInt32() > 0, "no latency measured: " + context);
            }
        }

        [Fact]
        public void TlsWithTheBrokersCaConnectsDevicesAndClients()
        {
            string arguments = "--broker 127.0.0.1:" + this.broker.TlsPort.ToString(CultureInfo.InvariantCulture) + " --tls --ca \"" + this.broker.CaCertificatePath + "\" --devices 3 --duration 4 --drain 2 --plain --period 1";
            using (SimulatorProcess simulator = SimulatorProcess.Start(arguments))
            {
                int? exitCode = simulator.WaitForExit(TimeSpan.FromSeconds(60));
                Assert.True(exitCode == 0, "exit code " + exitCode.ToString() + ":\n" + simulator.Transcript);
                JsonElement summary = simulator.Summary().Value;
                Assert.Equal(3, summary.GetProperty("ever_connected").GetInt32());
                Assert.True(summary.GetProperty("received_readings").GetInt64() > 0, "the monitor (MQTTnet over TLS) got nothing: " + summary.ToString());
                Assert.Equal(0, summary.GetProperty("lost_readings").GetInt64());
                Assert.Contains(simulator.Lines, line => line.Contains("(TLS)", StringComparison.Ordinal));
            }
        }
    }
}
