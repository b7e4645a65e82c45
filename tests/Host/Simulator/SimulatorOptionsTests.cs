using HomeNode.Simulator;
using Xunit;

namespace HomeNode.Tests.Host.Simulator
{
    public sealed class SimulatorOptionsTests
    {
        [Fact]
        public void NoArgumentsMeansOneDeviceOnTheEmbeddedBroker()
        {
            SimulatorOptions options = SimulatorOptions.Parse(new string[0], out string error);
            Assert.Null(error);
            Assert.True(options.UsesEmbeddedBroker);
            Assert.Equal(1, options.Devices);
            Assert.Equal(0, options.DurationSeconds);
            Assert.False(options.Plain);
        }

        [Fact]
        public void ParsesAnExternalFleetRun()
        {
            SimulatorOptions options = SimulatorOptions.Parse(new[] { "--broker", "[::1]:8883", "--tls", "--ca=ca.pem", "--devices", "1000", "--period", "5", "--duration", "60", "--plain", "--username", "u", "--password", "p" }, out string error);
            Assert.Null(error);
            Assert.Equal("::1", options.BrokerHost);
            Assert.Equal(8883, options.BrokerPort);
            Assert.True(options.Tls);
            Assert.Equal("ca.pem", options.CaFile);
            Assert.Equal(1000, options.Devices);
            Assert.Equal(5, options.PeriodSeconds);
            Assert.Equal(60, options.DurationSeconds);
            Assert.True(options.Plain);
        }

        [Theory]
        [InlineData("--broker", "localhost")]
        [InlineData("--broker", "localhost:0")]
        [InlineData("--devices", "0")]
        [InlineData("--duration", "-1")]
        [InlineData("--tls")]
        [InlineData("--password", "p")]
        [InlineData("--broker", "h:1", "--client-cert", "c.pem", "--tls")]
        [InlineData("--devices")]
        [InlineData("--bogus")]
        public void RejectsUsageErrors(params string[] args)
        {
            Assert.Null(SimulatorOptions.Parse(args, out string error));
            Assert.False(string.IsNullOrEmpty(error));
        }
    }
}
