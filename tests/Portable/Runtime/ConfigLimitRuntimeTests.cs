using HomeNode.App.Config;
using HomeNode.App.Runtime;
using HomeNode.Mqtt;
using HomeNode.Tests.App;

namespace HomeNode.Tests.Runtime
{
    /// <summary>A configuration text with one thing <paramref name="size"/> long.</summary>
    public delegate string ConfigOfSize(int size);

    /// <summary>
    /// The parser's size limits are the runtime's: at the largest size the parser accepts, the runtime sends the
    /// packet; one byte more (set after parsing) and the runtime cannot. So the check in ConfigParser and the buffers
    /// in HomeNodeRuntime cannot drift apart unnoticed.
    /// </summary>
    public static class ConfigLimitRuntimeTests
    {
        private static readonly string Device = "[device]\nname = kitchen\nbase_topic = ourhome/firstfloor/kitchen\n";

        public static void ClientIdLimitIsWhereConnectStopsFitting()
        {
            int max = LargestAccepted(ClientIdConfig, 1, 2000);
            RuntimeRig rig = new RuntimeRig(ClientIdConfig(max));
            rig.Runtime.Start();
            rig.Runtime.Poll();
            Check.Equal(MqttPacketType.Connect, rig.Sent()[0].Type, "CONNECT sent");
            Check.Equal(HomeNodeRuntime.PacketBufferBytes, rig.Transport.SentCount, "and it fills the send buffer exactly");

            HomeNodeConfig config = RuntimeRig.Parse(ClientIdConfig(max));
            config.Broker.ClientId = config.Broker.ClientId + "c";
            rig = new RuntimeRig(config, new ScriptedHardware(), null);
            rig.Runtime.Start();
            rig.Runtime.Poll();
            Check.Equal(0, rig.Transport.SentCount, "one byte more: no CONNECT can be sent");
        }

        public static void DiscoveryLimitIsWhereTheConfigStopsFitting()
        {
            int max = LargestAccepted(DiscoveryConfig, 1, 760);
            RuntimeRig rig = new RuntimeRig(DiscoveryConfig(max));
            rig.StartConnected();
            SentPackets sent = rig.AcknowledgeAll();
            Check.True(sent.LastPublish("homeassistant/sensor/homenode-kitchen/kitchen_climate_temperature/config") != null, "temperature announced");
            Check.True(sent.LastPublish("homeassistant/sensor/homenode-kitchen/kitchen_climate_humidity/config") != null, "humidity announced");
            Check.Equal(0, rig.Runtime.Counters.RejectedPublishes, "nothing rejected");

            HomeNodeConfig config = RuntimeRig.Parse(DiscoveryConfig(max));
            config.Sensors[0].Topic = config.Sensors[0].Topic + "t";
            rig = new RuntimeRig(config, new ScriptedHardware(), null);
            rig.StartConnected();
            rig.AcknowledgeAll();
            Check.True(rig.Runtime.Counters.RejectedPublishes > 0, "one byte more: a config the runtime cannot announce");
        }

        public static void SubscribeLimitIsWhereTheSubscribeStopsFitting()
        {
            int max = LargestAccepted(LightsConfig, 1, 700);
            RuntimeRig rig = new RuntimeRig(LightsConfig(max));
            rig.StartConnected();
            SentPackets sent = rig.AcknowledgeAll();
            Check.True(sent.First(MqttPacketType.Subscribe) != null, "SUBSCRIBE sent");
            Check.Equal(0, rig.Runtime.Counters.SubscriptionFailures, "no failure");

            HomeNodeConfig config = RuntimeRig.Parse(LightsConfig(max));
            config.Lights[1].Topic = config.Lights[1].Topic + "t";
            rig = new RuntimeRig(config, new ScriptedHardware(), null);
            rig.StartConnected();
            Check.True(rig.Sent().First(MqttPacketType.Subscribe) == null, "one byte more: no SUBSCRIBE");
            Check.Equal(1, rig.Runtime.Counters.SubscriptionFailures, "counted");
        }

        /// <summary>
        /// With protocol = 5 the check counts the most MQTT 5.0 adds (PacketSizeCheck.Version5ConnectBytes,
        /// Version5PublishBytes): at the largest sizes it accepts, the runtime sends every packet.
        /// </summary>
        public static void Version5LimitsAreOnesTheRuntimeCanSend()
        {
            int max = LargestAccepted(Version5(ClientIdConfig), 1, 2000);
            RuntimeRig rig = new RuntimeRig(Version5(ClientIdConfig)(max));
            rig.Runtime.Start();
            rig.Runtime.Poll();
            Check.Equal(MqttPacketType.Connect, rig.Sent()[0].Type, "CONNECT sent");
            Check.True(rig.Transport.SentCount <= HomeNodeRuntime.PacketBufferBytes, "within the send buffer");

            max = LargestAccepted(Version5(DiscoveryConfig), 1, 760);
            rig = new RuntimeRig(Version5(DiscoveryConfig)(max));
            rig.StartConnected("22 00 0A");
            rig.AcknowledgeAll();
            rig.Run(31000, 1000); // period = 30 s: a second reading, sent by its alias
            SentPackets sent = rig.AcknowledgeAll();
            Check.True(sent.LastPublish("homeassistant/sensor/homenode-kitchen/kitchen_climate_temperature/config") != null, "temperature announced");
            Check.True(sent.CountPublishes(rig.Runtime.Sensors[0].Topics[0]) >= 2, "readings sent, by alias too");
            Check.Equal(0, rig.Runtime.Counters.RejectedPublishes, "nothing rejected");

            max = LargestAccepted(Version5(LightsConfig), 1, 700);
            rig = new RuntimeRig(Version5(LightsConfig)(max));
            rig.StartConnected(string.Empty);
            Check.True(rig.AcknowledgeAll().First(MqttPacketType.Subscribe) != null, "SUBSCRIBE sent");
            Check.Equal(0, rig.Runtime.Counters.SubscriptionFailures, "no failure");
        }

        /// <summary>The configuration of <paramref name="configOf"/> with protocol = 5 (the device mscorlib has no string.Replace).</summary>
        private static ConfigOfSize Version5(ConfigOfSize configOf)
        {
            return size =>
            {
                string text = configOf(size);
                int after = text.IndexOf("[broker]\n") + "[broker]\n".Length;
                return text.Substring(0, after) + "protocol = 5\n" + text.Substring(after);
            };
        }

        public static void DiagnosticsStayUnderTheBoundTheCheckAssumes()
        {
            RuntimeRig rig = new RuntimeRig();
            rig.StartConnected();
            string json = rig.AcknowledgeAll().LastPublish(RuntimeRig.Base + "/diag").Payload;

            // each property as long as it can be: "key": and a 64-bit number of 20 characters (-9223372036854775808)
            int properties = 0;
            int keyBytes = 0;
            bool inKey = false;
            for (int i = 0; i < json.Length; i++)
            {
                if (json[i] == '"')
                {
                    inKey = !inKey;
                    properties += inKey ? 1 : 0;
                }
                else if (inKey)
                {
                    keyBytes++;
                }
            }

            int longest = 2 + keyBytes + (properties * (2 + 1 + 20)) + (properties - 1);
            Check.True(properties >= 9, "read the JSON: " + json);
            Check.True(longest <= DeviceSettings.MaxDiagnosticsBytes, "diagnostics of up to " + longest.ToString() + " bytes fit DeviceSettings.MaxDiagnosticsBytes");
        }

        /// <summary>The largest size from <paramref name="low"/> (accepted) up to <paramref name="high"/> (refused) the parser accepts.</summary>
        private static int LargestAccepted(ConfigOfSize configOf, int low, int high)
        {
            // as RuntimeRig runs them: MQTT 3.1.1, whose packets the runtime's bytes are counted in
            Check.True(ConfigText.Parse(RuntimeRig.Version311Unless5(configOf(low))).Succeeded, "the smallest is accepted");
            Check.False(ConfigText.Parse(RuntimeRig.Version311Unless5(configOf(high))).Succeeded, "the largest is refused");
            while (high - low > 1)
            {
                int middle = (low + high) / 2;
                if (ConfigText.Parse(RuntimeRig.Version311Unless5(configOf(middle))).Succeeded)
                {
                    low = middle;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }

        private static string ClientIdConfig(int size)
        {
            // discovery off: a long client id would make too long a unique_id first
            return "[broker]\nhost = 127.0.0.1\nclient_id = " + ConfigPacketLimitTests.Long('c', size) + "\n" + Device + "discovery = off\n";
        }

        private static string DiscoveryConfig(int size)
        {
            return "[broker]\nhost = 127.0.0.1\n" + Device + "[sensor climate]\ntype = sht3x\ntopic = " + ConfigPacketLimitTests.Long('t', size) + "\n";
        }

        private static string LightsConfig(int size)
        {
            // discovery off: the lights' discovery configs carry both topics and would be too long first
            return "[broker]\nhost = 127.0.0.1\n" + Device + "discovery = off\n[light a]\npin = 25\ntopic = a/" + ConfigPacketLimitTests.Long('a', 500)
                + "\n[light b]\npin = 26\ntopic = b/" + ConfigPacketLimitTests.Long('b', size) + "\n";
        }
    }
}
