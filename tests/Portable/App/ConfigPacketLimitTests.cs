using HomeNode.App.Config;

namespace HomeNode.Tests.App
{
    /// <summary>
    /// What the board could never send from its fixed buffers is refused at parse time, on the field to shorten:
    /// CONNECT (1 KiB send buffer), each PUBLISH with its largest payload (768-byte in-flight slot at QoS 1, the send
    /// buffer at QoS 0), Home Assistant discovery configs, and the one SUBSCRIBE per connection.
    /// ConfigLimitRuntimeTests checks these limits against the runtime itself.
    /// </summary>
    public static class ConfigPacketLimitTests
    {
        private static readonly string Broker = "[broker]\nhost = b\n";
        private static readonly string Device = "[device]\nname = n\nbase_topic = h\n";

        public static void ClientIdOfTwoThousandBytes()
        {
            // MQTT 3.1.1, and 5.0 with its CONNECT properties (PacketSizeCheck.Version5ConnectBytes)
            ConfigError error = ConfigText.OnlyError(Broker + "protocol = 3.1.1\nclient_id = " + Long('c', 2000) + "\n" + Device, 4, "broker", "client_id", "the CONNECT packet would be 2034 bytes");
            Check.True(error.Message.IndexOf("1024-byte buffer, so it would never connect: shorten client_id by at least 1010 bytes") > 0, error.Message);
            error = ConfigText.OnlyError(Broker + "client_id = " + Long('c', 2000) + "\n" + Device, 3, "broker", "client_id", "the CONNECT packet would be 2052 bytes");
            Check.True(error.Message.IndexOf("shorten client_id by at least 1028 bytes") > 0, error.Message);
        }

        public static void LongPasswordIsNamedNotShown()
        {
            string password = Long('p', 1100);
            ConfigError error = ConfigText.OnlyError(Broker + "username = u\npassword = " + password + "\n" + Device, 4, "broker", "password", "CONNECT");
            Check.True(error.Message.IndexOf("ppp") < 0, "the password is not in the message");
        }

        public static void SensorTopicTooLongForTheInflightSlot()
        {
            // temperature and humidity are both too long: one error, for the longer
            ConfigError error = ConfigText.OnlyError(Broker + "protocol = 3.1.1\n" + Device + "discovery = off\n[sensor s]\ntype = sht3x\ntopic = " + Long('t', 740) + "\n", 10, "sensor s", "topic", "(temperature readings): a PUBLISH with its largest payload (24 bytes) is 783 bytes");
            Check.True(error.Message.IndexOf("768-byte in-flight slot") > 0 && error.Message.IndexOf("at least 15 bytes") > 0, error.Message);

            // MQTT 5.0: a Property Length byte and a Topic Alias (PacketSizeCheck.Version5PublishBytes)
            error = ConfigText.OnlyError(Broker + Device + "discovery = off\n[sensor s]\ntype = sht3x\ntopic = " + Long('t', 740) + "\n", 9, "sensor s", "topic", "(temperature readings): a PUBLISH with its largest payload (24 bytes) is 787 bytes");
            Check.True(error.Message.IndexOf("at least 19 bytes") > 0, error.Message);
        }

        public static void DiagnosticsNeedTheSendBuffer()
        {
            string device = "[device]\nname = n\nbase_topic = " + Long('b', 600) + "\n";
            ConfigText.OnlyError(Broker + device, 5, "device", "base_topic", "(diagnostics): a PUBLISH with its largest payload (768 bytes) is 1382 bytes, more than the 1024-byte send buffer");
            ConfigText.Valid(Broker + device + "diagnostics_period = 0\n");
        }

        public static void DiscoveryConfigTooLongForTheInflightSlot()
        {
            string sensor = "[sensor s]\ntype = sht3x\ntopic = " + Long('t', 400) + "\n";
            ConfigText.Error(Broker + Device + sensor, 6, "sensor s", string.Empty, "its Home Assistant discovery config \"homeassistant/sensor/homenode-n/n_s_temperature/config\" is ");
            ConfigText.Valid(Broker + Device + "discovery = off\n" + sensor);
        }

        public static void ClientIdTooLongForDiscoveryIds()
        {
            string broker = Broker + "client_id = " + Long('c', 120) + "\n";
            ConfigText.OnlyError(broker + Device + "[sensor s]\ntype = sht3x\n", 3, "broker", "client_id", "unique_id of client_id, '_' and the entity (\"s_temperature\" of [sensor s]): 134 characters, more than the 128");
            ConfigText.Valid(broker + Device + "discovery = off\n[sensor s]\ntype = sht3x\n");
        }

        public static void DiscoveryPrefixMustBeAscii()
        {
            ConfigText.OnlyError(Broker + Device + "discovery_prefix = h\u00E4\n", 6, "device", "discovery_prefix", "ASCII");
        }

        public static void DiscoveryTopicTooLong()
        {
            ConfigText.Error(Broker + Device + "discovery_prefix = " + Long('d', 230) + "\n[sensor s]\ntype = sht3x\n", 7, "sensor s", string.Empty, "bytes; the firmware writes discovery topics into 256");
        }

        public static void SubscribeOfAllLightCommandsTooLong()
        {
            // five command topics of 206 bytes: 1050 bytes with the packet's own
            string lights = string.Empty;
            for (int i = 0; i < 5; i++)
            {
                string name = ((char)('a' + i)).ToString();
                lights = lights + "[light " + name + "]\npin = " + Pins[i].ToString() + "\ntopic = " + name + "/" + Long('l', 200) + "\n";
            }

            ConfigText.OnlyError(Broker + "protocol = 3.1.1\n" + Device + "discovery = off\n" + lights, 22, "light e", "topic", "in one SUBSCRIBE of 1050 bytes, more than its 1024-byte send buffer");

            // MQTT 5.0: a Property Length byte, and the diagnostics requests' filter h/diag/get (2 + 10 + 1)
            ConfigText.OnlyError(Broker + Device + "discovery = off\n" + lights, 21, "light e", "topic", "in one SUBSCRIBE of 1064 bytes");
        }

        /// <summary>GPIOs a light can use.</summary>
        public static readonly int[] Pins = new int[] { 25, 26, 27, 32, 33, 13, 14, 15, 16, 17 };

        /// <summary>A string of <paramref name="count"/> times <paramref name="c"/>, built at run time (no literal in the string table).</summary>
        public static string Long(char c, int count)
        {
            char[] chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                chars[i] = c;
            }

            return new string(chars);
        }
    }
}
