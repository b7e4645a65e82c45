using System;
using System.IO;
using HomeNode.Host;
using Xunit;

namespace HomeNode.Tests.Host.Simulator
{
    public sealed class SimulatorCommandLineTests
    {
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

        [Fact]
        public void HelpExplainsOptionsAndExitCodes()
        {
            using (SimulatorProcess simulator = SimulatorProcess.Start("--help"))
            {
                Assert.Equal(0, simulator.WaitForExit(Limit));
                string text = string.Join("\n", simulator.Lines);
                foreach (string expected in new[] { "--broker HOST:PORT", "--devices N", "--config FILE", "--duration SECONDS", "--plain", "Exit codes:", "toggle LIGHT" })
                {
                    Assert.Contains(expected, text);
                }
            }
        }

        [Fact]
        public void UnknownOptionIsAUsageError()
        {
            using (SimulatorProcess simulator = SimulatorProcess.Start("--devcies 3"))
            {
                Assert.Equal(2, simulator.WaitForExit(Limit));
                Assert.Contains(simulator.ErrorLines, line => line.Contains("unknown option '--devcies'", StringComparison.Ordinal));
            }
        }

        [Fact]
        public void ConfigWithErrorsPrintsEachErrorLineAndExitsTwo()
        {
            string path = Path.Combine(Path.GetTempPath(), "homenode-sim-bad-" + Guid.NewGuid().ToString("N") + ".ini");
            File.WriteAllText(path, "[broker]\nhost = x\n\n[device]\nname = kitchen\nbase_topic = ourhome/kitchen\n\n[sensor climate]\ntype = dht22\npin = 14\nperiod = fast\n\n[light ceiling]\npin = 14\n");
            try
            {
                using (SimulatorProcess simulator = SimulatorProcess.Start("--plain --duration 5 --config \"" + path + "\""))
                {
                    Assert.Equal(2, simulator.WaitForExit(Limit));
                    Assert.Contains(simulator.ErrorLines, line => line.Contains(": line 11 [sensor climate] period:", StringComparison.Ordinal));
                    Assert.Contains(simulator.ErrorLines, line => line.Contains("nothing was started", StringComparison.Ordinal));
                    Assert.DoesNotContain(simulator.Lines, line => line.StartsWith("SUMMARY", StringComparison.Ordinal));
                }
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void UnreachableBrokerForTheWholeRunExitsOne()
        {
            int port = LoopbackPort.Free(); // nothing listens there
            using (SimulatorProcess simulator = SimulatorProcess.Start("--plain --duration 3 --drain 0 --broker 127.0.0.1:" + port.ToString()))
            {
                Assert.Equal(1, simulator.WaitForExit(Limit));
                Assert.Contains(simulator.ErrorLines, line => line.Contains("no device ever connected", StringComparison.Ordinal));
            }
        }
    }
}
