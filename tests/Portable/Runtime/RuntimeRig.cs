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

        public const string DefaultConfig =
            "[broker]\n" +
            "host = 127.0.0.1\n" +
            "keep_alive = 60\n" +
            "[device]\n" +
            "name = kitchen\n" +
            "base_topic = ourhome/firstfloor/kitchen\n" +
            "offline_queue = 4\n" +
            SensorAndLight;

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
        {
            this.Hardware = hardware;
            byte[] bytes = Utf8Text.Encode(configText);
            ConfigParseResult result = ConfigParser.Parse(bytes, 0, bytes.Length);
            if (!result.Succeeded)
            {
                throw new System.Exception("test config does not parse: " + result.Errors[0].ToString());
            }

            this.Runtime = new HomeNodeRuntime(result.Config, this.Transport, this.Clock, this.Hardware, 7, log);
        }

        /// <summary>Starts, lets the runtime send CONNECT, answers CONNACK and acknowledges everything it sends.</summary>
        public void StartConnected()
        {
            this.Runtime.Start();
            this.Runtime.Poll();
            this.Transport.ClearSent();
            this.Transport.Deliver(HexBytes.Parse("20 02 00 00"));
            this.Runtime.Poll();
            Check.Equal(RuntimeStatus.Online, this.Runtime.Status, "online");
        }

        public SentPackets Sent()
        {
            return new SentPackets(this.Transport.SentBytes, this.Transport.SentCount);
        }

        /// <summary>
        /// Answers every QoS 1 PUBLISH, SUBSCRIBE and UNSUBSCRIBE sent since the last call, polls, and repeats until the
        /// runtime sends nothing more that needs an answer. Returns everything sent since the last ClearSent.
        /// </summary>
        public SentPackets AcknowledgeAll()
        {
            while (true)
            {
                if (this.Transport.SentCount < this.acknowledgedBytes)
                {
                    this.acknowledgedBytes = 0; // ClearSent was called
                }

                SentPackets sent = this.Sent();
                int answered = 0;
                for (int i = 0; i < sent.Count; i++)
                {
                    if (sent.EndOf(i) <= this.acknowledgedBytes)
                    {
                        continue;
                    }

                    SentPacket packet = sent[i];
                    string id = " " + (packet.PacketId >> 8).ToString("X2") + " " + (packet.PacketId & 0xFF).ToString("X2");
                    if (packet.Type == MqttPacketType.Publish && packet.Qos == 1)
                    {
                        this.Transport.Deliver(HexBytes.Parse("40 02" + id));
                        answered++;
                    }
                    else if (packet.Type == MqttPacketType.Subscribe)
                    {
                        // one return code per filter (MQTT-3.9.3-1): granted QoS 1
                        int filters = packet.Filters.Split(' ').Length;
                        string codes = string.Empty;
                        for (int f = 0; f < filters; f++)
                        {
                            codes = codes + " 01";
                        }

                        this.Transport.Deliver(HexBytes.Parse("90 " + (2 + filters).ToString("X2") + id + codes));
                        answered++;
                    }
                    else if (packet.Type == MqttPacketType.Unsubscribe)
                    {
                        this.Transport.Deliver(HexBytes.Parse("B0 02" + id));
                        answered++;
                    }
                }

                this.acknowledgedBytes = this.Transport.SentCount;
                if (answered == 0)
                {
                    return sent;
                }

                this.Runtime.Poll();
            }
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
            byte[] topicBytes = Utf8Text.Encode(topic);
            byte[] payloadBytes = Utf8Text.Encode(payload);
            byte[] packet = new byte[4 + topicBytes.Length + payloadBytes.Length];
            packet[0] = (byte)(retain ? 0x31 : 0x30);
            packet[1] = (byte)(2 + topicBytes.Length + payloadBytes.Length);
            packet[2] = 0;
            packet[3] = (byte)topicBytes.Length;
            System.Array.Copy(topicBytes, 0, packet, 4, topicBytes.Length);
            System.Array.Copy(payloadBytes, 0, packet, 4 + topicBytes.Length, payloadBytes.Length);
            this.Transport.Deliver(packet);
            this.Runtime.Poll();
        }
    }
}
