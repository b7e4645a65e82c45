using System;
using System.Text;
using HomeNode.App.Config;
using HomeNode.App.Runtime;
using HomeNode.Host;
using HomeNode.Mqtt;
using HomeNode.Host.Mosquitto;
using HomeNode.Tests.Host.Fixtures;
using HomeNode.Tests.Runtime;

namespace HomeNode.Tests.Host.Integration
{
    /// <summary>
    /// The firmware runtime on the host: configuration text parsed by <see cref="ConfigParser"/> with the broker
    /// pointing at a test mosquitto, a real TCP transport, the host clock and the test board <see cref="ScriptedHardware"/>
    /// (each sensor 100 degrees above the previous one, its temperature up by exactly 1 per read and every reading
    /// remembered, so a subscriber can tell which ones it missed; lights on level pins).
    /// The test thread drives it through <see cref="PollOnce"/>.
    /// </summary>
    public sealed class RuntimeUnderTest : IPollable, IDisposable
    {
        public const string BaseTopic = "ourhome/firstfloor/kitchen";
        public const string TemperatureTopic = BaseTopic + "/temperature";
        public const string HumidityTopic = BaseTopic + "/humidity";
        public const string StatusTopic = BaseTopic + "/status";
        public const string DiagnosticsTopic = BaseTopic + "/diag";
        public const string LightTopic = BaseTopic + "/ceiling";
        public const string LightCommandTopic = LightTopic + "/set";
        public const string DiagnosticsRequestTopic = DiagnosticsTopic + "/get";

        private readonly IMqttTransport transport;

        public RuntimeUnderTest(MosquittoBroker broker, int firstTemperature = 20, string extraDeviceLines = "", string extraLightLines = "")
            : this(ConfigFor(broker.Port, extraDeviceLines) + extraLightLines, new TcpTransport(new TransportOptions("127.0.0.1", broker.Port) { ConnectTimeout = TimeSpan.FromSeconds(2) }), firstTemperature)
        {
        }

        /// <summary>The runtime with its configuration text and transport given (another broker, another transport).</summary>
        public RuntimeUnderTest(string configText, IMqttTransport transport, int firstTemperature = 20)
        {
            this.ConfigText = configText;
            byte[] utf8 = Encoding.UTF8.GetBytes(this.ConfigText);
            ConfigParseResult parsed = ConfigParser.Parse(utf8, 0, utf8.Length);
            if (!parsed.Succeeded)
            {
                throw new InvalidOperationException("test config rejected: " + string.Join("; ", Array.ConvertAll(parsed.Errors, e => e.Describe())) + "\n" + this.ConfigText);
            }

            this.Config = parsed.Config;
            this.Hardware = new ScriptedHardware
            {
                SensorTemperatureStart = firstTemperature,
                SensorTemperatureSpacing = 100,
                SensorTemperatureStep = 1,
                RecordReadings = true,
                LevelPinsOnly = true,
            };
            this.transport = transport;
            this.Runtime = new HomeNodeRuntime(this.Config, this.transport, new StopwatchClock(), this.Hardware, 12345);
            this.Runtime.Start();
        }

        public string ConfigText { get; }

        public HomeNodeConfig Config { get; }

        public ScriptedHardware Hardware { get; }

        public HomeNodeRuntime Runtime { get; }

        public ScriptedSensor Climate => this.Hardware.SensorNamed("climate");

        /// <summary>Every temperature the climate sensor handed out, in order (whole numbers: it starts at one and steps by 1).</summary>
        public int[] ClimateProduced => Array.ConvertAll(this.Climate.Produced, t => (int)t);

        public LevelPin Ceiling => (LevelPin)this.Hardware.PinNamed("ceiling");

        /// <summary>
        /// The kitchen node: one SHT3x-type sensor read every second publishing straight below the base topic
        /// (ourhome/firstfloor/kitchen/temperature), one light, diagnostics every second, a persistent session and
        /// reconnect attempts at most a second apart.
        /// </summary>
        /// <param name="protocol">"3.1.1" (what these tests were written for) with clean_session = false, or "5" with session_expiry = 3600.</param>
        public static string ConfigFor(int port, string extraDeviceLines = "", string protocol = "3.1.1")
        {
            return
                "[broker]\n" +
                "host = 127.0.0.1\n" +
                "port = " + port + "\n" +
                "keep_alive = 30\n" +
                "protocol = " + protocol + "\n" +
                (protocol == "5" ? "session_expiry = 3600\n" : "clean_session = false\n") +
                "reconnect_max_delay = 1\n" +
                "[device]\n" +
                "name = kitchen\n" +
                "base_topic = " + BaseTopic + "\n" +
                "diagnostics_period = 1\n" +
                extraDeviceLines +
                "[sensor climate]\n" +
                "type = sht3x\n" +
                "topic = " + BaseTopic + "\n" +
                "period = 1\n" +
                "decimals = 1\n" +
                "[light ceiling]\n" +
                "pin = 26\n";
        }

        public void PollOnce() => this.Runtime.Poll();

        public string Describe()
        {
            RuntimeCounters c = this.Runtime.Counters;
            return "runtime " + this.Runtime.Status + ": published " + c.PublishedReadings + ", acknowledged " + c.AcknowledgedPublishes
                + ", queued " + this.Runtime.Queue.Count + ", dropped " + this.Runtime.Queue.DroppedCount + ", reconnects " + c.Reconnects
                + ", failed connects " + c.FailedConnects + ", commands " + c.Commands + ", invalid commands " + c.InvalidCommands
                + ", in flight " + this.Runtime.Client.Inflight.Count;
        }

        public void Dispose()
        {
            this.Runtime.Stop();
            this.transport.Close();
        }
    }
}
