using HomeNode.App.Runtime;
using HomeNode.Drivers;
using HomeNode.Mqtt;
using HomeNode.Tests.Runtime;

namespace HomeNode.Tests.Reliability
{
    /// <summary>
    /// Bad input from the broker and the hardware, table-driven: the firmware keeps running, counts what happened, and
    /// loses nothing else. (Malformed configuration files: tests/Portable/App/ConfigParserErrorTests and
    /// tests/Host/Reliability/ConfigFileErrorTableTests.)
    /// </summary>
    public static class RuntimeBadInputTests
    {
        private const string Base = RuntimeRig.Base;

        /// <summary>Payloads that are not ON, OFF, TOGGLE, 1, 0, true or false (hex, so any byte can be written).</summary>
        private static readonly string[] BadCommands = new string[]
        {
            "",                      // empty
            "20 09",                 // whitespace only (surrounding whitespace is ignored, so "ON " is valid)
            "4F 20 4E",              // "O N"
            "4F 4E 4E",              // "ONN"
            "4F",                    // "O"
            "32",                    // "2"
            "2D 31",                 // "-1"
            "79 65 73",              // "yes"
            "4F 4E 00",              // "ON" + NUL
            "FF FE 4F 00 4E 00",     // UTF-16 with BOM
            "C3 28",                 // invalid UTF-8
            "7B 22 73 74 61 74 65 22 3A 22 4F 4E 22 7D", // {"state":"ON"} (JSON schema is not supported)
        };

        public static void MalformedLightCommandsAreCountedAndLeaveTheLightAsItWas()
        {
            RuntimeRig rig = new RuntimeRig();
            rig.StartConnected();
            rig.AcknowledgeAll();
            rig.Transport.ClearSent();
            int writes = rig.Hardware.Pin(0).WriteCount;
            for (int i = 0; i < BadCommands.Length; i++)
            {
                DeliverRaw(rig, Utf8Text.Encode(Base + "/ceiling/set"), HexBytes.Parse(BadCommands[i]), 1, (ushort)(100 + i));
                Check.Equal(i + 1, rig.Runtime.Counters.InvalidCommands, "counted: " + BadCommands[i]);
                Check.False(rig.Runtime.Lights[0].IsOn, "light unchanged: " + BadCommands[i]);
                Check.Equal(RuntimeStatus.Online, rig.Runtime.Status, "still online: " + BadCommands[i]);
            }

            Check.Equal(writes, rig.Hardware.Pin(0).WriteCount, "the pin was not touched");
            Check.Equal(0, rig.Sent().CountPublishes(Base + "/ceiling"), "no state published");
            Check.Equal(0, rig.Runtime.Counters.Commands, "nothing carried out");
            Check.Equal(BadCommands.Length, CountPubAcks(rig.Sent()), "each QoS 1 command acknowledged all the same (the broker must not resend it)");

            rig.Deliver(Base + "/ceiling/set", "ON", false);
            Check.True(rig.Runtime.Lights[0].IsOn, "a good command still works");
        }

        public static void OversizedIncomingMessagesAreSkippedCountedAndTheConnectionSurvives()
        {
            int[] sizes = new int[] { HomeNodeRuntime.PacketBufferBytes, HomeNodeRuntime.PacketBufferBytes * 3, 60000 };
            int[] qos = new int[] { 0, 1, 1 };
            RuntimeRig rig = new RuntimeRig();
            rig.StartConnected();
            rig.AcknowledgeAll();
            for (int i = 0; i < sizes.Length; i++)
            {
                rig.Transport.ClearSent();
                byte[] payload = new byte[sizes[i]];
                for (int b = 0; b < payload.Length; b++)
                {
                    payload[b] = (byte)'O';
                }

                rig.Transport.MaxReadChunk = 700; // it arrives in pieces, as from a socket
                DeliverRaw(rig, Utf8Text.Encode(Base + "/ceiling/set"), payload, qos[i], (ushort)(200 + i));
                for (int p = 0; p < 200 && rig.Transport.PendingIncoming > 0; p++)
                {
                    rig.Runtime.Poll();
                }

                Check.Equal(i + 1, rig.Runtime.Client.OversizedPacketsSkipped, "skipped and counted: " + sizes[i].ToString() + " bytes");
                Check.Equal(RuntimeStatus.Online, rig.Runtime.Status, "connection survives");
                Check.Equal(qos[i], CountPubAcks(rig.Sent()), "QoS 1 acknowledged although skipped (not resent forever)");
            }

            rig.Transport.MaxReadChunk = 0;
            rig.Deliver(Base + "/ceiling/set", "ON", false);
            Check.True(rig.Runtime.Lights[0].IsOn, "the stream is still in sync: the next command works");
            Check.Equal(0, rig.Runtime.Counters.InvalidCommands, "a skipped message is not an invalid command");
        }

        /// <summary>Topic names that break MQTT UTF-8 (§1.5.3) or carry wildcards (§3.3.2.1), as hex.</summary>
        private static readonly string[] BadTopics = new string[]
        {
            "61 2F C3 28",      // invalid continuation byte
            "61 2F ED A0 80",   // U+D800, a surrogate
            "61 2F C0 AF",      // overlong '/'
            "61 2F 00 62",      // U+0000
            "61 2F F8 88 80 80 80", // five-byte form
            "61 2F 2B 2F 62",   // '+' in a topic name
            "61 2F 23",         // '#' in a topic name
        };

        public static void AnInvalidTopicFromTheBrokerClosesTheConnectionAndTheRuntimeReconnectsLosingNothing()
        {
            for (int t = 0; t < BadTopics.Length; t++)
            {
                RuntimeRig rig = new RuntimeRig();
                rig.Hardware.Sensor(0).TemperatureStep = 0.5;
                rig.StartConnected();
                rig.AcknowledgeAll();
                int reads = rig.Hardware.Sensor(0).Reads;

                // A reading is in flight (not acknowledged) when the bad packet arrives.
                rig.Run(10000, 100);
                Check.Equal(reads + 1, rig.Hardware.Sensor(0).Reads, "second reading taken");
                rig.Transport.Deliver(Publish(HexBytes.Parse(BadTopics[t]), HexBytes.Ascii("x"), 0, 0));
                Check.Equal(MqttStatus.MalformedTopic, rig.Runtime.Client.Poll(), "closed with MalformedTopic: " + BadTopics[t]);
                Check.Equal(RuntimeStatus.WaitingToReconnect, rig.Runtime.Status, "waiting to reconnect");

                // Readings go on while it is away; it comes back after the backoff and resumes its session.
                for (int step = 0; step < 250; step++)
                {
                    rig.Clock.Advance(100);
                    rig.Runtime.Poll();
                    if (rig.Runtime.Status == RuntimeStatus.Connecting)
                    {
                        rig.Transport.Deliver(HexBytes.Parse("20 02 01 00"));
                        rig.Runtime.Poll();
                    }
                }

                Check.Equal(RuntimeStatus.Online, rig.Runtime.Status, "back online");
                Check.Equal(1, rig.Runtime.Counters.Reconnects, "one reconnect");
                rig.AcknowledgeAll();
                rig.Runtime.Poll();

                int taken = rig.Hardware.Sensor(0).Reads;
                string published = rig.Sent().Payloads(Base + "/temperature");
                for (int r = 0; r < taken; r++)
                {
                    string value = FormatTenths(210 + (5 * r));
                    Check.True(Contains(published, value), "reading " + value + " published (" + BadTopics[t] + "): " + published);
                }

                Check.Equal(0, rig.Runtime.Client.Inflight.Count, "everything acknowledged");
                Check.Equal(0, rig.Runtime.Queue.DroppedCount, "nothing dropped");
            }
        }

        /// <summary>How a sensor fails: no answer, bad checksum, a value out of range, a driver that throws, no device at all.</summary>
        public static void ASensorThatNeverAnswersIsCountedPublishesNothingAndTheOthersCarryOn()
        {
            SensorReadStatus[] failures = new SensorReadStatus[] { SensorReadStatus.NoResponse, SensorReadStatus.ChecksumMismatch, SensorReadStatus.OutOfRange, SensorReadStatus.Ok };
            for (int f = 0; f < failures.Length; f++)
            {
                RuntimeRig rig = new RuntimeRig(
                    RuntimeRig.DefaultConfig +
                    "[sensor attic]\n" +
                    "type = sht3x\n" +
                    "address = 0x45\n" +
                    "topic = ourhome/attic\n" +
                    "period = 10\n");
                ScriptedSensor attic = rig.Hardware.Sensor(1);
                if (failures[f] == SensorReadStatus.Ok)
                {
                    attic.Throws = true;
                }
                else
                {
                    attic.Failure = failures[f];
                }

                rig.Hardware.Sensor(0).TemperatureStep = 0.5;
                rig.StartConnected();
                for (int second = 0; second < 60; second++)
                {
                    rig.Run(1000, 250);
                    rig.AcknowledgeAll();
                }

                string what = failures[f] == SensorReadStatus.Ok ? "driver throws" : Describe(failures[f]);
                SentPackets sent = rig.Sent();
                Check.True(attic.Reads >= 6, "kept trying: " + what);
                Check.Equal(attic.Reads, rig.Runtime.Counters.FailedReads, "every failed read counted: " + what);
                Check.Equal(attic.Reads, rig.Runtime.Sensors[1].FailedReads, "per sensor too: " + what);
                Check.Equal(0, sent.CountPublishes("ourhome/attic/temperature") + sent.CountPublishes("ourhome/attic/humidity"), "nothing published for it: " + what);
                Check.Equal(rig.Hardware.Sensor(0).Reads, sent.CountPublishes(Base + "/temperature"), "the other sensor published every reading: " + what);
                Check.Equal(RuntimeStatus.Online, rig.Runtime.Status, "still online: " + what);
                SentPacket diagnostics = sent.LastPublish(Base + "/diag");
                Check.True(diagnostics != null && diagnostics.Payload.IndexOf("\"failed_reads\":") >= 0, "reported in diagnostics: " + what);
            }
        }

        /// <summary>The failure's name; Enum.ToString gives the number on nanoCLR, or throws for an element of an enum array.</summary>
        private static string Describe(SensorReadStatus status)
        {
            switch (status)
            {
                case SensorReadStatus.NoResponse:
                    return "NoResponse";
                case SensorReadStatus.ChecksumMismatch:
                    return "ChecksumMismatch";
                case SensorReadStatus.OutOfRange:
                    return "OutOfRange";
                default:
                    return "status " + ((int)status).ToString();
            }
        }

        private static bool Contains(string spaceSeparated, string value)
        {
            string padded = " " + spaceSeparated + " ";
            return padded.IndexOf(" " + value + " ") >= 0;
        }

        /// <summary>21.0, 21.5, 22.0 ... as the runtime formats them with one decimal (the default).</summary>
        private static string FormatTenths(int tenths)
        {
            return (tenths / 10).ToString() + "." + (tenths % 10).ToString();
        }

        private static int CountPubAcks(SentPackets sent)
        {
            int count = 0;
            for (int i = 0; i < sent.Count; i++)
            {
                if (sent[i].Type == MqttPacketType.PubAck)
                {
                    count++;
                }
            }

            return count;
        }

        private static void DeliverRaw(RuntimeRig rig, byte[] topic, byte[] payload, int qos, ushort packetId)
        {
            rig.Transport.Deliver(Publish(topic, payload, qos, packetId));
            rig.Runtime.Poll();
        }

        /// <summary>PUBLISH (MQTT 3.1.1 §3.3) with a multi-byte remaining length when needed (§2.2.3).</summary>
        private static byte[] Publish(byte[] topic, byte[] payload, int qos, ushort packetId)
        {
            int remaining = 2 + topic.Length + (qos > 0 ? 2 : 0) + payload.Length;
            byte[] packet = new byte[1 + 4 + remaining];
            int at = 0;
            packet[at++] = (byte)(0x30 | (qos << 1));
            int value = remaining;
            do
            {
                int digit = value & 0x7F;
                value >>= 7;
                packet[at++] = (byte)(value > 0 ? digit | 0x80 : digit);
            }
            while (value > 0);
            packet[at++] = (byte)(topic.Length >> 8);
            packet[at++] = (byte)topic.Length;
            System.Array.Copy(topic, 0, packet, at, topic.Length);
            at += topic.Length;
            if (qos > 0)
            {
                packet[at++] = (byte)(packetId >> 8);
                packet[at++] = (byte)packetId;
            }

            System.Array.Copy(payload, 0, packet, at, payload.Length);
            at += payload.Length;
            byte[] exact = new byte[at];
            System.Array.Copy(packet, 0, exact, 0, at);
            return exact;
        }
    }
}
