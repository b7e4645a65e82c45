using System;
using System.IO;
using HomeNode.ConfigCheck;
using Xunit;

namespace HomeNode.Tests.Host.Reliability
{
    /// <summary>
    /// Broken configuration files, through the command a user runs (ConfigCheck) rather than the parser alone: each is
    /// rejected, and the message names the file, the line and the field. The parser's own table of mistakes is
    /// tests/Portable/App/ConfigParserErrorTests; these cover how a file on disk is read (BOM, CRLF, truncation).
    /// </summary>
    public sealed class ConfigFileErrorTableTests
    {
        private const string Good =
            "[broker]\nhost = 192.168.1.10\n[device]\nname = kitchen\nbase_topic = ourhome/firstfloor/kitchen\n" +
            "[sensor climate]\ntype = sht3x\n[light ceiling]\npin = 26\n";

        [Theory]
        [InlineData("crlf-bad-port", "[broker]\r\nhost = 192.168.1.10\r\nport = 70000\r\n[device]\r\nname = kitchen\r\nbase_topic = ourhome/kitchen\r\n", ":3: [broker] port")]
        [InlineData("bom-bad-keep-alive", "\uFEFF[broker]\nhost = h\nkeep_alive = 0\n[device]\nname = kitchen\nbase_topic = ourhome/kitchen\n", ":3: [broker] keep_alive")]
        [InlineData("truncated-mid-section", "[broker]\nhost = h\n[device]\nname = kitchen\nbase_topic = ourhome/kitchen\n[sensor climate]\ntype = ", ":7: [sensor climate] type")]
        [InlineData("light-pin-out-of-range", Good + "[light porch]\npin = 300\n", ":11: [light porch] pin")]
        [InlineData("wildcard-in-base-topic", "[broker]\nhost = h\n[device]\nname = kitchen\nbase_topic = ourhome/+/kitchen\n", ":5: [device] base_topic")]
        [InlineData("clean-session-with-protocol-5", "[broker]\nhost = h\nprotocol = 5\nclean_session = true\n[device]\nname = kitchen\nbase_topic = ourhome/kitchen\n", ":4: [broker] clean_session: is MQTT 3.1.1's")]
        [InlineData("session-expiry-with-3.1.1", "[broker]\nhost = h\nprotocol = 3.1.1\nsession_expiry = 60\n[device]\nname = kitchen\nbase_topic = ourhome/kitchen\n", ":4: [broker] session_expiry: needs protocol = 5")]
        [InlineData("protocol-4", "[broker]\nhost = h\nprotocol = 4\n[device]\nname = kitchen\nbase_topic = ourhome/kitchen\n", ":3: [broker] protocol: expected 5 (MQTT 5.0) or 3.1.1")]
        [InlineData("sensor-period-word", Good + "[sensor attic]\ntype = sht3x\naddress = 0x45\nperiod = often\n", ":13: [sensor attic] period")]
        public void EachBrokenFileIsRejectedWithItsLineAndField(string name, string text, string expected)
        {
            string path = Path.Combine(Path.GetTempPath(), "homenode-" + name + "-" + Guid.NewGuid().ToString("N") + ".conf");
            File.WriteAllText(path, text);
            try
            {
                StringWriter stdout = new StringWriter();
                StringWriter stderr = new StringWriter();
                int exit = ConfigCheckCommand.Run(new[] { path }, stdout, stderr);
                string printed = stdout.ToString() + stderr.ToString();
                Assert.Equal(ConfigCheckCommand.Invalid, exit);
                Assert.Contains(path + expected, printed);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void TheGoodFileOfTheTableIsAccepted()
        {
            string path = Path.Combine(Path.GetTempPath(), "homenode-good-" + Guid.NewGuid().ToString("N") + ".conf");
            File.WriteAllText(path, Good);
            try
            {
                Assert.Equal(ConfigCheckCommand.Valid, ConfigCheckCommand.Run(new[] { path }, new StringWriter(), new StringWriter()));
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
