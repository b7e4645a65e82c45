using System;
using System.IO;
using HomeNode.App.Config;
using HomeNode.ConfigCheck;
using Xunit;

namespace HomeNode.Tests.Host
{
    /// <summary>The shipped example configuration, and the ConfigCheck command that flash.ps1 runs.</summary>
    public class ConfigFileTests
    {
        private static string RepositoryRoot()
        {
            DirectoryInfo directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "HomeNode.slnx")))
            {
                directory = directory.Parent;
            }

            Assert.NotNull(directory);
            return directory.FullName;
        }

        private static string ExamplePath => Path.Combine(RepositoryRoot(), "firmware", "config.example.ini");

        [Fact]
        public void ExampleParsesWithoutErrorOrWarning()
        {
            byte[] bytes = File.ReadAllBytes(ExamplePath);
            ConfigParseResult result = ConfigParser.Parse(bytes, 0, bytes.Length);

            Assert.Empty(result.Errors);
            Assert.Empty(result.Warnings);
            HomeNodeConfig config = result.Config;
            Assert.Equal("ourhome/firstfloor/kitchen", config.Device.BaseTopic);
            Assert.Equal("homenode-kitchen", config.Broker.ClientId);
            Assert.Equal(new[] { SensorType.Dht22, SensorType.Bme280, SensorType.Sht3x }, Array.ConvertAll(config.Sensors, s => s.Type));
            Assert.Equal(2, config.Lights.Length);
            Assert.Equal("correct horse # battery", config.Wifi.Password);
        }

        [Fact]
        public void ExampleShowsEveryKey()
        {
            // each key the parser knows appears in the example (set or commented out with its default)
            string text = File.ReadAllText(ExamplePath);
            string[] keys =
            {
                "ssid", "password", "use_stored", "host", "port", "tls", "ca_cert", "client_cert", "client_key", "username",
                "client_id", "keep_alive", "protocol", "session_expiry", "clean_session", "reconnect_max_delay", "name", "base_topic", "diagnostics_period",
                "offline_queue", "discovery", "discovery_prefix", "type", "pin", "echo_pin", "i2c_bus", "address", "topic",
                "period", "average", "min_change", "heartbeat", "decimals", "active_low", "power_on", "profile", "sda", "scl",
            };
            foreach (string key in keys)
            {
                Assert.Contains(key + " = ", text);
            }
        }

        [Fact]
        public void CheckPrintsOkAndExitsZeroForTheExample()
        {
            StringWriter output = new StringWriter();
            StringWriter errors = new StringWriter();
            int exitCode = ConfigCheckCommand.Run(new[] { ExamplePath }, output, errors);

            Assert.Equal(0, exitCode);
            Assert.Equal(ExamplePath + ": ok" + Environment.NewLine, output.ToString());
            Assert.Equal(string.Empty, errors.ToString());
        }

        [Fact]
        public void CheckPrintsEachErrorWithFileAndLineAndExitsOne()
        {
            string file = Path.Combine(Path.GetTempPath(), "homenode-configcheck-" + Guid.NewGuid().ToString("N") + ".ini");
            File.WriteAllText(file, "[broker]\nhost = b\nport = x\n[device]\nname = n\nbase_topic = t\n[sensor kitchen]\ntype = dht22\npin = 4\nperiod = fast\necho_pin = 5\n");
            try
            {
                StringWriter output = new StringWriter();
                int exitCode = ConfigCheckCommand.Run(new[] { file }, output, new StringWriter());

                Assert.Equal(1, exitCode);
                string[] lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(
                    new[]
                    {
                        file + ":3: [broker] port: expected a TCP port from 1 to 65535, got \"x\"",
                        file + ":10: [sensor kitchen] period: expected a whole number of seconds from 2 to 86400, got \"fast\"",
                    },
                    lines);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void CheckPrintsMissingSectionsWithoutALine()
        {
            string file = Path.Combine(Path.GetTempPath(), "homenode-configcheck-" + Guid.NewGuid().ToString("N") + ".ini");
            File.WriteAllText(file, "# nothing\n");
            try
            {
                StringWriter output = new StringWriter();
                Assert.Equal(1, ConfigCheckCommand.Run(new[] { file }, output, new StringWriter()));
                Assert.StartsWith(file + ": [device]: section missing", output.ToString());
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void CheckPrintsWarningsAndStillSucceeds()
        {
            string file = Path.Combine(Path.GetTempPath(), "homenode-configcheck-" + Guid.NewGuid().ToString("N") + ".ini");
            File.WriteAllText(file, "[broker]\nhost = b\n[device]\nname = n\nbase_topic = a/b/c/d/e/f/g/h\n");
            try
            {
                StringWriter output = new StringWriter();
                Assert.Equal(0, ConfigCheckCommand.Run(new[] { file }, output, new StringWriter()));
                string[] lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(2, lines.Length);
                Assert.StartsWith(file + ":5: warning: [device] base_topic: ", lines[0]);
                Assert.Equal(file + ": ok", lines[1]);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void CheckExitsTwoForAnUnreadableFileOrNoArguments()
        {
            string missing = Path.Combine(Path.GetTempPath(), "homenode-no-such-" + Guid.NewGuid().ToString("N") + ".ini");
            StringWriter errors = new StringWriter();
            Assert.Equal(2, ConfigCheckCommand.Run(new[] { missing }, new StringWriter(), errors));
            Assert.StartsWith(missing + ": cannot read", errors.ToString());

            Assert.Equal(2, ConfigCheckCommand.Run(new[] { Path.GetTempPath() }, new StringWriter(), new StringWriter()));
            Assert.Equal(2, ConfigCheckCommand.Run(Array.Empty<string>(), new StringWriter(), new StringWriter()));
        }

        [Fact]
        public void CheckRunsAsAProgram()
        {
            // the entry point flash.ps1 starts: Main returns the exit code
            Assert.Equal(2, ConfigCheckCommand.Main(Array.Empty<string>()));
        }
    }
}
