using HomeNode.App.Config;
using HomeNode.App.Diagnostics;
using HomeNode.App.Runtime;
using HomeNode.Mqtt;
using HomeNode.Tests.Mqtt;

namespace HomeNode.Tests.Runtime
{
    /// <summary>The firmware runtime on a scripted transport, a fake clock and scripted hardware.</summary>
    public sealed class RuntimeRig
    {
        public const string Base = "ourhome/firstfloor/kitchen";

        /// <summary>A property, not a const (ConfigText.Minimal says why).</summary>
        public static string DefaultConfig
        {
            get
            {
                return "[broker]\n" +
                    "host = 127.0.0.1\n" +
                    "keep_alive = 60\n" +
                    "[device]\n" +
                    "name = kitchen\n" +
                    "base_topic = ourhome/firstfloor/kitchen\n" +
                    "offline_queue = 4\n" +
                    SensorAndLight;
            }
        }

        /// <summary>The default configuration with another offline queue size (the device mscorlib has no string.Replace).</summary>
        public static string ConfigWithOfflineQueue(int readings)
        {
            return "[broker]\nhost = 127.0.0.1\n[device]\nname = kitchen\nbase_topic = ourhome/firstfloor/kitchen\noffline_queue = " + readings.ToString() + "\n" + SensorAndLight;
        }

        private const string SensorAndLight =
            "[sensor climate]\n" +
            "type = sht3x\n" +
            "topic = ourhome/firstfloor/kitchen\n" +
            "period = 10\n" +
            "[light ceiling]\n" +
            "pin = 26\n";

        /// <summary><paramref name="configText"/> with <c>protocol = 3.1.1</c> in its [broker] section when it names no protocol.</summary>
        public static string Version311Unless5(string configText)
        {
            int broker = configText.IndexOf("[broker]\n");
            if (broker < 0 || configText.IndexOf("protocol =") >= 0)
            {
                return configText;
            }

            int after = broker + "[broker]\n".Length;
            return configText.Substring(0, after) + "protocol = 3.1.1\n" + configText.Substring(after);
        }

        /// <summary>The runtime speaks MQTT 5.0 (protocol = 5, not fallen back): CONNACK, acknowledgements and the packets sent are 5.0's.</summary>
        public bool Version5
        {
            get { return this.Runtime.ProtocolVersion == MqttProtocolVersion.V500; }
        }

        public readonly ScriptedTransport Transport = new ScriptedTransport(1 << 16);
        public readonly FakeClock Clock = new FakeClock();
        public readonly ScriptedHardware Hardware;
        public readonly HomeNodeRuntime Runtime;
        private int acknowledgedBytes;

        public RuntimeRig()
            : this(DefaultConfig)
        {
        }

        public RuntimeRig(string configText)
            : this(configText, new ScriptedHardware())
        {
        }

        public RuntimeRig(string configText, ScriptedHardware hardware)
            : this(configText, hardware, null)
        {
        }

        /// <param name="log">What the runtime reports to; null for none.</param>
        public RuntimeRig(string configText, ScriptedHardware hardware, ILog log)
            : this(Parse(configText), hardware, log)
        {
        }

        /// <summary>A runtime on a configuration as given, parsed or not (one changed after parsing, say).</summary>
        public RuntimeRig(HomeNodeConfig config, ScriptedHardware hardware, ILog log)
        {
            this.Hardware = hardware;
            this.Runtime = new HomeNodeRuntime(config, this.Transport, this.Clock, this.Hardware, 7, log);
        }

        /// <summary>
        /// The configuration of a text that must parse. The runtime cases were written against MQTT 3.1.1 bytes, so a
        /// text that does not choose a protocol gets <c>protocol = 3.1.1</c>; the MQTT 5.0 cases say <c>protocol = 5</c>.
        /// </summary>
        public static HomeNodeConfig Parse(string configText)
        {
            byte[] bytes = Utf8Text.Encode(Version311Unless5(configText));
            ConfigParseResult result = ConfigParser.Parse(bytes, 0, bytes.Length);
            if (!result.Succeeded)
            {
                throw new System.Exception("test config does not parse: " + result.Errors[0].ToString());
            }

            return result.Config;
        }

        /// <summary>Starts, lets the runtime send CONNECT, answers CONNACK and acknowledges everything it sends.</summary>
        public void StartConnected()
        {
            this.Runtime.Start();
            this.Runtime.Poll();
            this.Transport.ClearSent();
            this.Transport.Deliver(HexBytes.Parse(this.Version5 ? "20 03 00 00 00" : "20 02 00 00"));
            this.Runtime.Poll();
            Check.Equal(RuntimeStatus.Online, this.Runtime.Status, "online");
        }

        /// <summary>As <see cref="StartConnected()"/>, with an MQTT 5.0 CONNACK whose properties are <paramref name="propertiesHex"/> (without their length).</summary>
        public void StartConnected(string propertiesHex)
        {
            this.Runtime.Start();
            this.Runtime.Poll();
            this.Transport.ClearSent();
            byte[] properties = HexBytes.Parse(propertiesHex);
            byte[] connack = new byte[5 + properties.Length];
            connack[0] = 0x20;
            connack[1] = (byte)(3 + properties.Length);
            connack[4] = (byte)properties.Length;
            System.Array.Copy(properties, 0, connack, 5, properties.Length);
            this.Transport.Deliver(connack);
            this.Runtime.Poll();
            Check.Equal(RuntimeStatus.Online, this.Runtime.Status, "online");
        }

        public SentPackets Sent()
        {
            return new SentPackets(this.Transport.SentBytes, this.Transport.SentCount, this.Version5);
        }

        /// <summary>
        /// Answers every QoS 1 PUBLISH, SUBSCRIBE and UNSUBSCRIBE sent since the last call, polls, and repeats until the
        /// runtime sends nothing more that needs an answer. Returns everything sent since the last ClearSent.
        /// </summary>
        public SentPackets AcknowledgeAll()
        {
            while (BrokerScript.AnswerNew(this.Transport, ref this.acknowledgedBytes, this.Version5) > 0)
            {
                this.Runtime.Poll();
            }

            return this.Sent();
        }

        /// <summary>Moves the clock in steps, polling after each.</summary>
        public void Run(long milliseconds, long step)
        {
            for (long t = 0; t < milliseconds; t += step)
            {
                this.Clock.Advance(step);
                this.Runtime.Poll();
            }
        }

        /// <summary>The broker delivers a PUBLISH (QoS 0) to the device.</summary>
        public void Deliver(string topic, string payload, bool retain)
        {
            BrokerScript.Publish(this.Transport, topic, payload, retain);
            this.Runtime.Poll();
        }
    }
}
