using HomeNode.App.Runtime;
using HomeNode.Mqtt;
using HomeNode.Tests.App;
using HomeNode.Tests.Mqtt;

namespace HomeNode.Tests.Runtime
{
    /// <summary>The runtime with protocol = 5: the CONNECT, the fall-back to 3.1.1, answers to requests, expiring commands, reading aliases.</summary>
    public static class Version5RuntimeTests
    {
        private const string Command = RuntimeRig.Base + "/ceiling/set";

        /// <summary>The default test configuration with protocol = 5 (a property, not a const: ConfigText.Minimal says why).</summary>
        public static string Config
        {
            get
            {
                return "[broker]\nhost = 127.0.0.1\nprotocol = 5\n[device]\nname = kitchen\nbase_topic = ourhome/firstfloor/kitchen\noffline_queue = 4\n" +
                    "[sensor climate]\ntype = sht3x\ntopic = ourhome/firstfloor/kitchen\nperiod = 10\n[light ceiling]\npin = 26\n";
            }
        }

        public static void ConnectIsVersion5WithTheSessionExpiry()
        {
            RuntimeRig rig = new RuntimeRig(Config);
            rig.Runtime.Start();
            rig.Runtime.Poll();
            Check.Equal(5, ProtocolLevel(rig), "protocol level 5 (MQTT 5.0 §3.1.2.2)");
            Check.Equal(0, ConnectFlags(rig) & 0x02, "no Clean Start: the session lives session_expiry");
            Check.True(LastIndexOf(rig.Transport.SentBytes, rig.Transport.SentCount, HexBytes.Parse("11 00 01 51 80")) > 0, "Session Expiry Interval 86400 (§3.1.2.11.2)");

            rig = new RuntimeRig("[broker]\nhost = 127.0.0.1\nprotocol = 5\nsession_expiry = 0\n[device]\nname = kitchen\nbase_topic = ourhome/kitchen\n");
            rig.Runtime.Start();
            rig.Runtime.Poll();
            Check.Equal(0x02, ConnectFlags(rig) & 0x02, "session_expiry = 0: Clean Start");
        }

        public static void SubscribesToCommandsAtQos1AndToDiagnosticsRequests()
        {
            RuntimeRig rig = new RuntimeRig(Config);
            rig.StartConnected(string.Empty);
            SentPacket subscribe = rig.Sent().First(MqttPacketType.Subscribe);
            Check.Equal(Command + " homeassistant/status homeassistant/+/homenode-kitchen/+/config " + RuntimeRig.Base + "/diag/get", subscribe.Filters, "filters");
            Check.Equal("01 01 00 00", subscribe.Options, "commands at QoS 1 (they can expire), diagnostics requests at QoS 0");
            Check.Equal(RuntimeRig.Base + "/diag/get", rig.Runtime.DiagnosticsRequestTopic, "the request topic");
        }

        public static void UnsupportedProtocolVersionFallsBackOnceTo311()
        {
            RecordingLog log = new RecordingLog();
            RuntimeRig rig = new RuntimeRig(Config, new ScriptedHardware(), log);
            rig.Runtime.Start();
            rig.Runtime.Poll();
            rig.Transport.ClearSent();
            rig.Transport.Deliver(HexBytes.Parse("20 03 00 84 00")); // MQTT 5.0 §3.2.2.2: 0x84 Unsupported Protocol Version
            rig.Runtime.Poll();
            Check.Equal(1, rig.Runtime.Counters.ProtocolFallbacks, "fell back");
            Check.Equal((int)MqttProtocolVersion.V311, (int)rig.Runtime.ProtocolVersion, "3.1.1 from now on");
            Check.True(log.IndexOf("mqtt: the broker does not take MQTT 5.0 (RefusedProtocolVersion); using MQTT 3.1.1 until restart") >= 0, "said so: " + log.All());

            rig.Run(3000, 100);
            Check.Equal(4, ProtocolLevel(rig), "the next CONNECT is 3.1.1 (level 4)");
            Check.Equal(0, ConnectFlags(rig) & 0x02, "session kept as session_expiry says (clean session off)");
            rig.Transport.ClearSent();
            rig.Transport.Deliver(HexBytes.Parse("20 02 00 00"));
            rig.Runtime.Poll();
            Check.Equal(RuntimeStatus.Online, rig.Runtime.Status, "online on 3.1.1");
            Check.True(log.IndexOf("mqtt: connected") >= 0, "connected");
            rig.AcknowledgeAll();
            rig.Deliver(RuntimeRig.Base + "/diag/get", "x", false);
            Check.True(rig.Sent().First(MqttPacketType.Subscribe).Filters.IndexOf("diag/get") < 0, "no diagnostics requests on 3.1.1");

            // once: a later refusal of 3.1.1 does not switch again
            rig.Transport.PeerClosed = true;
            rig.Runtime.Poll();
            rig.Run(3000, 100);
            Check.Equal(4, ProtocolLevel(rig), "still 3.1.1");
            Check.Equal(1, rig.Runtime.Counters.ProtocolFallbacks, "once");
        }

        public static void ReturnCode1To5FallsBack()
        {
            RuntimeRig rig = new RuntimeRig(Config);
            rig.Runtime.Start();
            rig.Runtime.Poll();
            rig.Transport.Deliver(HexBytes.Parse("20 02 00 01")); // MQTT 3.1.1 §3.2.2.3: 0x01 unacceptable protocol version
            rig.Runtime.Poll();
            Check.Equal(1, rig.Runtime.Counters.ProtocolFallbacks, "fell back");
            rig.Transport.ClearSent();
            rig.Run(3000, 100);
            Check.Equal(4, ProtocolLevel(rig), "3.1.1 next");
        }

        public static void CloseBeforeConnAckFallsBackOnlyBeforeAnyVersion5Connection()
        {
            RuntimeRig rig = new RuntimeRig(Config);
            rig.StartConnected(string.Empty);
            rig.Transport.PeerClosed = true;
            rig.Runtime.Poll();
            rig.Transport.ClearSent();
            rig.Run(3000, 100);
            Check.Equal(5, ProtocolLevel(rig), "reconnects with 5.0");
            rig.Transport.PeerClosed = true; // closed after the CONNECT, no CONNACK: the broker took 5.0 before, so not the version
            rig.Runtime.Poll();
            Check.Equal(0, rig.Runtime.Counters.ProtocolFallbacks, "no fall-back");

            rig = new RuntimeRig(Config);
            rig.Runtime.Start();
            rig.Runtime.Poll();
            rig.Transport.PeerClosed = true; // MQTT 3.1.1 §3.1.2.2: a server may close on a level it does not support
            rig.Runtime.Poll();
            Check.Equal(1, rig.Runtime.Counters.ProtocolFallbacks, "closed before any 5.0 CONNACK: fall back");
            rig.Transport.ClearSent();
            rig.Run(3000, 100);
            Check.Equal(4, ProtocolLevel(rig), "3.1.1 next");
        }

        public static void LightCommandWithResponseTopicIsAnswered()
        {
            RuntimeRig rig = new RuntimeRig(Config);
            rig.StartConnected(string.Empty);
            rig.AcknowledgeAll();
            rig.Transport.ClearSent();
            BrokerScript.PublishVersion5(rig.Transport, Command, "ON", 1, 7, "phone/answers", "AB CD 01", -1);
            rig.Runtime.Poll();
            Check.True(rig.Runtime.Lights[0].IsOn, "carried out");
            SentPacket answer = rig.Sent().LastPublish("phone/answers");
            Check.True(answer != null, "answered on the Response Topic");
            Check.Equal("{\"light\":\"ceiling\",\"state\":\"ON\"}", answer.Payload, "the resulting state");
            Check.Equal("AB CD 01", answer.CorrelationData, "with the request's Correlation Data");
            Check.Equal(1, answer.Qos, "at the request's QoS");
            Check.Equal(0, answer.TopicAlias, "no alias: those are the readings'");

            BrokerScript.PublishVersion5(rig.Transport, Command, "BRIGHTER", 0, 0, "phone/answers", "02", -1);
            rig.Runtime.Poll();
            answer = rig.Sent().LastPublish("phone/answers");
            Check.Equal("{\"light\":\"ceiling\",\"state\":\"ON\",\"error\":\"" + RequestAnswerer.InvalidCommand + "\"}", answer.Payload, "the state kept and why");
            Check.Equal("02", answer.CorrelationData, "its own Correlation Data");
            Check.Equal(0, answer.Qos, "QoS 0 for a QoS 0 request");
            Check.Equal(1, rig.Runtime.Counters.InvalidCommands, "counted");
            Check.Equal(2, rig.Runtime.Counters.AnsweredRequests, "two answers");

            rig.Deliver(Command, "OFF", false);
            Check.Equal(2, rig.Runtime.Counters.AnsweredRequests, "a command without a Response Topic gets none");
        }

        public static void DiagnosticsGetIsAnsweredWithTheReport()
        {
            RuntimeRig rig = new RuntimeRig(Config);
            rig.StartConnected(string.Empty);
            rig.AcknowledgeAll();
            rig.Transport.ClearSent();
            BrokerScript.PublishVersion5(rig.Transport, Command, "ON", 0, 0, null, null, -1);
            BrokerScript.PublishVersion5(rig.Transport, RuntimeRig.Base + "/diag/get", string.Empty, 0, 0, "phone/diag", "0A 0B", -1);
            rig.Runtime.Poll();
            SentPacket answer = rig.Sent().LastPublish("phone/diag");
            Check.True(answer != null, "answered");
            Check.Equal("0A 0B", answer.CorrelationData, "correlated");
            Check.True(answer.Payload.IndexOf("{\"uptime_s\":") == 0, "the diagnostics JSON: " + answer.Payload);
            Check.True(answer.Payload.IndexOf("\"lights_on\":1") > 0, "with the lights that are on: " + answer.Payload);
            Check.True(answer.Payload.IndexOf("\"mqtt\":\"5.0\"") > 0, "and the protocol: " + answer.Payload);
        }

        public static void ExpiredCommandIsNotCarriedOut()
        {
            RuntimeRig rig = new RuntimeRig(Config);
            rig.StartConnected(string.Empty);
            rig.AcknowledgeAll();
            rig.Transport.ClearSent();

            // MQTT 5.0 §3.3.2.3.3: the broker forwards what is left of the expiry; nothing left means it ran out
            BrokerScript.PublishVersion5(rig.Transport, Command, "ON", 0, 0, "phone/answers", "01", 0);
            rig.Runtime.Poll();
            Check.False(rig.Runtime.Lights[0].IsOn, "not carried out");
            Check.Equal(1, rig.Runtime.Counters.ExpiredCommands, "counted");
            Check.Equal("{\"light\":\"ceiling\",\"state\":\"OFF\",\"error\":\"" + RequestAnswerer.ExpiredCommand + "\"}", rig.Sent().LastPublish("phone/answers").Payload, "answered with why");

            BrokerScript.PublishVersion5(rig.Transport, Command, "ON", 0, 0, null, null, 1);
            rig.Runtime.Poll();
            Check.True(rig.Runtime.Lights[0].IsOn, "time left: carried out");
            rig.Clock.Advance(61000);
            rig.Runtime.Poll();
            Check.True(rig.Sent().LastPublish(RuntimeRig.Base + "/diag").Payload.IndexOf("\"expired_commands\":1") > 0, "in diagnostics");
        }

        public static void CommandWithExpiryIsNotHeldUntilSubAck()
        {
            RuntimeRig rig = new RuntimeRig(Config);
            rig.Runtime.Start();
            rig.Runtime.Poll();
            rig.Transport.Deliver(HexBytes.Parse("20 03 00 00 00"));

            // the broker kept these for the session and sends them right after CONNACK, before our SUBACK
            BrokerScript.PublishVersion5(rig.Transport, Command, "ON", 1, 1, null, null, 30);
            BrokerScript.PublishVersion5(rig.Transport, Command, "TOGGLE", 1, 2, null, null, -1);
            rig.Runtime.Poll();
            Check.True(rig.Runtime.Lights[0].IsOn, "a command with time left on its expiry is carried out before the SUBACK");
            Check.Equal(1, rig.Runtime.Counters.Commands, "one carried out");
            Check.Equal(1, rig.Runtime.Counters.StaleCommands, "one without an expiry before the SUBACK: stale, as on 3.1.1");
        }

        public static void ReadingsGoByTopicAliasTheRestInFull()
        {
            RuntimeRig rig = new RuntimeRig(Config);
            rig.StartConnected("22 00 0A"); // Topic Alias Maximum 10 (§3.2.2.3.8)
            rig.AcknowledgeAll();
            rig.Run(10000, 1000);
            rig.AcknowledgeAll();
            SentPackets sent = rig.Sent();
            string temperature = RuntimeRig.Base + "/temperature";
            string humidity = RuntimeRig.Base + "/humidity";
            Check.Equal(2, sent.CountPublishes(temperature), "two rounds of readings: " + sent.Payloads(temperature));
            int first = sent.IndexOfPublish(temperature);
            Check.True(sent[first].TopicAlias > 0 && !sent[first].TopicByAliasOnly, "the first reading sets its alias with the topic");
            SentPacket second = sent.LastPublish(temperature);
            Check.True(second.TopicByAliasOnly && second.TopicAlias == sent[first].TopicAlias, "the next goes by the alias alone");
            Check.True(sent.LastPublish(humidity).TopicByAliasOnly && sent.LastPublish(humidity).TopicAlias != second.TopicAlias, "humidity has its own");
            for (int i = 0; i < sent.Count; i++)
            {
                if (sent[i].Type == MqttPacketType.Publish && sent[i].Topic != temperature && sent[i].Topic != humidity)
                {
                    Check.Equal(0, sent[i].TopicAlias, "no alias for " + sent[i].Topic);
                }
            }
        }

        public static void NoAliasesWhenTheBrokerAllowsNone()
        {
            RuntimeRig rig = new RuntimeRig(Config);
            rig.StartConnected(string.Empty); // no Topic Alias Maximum: 0, none (§3.2.2.3.8)
            rig.AcknowledgeAll();
            rig.Run(10000, 1000);
            rig.AcknowledgeAll();
            SentPacket reading = rig.Sent().LastPublish(RuntimeRig.Base + "/temperature");
            Check.True(reading != null && reading.TopicAlias == 0, "the topic in full");
        }

        public static void PublishesAskForNoMoreThanTheBrokerAllows()
        {
            RuntimeRig rig = new RuntimeRig(Config);
            rig.StartConnected("24 00 25 00"); // Maximum QoS 0 (§3.2.2.3.4), Retain Available 0 (§3.2.2.3.5)
            rig.AcknowledgeAll();
            rig.Run(10000, 1000);
            SentPackets sent = rig.Sent();
            Check.Equal(2, sent.CountPublishes(RuntimeRig.Base + "/temperature"), "the readings went: " + sent.Payloads(RuntimeRig.Base + "/temperature"));
            Check.True(sent.IndexOfPublish(RuntimeRig.Base + "/status") >= 0, "availability went");
            Check.True(sent.IndexOfPublish(RuntimeRig.Base + "/ceiling") >= 0, "the light's state went");
            for (int i = 0; i < sent.Count; i++)
            {
                if (sent[i].Type == MqttPacketType.Publish)
                {
                    Check.Equal(0, sent[i].Qos, "QoS 0 for " + sent[i].Topic);
                    Check.False(sent[i].Retain, "not retained: " + sent[i].Topic);
                }
            }

            Check.Equal(0, (int)rig.Runtime.Counters.RejectedPublishes, "nothing refused by the client");
        }

        public static void WillRefusedByTheBrokerAsksForLessNextTime()
        {
            RecordingLog log = new RecordingLog();
            RuntimeRig rig = new RuntimeRig(Config, new ScriptedHardware(), log);
            rig.Runtime.Start();
            rig.Runtime.Poll();
            Check.Equal(0x08 | 0x20, ConnectFlags(rig) & 0x38, "the will at QoS 1, retained");
            rig.Transport.Deliver(HexBytes.Parse("20 03 00 9B 00")); // 0x9B QoS not supported [MQTT-3.2.2-12]
            rig.Runtime.Poll();
            Check.True(log.IndexOf("mqtt: the broker takes no will at QoS 1 (0x9B QoS not supported); the will goes at QoS 0 until restart") >= 0, "said so: " + log.All());
            rig.Transport.ClearSent();
            rig.Run(3000, 100);
            Check.Equal(0x20, ConnectFlags(rig) & 0x38, "the will at QoS 0, still retained");
            Check.Equal(5, ProtocolLevel(rig), "still MQTT 5.0");

            rig.Transport.Deliver(HexBytes.Parse("20 03 00 9A 00")); // 0x9A Retain not supported [MQTT-3.2.2-13]
            rig.Runtime.Poll();
            Check.True(log.IndexOf("mqtt: the broker keeps no retained messages (0x9A Retain not supported); the will goes unretained until restart") >= 0, "said so: " + log.All());
            rig.Transport.ClearSent();
            rig.Run(3000, 100);
            Check.Equal(0x04, ConnectFlags(rig) & 0x3C, "a will, at QoS 0, not retained");
            Check.Equal(0, (int)rig.Runtime.Counters.ProtocolFallbacks, "no fall-back to 3.1.1");
        }

        private static int ProtocolLevel(RuntimeRig rig)
        {
            int start = ConnectStart(rig);
            return rig.Transport.SentBytes[start + 6];
        }

        private static int ConnectFlags(RuntimeRig rig)
        {
            int start = ConnectStart(rig);
            return rig.Transport.SentBytes[start + 7];
        }

        /// <summary>Where the last CONNECT's variable header starts (its protocol name's length).</summary>
        private static int ConnectStart(RuntimeRig rig)
        {
            int at = LastIndexOf(rig.Transport.SentBytes, rig.Transport.SentCount, HexBytes.Parse("00 04 4D 51 54 54"));
            Check.True(at > 0, "a CONNECT was sent");
            return at;
        }

        private static int LastIndexOf(byte[] bytes, int count, byte[] pattern)
        {
            int found = -1;
            for (int start = 0; start <= count - pattern.Length; start++)
            {
                int i = 0;
                while (i < pattern.Length && bytes[start + i] == pattern[i])
                {
                    i++;
                }

                if (i == pattern.Length)
                {
                    found = start;
                }
            }

            return found;
        }
    }
}
