using HomeNode.App.Runtime;
using HomeNode.Drivers;
using HomeNode.Mqtt;
using HomeNode.Tests.App;
using HomeNode.Tests.Mqtt;

namespace HomeNode.Tests.Runtime
{
    /// <summary>The firmware loop on a scripted transport: what it sends, in which order, and what it does offline.</summary>
    public static class HomeNodeRuntimeTests
    {
        private const string Base = RuntimeRig.Base;

        public static void ConnectCarriesTheAvailabilityWillAndAStableClientId()
        {
            RuntimeRig rig = new RuntimeRig();
            rig.Runtime.Start();
            rig.Runtime.Poll();
            Check.Equal(MqttPacketType.Connect, rig.Sent()[0].Type, "first packet");
            byte[] sent = rig.Transport.SentBytes;

            // Connect flags (§3.1.2.3): will retain 20 | will QoS 1 08 | will 04; clean session off by default.
            Check.Equal(0x2C, sent[9], "connect flags");
            Check.Equal(60, (sent[10] << 8) | sent[11], "keep-alive");
            int count = rig.Transport.SentCount - 12;
            Check.True(Ascii.Contains(sent, 12, count, "homenode-kitchen"), "client id derived from the device name");
            Check.True(Ascii.Contains(sent, 12, count, Base + "/status"), "will topic");
            Check.True(Ascii.Contains(sent, 12, count, "offline"), "will payload");
            Check.Equal("homenode-kitchen", rig.Runtime.ClientId, "client id");
        }

        public static void OnConnectItSubscribesAnnouncesAndPublishes()
        {
            RuntimeRig rig = new RuntimeRig();
            rig.StartConnected();
            SentPackets sent = rig.AcknowledgeAll();

            SentPacket subscribe = sent.First(MqttPacketType.Subscribe);
            Check.Equal(Base + "/ceiling/set homeassistant/status homeassistant/+/homenode-kitchen/+/config", subscribe.Filters, "command topics, Home Assistant status, own discovery configs");

            SentPacket birth = sent.LastPublish(Base + "/status");
            Check.Equal("online", birth.Payload, "birth");
            Check.True(birth.Retain, "birth retained");
            Check.Equal(1, birth.Qos, "birth QoS");

            SentPacket light = sent.LastPublish(Base + "/ceiling");
            Check.Equal("OFF", light.Payload, "light state at power-on");
            Check.True(light.Retain, "light state retained");

            Check.True(sent.LastPublish("homeassistant/sensor/homenode-kitchen/kitchen_climate_temperature/config") != null, "temperature discovery");
            Check.True(sent.LastPublish("homeassistant/sensor/homenode-kitchen/kitchen_climate_humidity/config") != null, "humidity discovery");
            SentPacket lightConfig = sent.LastPublish("homeassistant/light/homenode-kitchen/kitchen_ceiling/config");
            Check.True(lightConfig != null && lightConfig.Retain, "light discovery retained");
            Check.True(lightConfig.Payload.IndexOf("\"command_topic\":\"" + Base + "/ceiling/set\"") >= 0, "command topic in discovery: " + lightConfig.Payload);

            SentPacket temperature = sent.LastPublish(Base + "/temperature");
            Check.Equal("21.0", temperature.Payload, "temperature with one decimal");
            Check.Equal(1, temperature.Qos, "readings at QoS 1");
            Check.False(temperature.Retain, "readings not retained");
            Check.Equal("45.0", sent.LastPublish(Base + "/humidity").Payload, "humidity");

            SentPacket diagnostics = sent.LastPublish(Base + "/diag");
            Check.True(diagnostics != null, "diagnostics published");
            Check.True(diagnostics.Payload.IndexOf("\"free_memory\":123456") >= 0, "free memory: " + diagnostics.Payload);
            Check.True(diagnostics.Payload.IndexOf("\"wifi_rssi_dbm\":-61") >= 0, "wifi signal: " + diagnostics.Payload);

            Check.True(sent.IndexOfPublish(Base + "/status") < sent.IndexOfPublish(Base + "/temperature"), "online before the readings");
        }

        public static void ATransportThatTakesAFewBytesAPollStillGetsEverythingOut()
        {
            // The client no longer waits for a busy transport: what it cannot take now waits for a later poll, and the
            // runtime must retry what the client refuses meanwhile (SendInProgress) rather than count it rejected.
            RuntimeRig rig = new RuntimeRig();
            rig.Runtime.Start();
            rig.Runtime.Poll();
            rig.Transport.ClearSent();
            rig.Transport.WriteBudget = 5;
            rig.Transport.Deliver(HexBytes.Parse("20 02 00 00"));
            for (int i = 0; i < 200; i++)
            {
                rig.Runtime.Poll();
                rig.Transport.WriteBudget = 5;
            }

            rig.Transport.WriteBudget = -1;
            rig.Runtime.Poll();
            SentPackets sent = rig.AcknowledgeAll();
            Check.Equal(Base + "/ceiling/set homeassistant/status homeassistant/+/homenode-kitchen/+/config", sent.First(MqttPacketType.Subscribe).Filters, "subscribed");
            SentPacket birth = sent.LastPublish(Base + "/status");
            Check.True(birth != null && birth.Payload == "online", "birth published");
            Check.True(sent.LastPublish(Base + "/ceiling") != null, "light state published");
            Check.True(sent.LastPublish("homeassistant/light/homenode-kitchen/kitchen_ceiling/config") != null, "discovery published");
        }

        public static void LightCommandsSwitchThePinAndTheRetainedStateFollows()
        {
            RuntimeRig rig = new RuntimeRig();
            rig.StartConnected();
            rig.AcknowledgeAll();
            rig.Transport.ClearSent();

            rig.Deliver(Base + "/ceiling/set", "on", false);
            Check.True(rig.Hardware.Pin(0).LastLevel, "pin high (active high)");
            Check.True(rig.Runtime.Lights[0].IsOn, "light on");
            SentPacket state = rig.Sent().LastPublish(Base + "/ceiling");
            Check.Equal("ON", state.Payload, "state follows");
            Check.True(state.Retain, "retained");
            rig.AcknowledgeAll();
            rig.Transport.ClearSent();

            rig.Deliver(Base + "/ceiling/set", "TOGGLE", false);
            Check.False(rig.Hardware.Pin(0).LastLevel, "toggled off");
            Check.Equal("OFF", rig.Sent().LastPublish(Base + "/ceiling").Payload, "state OFF");
            rig.AcknowledgeAll();
            rig.Transport.ClearSent();

            rig.Deliver(Base + "/ceiling/set", "brighter", false);
            Check.Equal(1, rig.Runtime.Counters.InvalidCommands, "counted");
            Check.False(rig.Runtime.Lights[0].IsOn, "unchanged");
            Check.Equal(0, rig.Sent().CountPublishes(Base + "/ceiling"), "no state publish for a bad command");
            Check.Equal(2, rig.Runtime.Counters.Commands, "two commands carried out");
        }

        public static void ActiveLowLightDrivesThePinLow()
        {
            RuntimeRig rig = new RuntimeRig(RuntimeRig.DefaultConfig + "active_low = true\n");
            rig.StartConnected();
            Check.True(rig.Hardware.Pin(0).LastLevel, "off is high on an active-low relay");
            rig.AcknowledgeAll(); // commands count from the SUBACK on
            rig.Deliver(Base + "/ceiling/set", "1", false);
            Check.False(rig.Hardware.Pin(0).LastLevel, "on is low");
        }

        public static void ReadingsTakenOfflineArePublishedInOrderAndTheOldestDropped()
        {
            RuntimeRig rig = new RuntimeRig();
            rig.Transport.OpenSucceeds = false;
            rig.Runtime.Start();
            ScriptedSensor sensor = rig.Hardware.Sensor(0);
            sensor.TemperatureStep = 1;
            rig.Runtime.Poll();
            rig.Run(25000, 100); // reads at 0, 10 s, 20 s: six readings in a queue of four
            Check.Equal(3, sensor.Reads, "three reads");
            Check.Equal(4, rig.Runtime.Queue.Count, "queue full");
            Check.Equal(2, rig.Runtime.Queue.DroppedCount, "the two oldest dropped");

            sensor.Failure = SensorReadStatus.NoResponse; // nothing more joins the queue while we wait for the backoff
            rig.Transport.OpenSucceeds = true;
            rig.Transport.ClearSent();
            for (int i = 0; i < 1200 && rig.Transport.SentCount == 0; i++)
            {
                rig.Clock.Advance(100);
                rig.Runtime.Poll();
            }

            Check.Equal(MqttPacketType.Connect, rig.Sent()[0].Type, "reconnects within the backoff");
            rig.Transport.Deliver(HexBytes.Parse("20 02 00 00"));
            rig.Runtime.Poll();
            SentPackets sent = rig.AcknowledgeAll();
            Check.Equal("22.0 23.0", sent.Payloads(Base + "/temperature"), "newest temperatures, in order");
            Check.Equal("45.0 45.0", sent.Payloads(Base + "/humidity"), "their humidities");
            Check.True(sent.IndexOfPublish(Base + "/temperature") < sent.IndexOfPublish(Base + "/humidity"), "in the order taken");
            Check.Equal(0, rig.Runtime.Queue.Count, "queue drained");
        }

        public static void ZeroOfflineQueueKeepsNothingOfflineButPublishesOnline()
        {
            RuntimeRig rig = new RuntimeRig(RuntimeRig.ConfigWithOfflineQueue(0));
            rig.Transport.OpenSucceeds = false;
            rig.Runtime.Start();
            rig.Run(20500, 100);
            Check.Equal(0, rig.Runtime.Queue.Count, "nothing kept offline");
            Check.Equal(6, rig.Runtime.Queue.DroppedCount, "three rounds of two readings dropped and counted");

            rig.Transport.OpenSucceeds = true;
            for (int i = 0; i < 1200 && rig.Runtime.Status != RuntimeStatus.Connecting; i++)
            {
                rig.Clock.Advance(100);
                rig.Runtime.Poll();
            }

            rig.Transport.ClearSent();
            rig.Transport.Deliver(HexBytes.Parse("20 02 00 00"));
            rig.Runtime.Poll();
            rig.AcknowledgeAll();
            rig.Transport.ClearSent();
            rig.Run(10000, 1000);
            SentPackets sent = rig.AcknowledgeAll();
            Check.Equal(1, sent.CountPublishes(Base + "/temperature"), "online, the next reading goes out");
            Check.Equal(1, sent.CountPublishes(Base + "/humidity"), "with its humidity");
        }

        public static void AFailedReadIsCountedAndNeverPublished()
        {
            RuntimeRig rig = new RuntimeRig();
            rig.Runtime.Start();
            rig.Hardware.Sensor(0).Failure = SensorReadStatus.ChecksumMismatch;
            rig.Runtime.Poll();
            rig.Transport.Deliver(HexBytes.Parse("20 02 00 00"));
            rig.Runtime.Poll();
            SentPackets sent = rig.AcknowledgeAll();
            Check.Equal(0, sent.CountPublishes(Base + "/temperature"), "nothing published for a failed read");
            Check.Equal(1, rig.Runtime.Counters.FailedReads, "counted");
            Check.Equal(SensorReadStatus.ChecksumMismatch, rig.Runtime.Sensors[0].LastStatus, "status kept");

            rig.Hardware.Sensor(0).Failure = SensorReadStatus.Ok;
            rig.Hardware.Sensor(0).Throws = true;
            rig.Run(10000, 1000);
            Check.Equal(2, rig.Runtime.Counters.FailedReads, "a throwing driver counts as a failed read");

            rig.Hardware.Sensor(0).Throws = false;
            rig.Transport.ClearSent();
            rig.Run(10000, 1000);
            Check.Equal("21.0", rig.Sent().LastPublish(Base + "/temperature").Payload, "the sensor recovers");
        }

        public static void MissingSensorCountsEveryReadAsFailed()
        {
            ScriptedHardware hardware = new ScriptedHardware();
            hardware.MissingSensors = true;
            RuntimeRig rig = new RuntimeRig(RuntimeRig.DefaultConfig, hardware);
            rig.StartConnected();
            rig.Run(30000, 1000);
            SentPackets sent = rig.AcknowledgeAll();
            Check.Equal(0, sent.CountPublishes(Base + "/temperature"), "nothing published");
            Check.Equal(4, rig.Runtime.Counters.FailedReads, "reads at 0, 10, 20 and 30 s all failed");
            Check.Equal(SensorReadStatus.NoResponse, rig.Runtime.Sensors[0].LastStatus, "no response");
            Check.True(rig.Runtime.Client.IsConnected, "the rest keeps running");
        }

        public static void ConnectAttemptsBackOffAndNeverComeFasterThanOneASecond()
        {
            RuntimeRig rig = new RuntimeRig();
            rig.Transport.OpenSucceeds = false;
            rig.Runtime.Start();
            long[] attempts = new long[64];
            int count = 0;
            int opens = 0;
            for (int i = 0; i < 6000; i++)
            {
                rig.Runtime.Poll();
                if (rig.Transport.OpenCount != opens)
                {
                    opens = rig.Transport.OpenCount;
                    attempts[count++] = rig.Clock.Now;
                }

                rig.Clock.Advance(100);
            }

            Check.True(count >= 8, "kept trying: " + count.ToString());
            long previousGap = 0;
            for (int i = 1; i < count; i++)
            {
                long gap = attempts[i] - attempts[i - 1];
                Check.True(gap >= 1000, "at least 1 s between CONNECTs, got " + gap.ToString());
                Check.True(gap <= 60100, "never more than the 60 s cap, got " + gap.ToString());
                if (i < 5)
                {
                    Check.True(gap >= previousGap / 2, "grows while below the cap");
                }

                previousGap = gap;
            }

            Check.True(attempts[count - 1] - attempts[count - 2] >= 30000, "reaches the cap's range (equal jitter: at least half of 60 s)");
            Check.Equal(count, rig.Runtime.Counters.FailedConnects, "every attempt counted as failed");
        }

        public static void RefusedConnectionsBackOffToo()
        {
            RuntimeRig rig = new RuntimeRig();
            rig.Runtime.Start();
            int refusals = 0;
            long last = -1;
            for (int i = 0; i < 600; i++)
            {
                rig.Runtime.Poll();
                if (rig.Runtime.Status == RuntimeStatus.Connecting)
                {
                    Check.True(last < 0 || rig.Clock.Now - last >= 1000, "one CONNECT per second at most");
                    last = rig.Clock.Now;
                    rig.Transport.Deliver(HexBytes.Parse("20 02 00 05"));
                    rig.Runtime.Poll();
                    refusals++;
                }

                rig.Clock.Advance(100);
            }

            Check.True(refusals >= 4 && refusals <= 7, "1, 2, 4, 8, 16 s ... over one minute: " + refusals.ToString());
        }

        /// <summary>Issue 10 item 3, through the whole runtime: accepted and dropped at once, 79 CONNECTs in 120 s before.</summary>
        public static void ABrokerThatAcceptsAndDropsGetsNoReconnectStorm()
        {
            RuntimeRig rig = new RuntimeRig();
            rig.Transport.CloseWhenDrained = true;
            rig.Runtime.Start();
            for (int i = 0; i < 1200; i++)
            {
                if (!rig.Transport.IsOpen && rig.Transport.PendingIncoming == 0)
                {
                    rig.Transport.Deliver(HexBytes.Parse("20 02 00 00")); // the next connection's CONNACK, then the end of the stream
                }

                rig.Runtime.Poll();
                rig.Clock.Advance(100);
            }

            int connects = rig.Transport.OpenCount;
            Check.True(connects >= 5 && connects <= 10, "CONNECTs in 120 s: " + connects.ToString());
            Check.Equal(connects - 1, rig.Runtime.Counters.Reconnects, "every one accepted");
        }

        public static void NetworkLossDropsTheConnectionAndWaits()
        {
            RuntimeRig rig = new RuntimeRig();
            rig.StartConnected();
            rig.Hardware.NetworkUp = false;
            rig.Runtime.Poll();
            Check.Equal(RuntimeStatus.WaitingForNetwork, rig.Runtime.Status, "waiting for Wi-Fi");
            Check.False(rig.Transport.IsOpen, "socket closed");
            int opens = rig.Transport.OpenCount;
            rig.Run(120000, 500);
            Check.Equal(opens, rig.Transport.OpenCount, "no CONNECT without a network");

            rig.Hardware.NetworkUp = true;
            rig.Run(5000, 100);
            Check.Equal(opens + 1, rig.Transport.OpenCount, "reconnects once the network is back");
            rig.Transport.Deliver(HexBytes.Parse("20 02 01 00"));
            rig.Runtime.Poll();
            Check.Equal(1, rig.Runtime.Counters.Reconnects, "counted as a reconnect");
        }

        public static void RestoreTakesTheRetainedStateFromTheBroker()
        {
            RuntimeRig rig = new RuntimeRig(RuntimeRig.DefaultConfig + "power_on = restore\n");
            rig.StartConnected();
            SentPackets sent = rig.AcknowledgeAll();
            Check.Equal(Base + "/ceiling/set " + Base + "/ceiling homeassistant/status homeassistant/+/homenode-kitchen/+/config", sent.First(MqttPacketType.Subscribe).Filters, "subscribes to its own state");
            Check.Equal(0, sent.CountPublishes(Base + "/ceiling"), "does not overwrite the retained state before reading it");
            rig.Transport.ClearSent();

            rig.Deliver(Base + "/ceiling", "ON", true);
            Check.True(rig.Runtime.Lights[0].IsOn, "restored on");
            sent = rig.Sent();
            Check.Equal(Base + "/ceiling", sent.First(MqttPacketType.Unsubscribe).Filters, "stops listening to its own state");
            Check.Equal(0, sent.CountPublishes(Base + "/ceiling"), "and publishes to it only after UNSUBACK");
            sent = rig.AcknowledgeAll();
            Check.Equal("ON", sent.LastPublish(Base + "/ceiling").Payload, "confirms the state");
        }

        /// <summary>Issue 10 item 4 through the whole runtime: two TOGGLEs kept for the session do not flip the restored state.</summary>
        public static void TogglesKeptWhileOfflineDoNotOverrideTheRestoredState()
        {
            RuntimeRig rig = new RuntimeRig(RuntimeRig.DefaultConfig + "power_on = restore\n");
            rig.Runtime.Start();
            rig.Runtime.Poll();
            rig.Transport.ClearSent();
            rig.Transport.Deliver(HexBytes.Parse("20 02 01 00")); // session present
            BrokerScript.PublishQos1(rig.Transport, Base + "/ceiling/set", "TOGGLE", 31);
            BrokerScript.PublishQos1(rig.Transport, Base + "/ceiling/set", "TOGGLE", 32);
            rig.Runtime.Poll();
            SentPacket subscribe = rig.Sent().First(MqttPacketType.Subscribe);
            Check.True(subscribe != null, "subscribed");
            BrokerScript.SubAck(rig.Transport, subscribe.PacketId, subscribe.Filters.Split(' ').Length);
            rig.Deliver(Base + "/ceiling", "ON", true);
            rig.AcknowledgeAll();
            Check.True(rig.Runtime.Lights[0].IsOn, "restored on, not toggled twice");
            Check.Equal("ON", rig.Sent().LastPublish(Base + "/ceiling").Payload, "and says so");
            Check.Equal(2, rig.Runtime.Counters.StaleCommands, "the kept TOGGLEs counted");
        }

        public static void RestoreWithNothingRetainedStaysOff()
        {
            RuntimeRig rig = new RuntimeRig(RuntimeRig.DefaultConfig + "power_on = restore\n");
            rig.StartConnected();
            rig.AcknowledgeAll();
            rig.Transport.ClearSent();
            rig.Run(3000, 100);
            Check.Equal("OFF", rig.AcknowledgeAll().LastPublish(Base + "/ceiling").Payload, "after the restore wait (and UNSUBACK): off");
        }

        public static void PowerOnStateOn()
        {
            RuntimeRig rig = new RuntimeRig(RuntimeRig.DefaultConfig + "power_on = on\n");
            Check.True(rig.Hardware.Pin(0).LastLevel, "on at power-on, before any network");
        }

        public static void HomeAssistantRestartTriggersANewAnnouncement()
        {
            RuntimeRig rig = new RuntimeRig();
            rig.StartConnected();
            rig.AcknowledgeAll();
            rig.Transport.ClearSent();
            rig.Deliver("homeassistant/status", "offline", false);
            Check.Equal(0, rig.Sent().CountPublishes("homeassistant/light/homenode-kitchen/kitchen_ceiling/config"), "nothing on offline");
            rig.Deliver("homeassistant/status", "online", false);
            rig.AcknowledgeAll();
            Check.Equal(1, rig.Sent().CountPublishes("homeassistant/light/homenode-kitchen/kitchen_ceiling/config"), "announced again");
            Check.Equal(1, rig.Sent().CountPublishes("homeassistant/sensor/homenode-kitchen/kitchen_climate_temperature/config"), "sensors too");
        }

        public static void StopPublishesOfflineAndDisconnects()
        {
            RuntimeRig rig = new RuntimeRig();
            rig.StartConnected();
            rig.AcknowledgeAll();
            rig.Transport.ClearSent();
            rig.Runtime.Stop();
            SentPackets sent = rig.Sent();
            Check.Equal("offline", sent.LastPublish(Base + "/status").Payload, "offline");
            Check.True(sent.LastPublish(Base + "/status").Retain, "retained");
            Check.Equal(MqttPacketType.Disconnect, sent[sent.Count - 1].Type, "clean DISCONNECT last");
            Check.Equal(RuntimeStatus.Stopped, rig.Runtime.Status, "stopped");
        }

        public static void DiagnosticsFollowTheirPeriod()
        {
            RuntimeRig rig = new RuntimeRig();
            rig.StartConnected();
            rig.AcknowledgeAll();
            rig.Transport.ClearSent();
            rig.Run(59000, 1000);
            rig.AcknowledgeAll();
            Check.Equal(0, rig.Sent().CountPublishes(Base + "/diag"), "not before 60 s");
            rig.Run(1000, 1000);
            SentPacket diagnostics = rig.Sent().LastPublish(Base + "/diag");
            Check.True(diagnostics != null, "after 60 s");
            Check.True(diagnostics.Payload.IndexOf("\"uptime_s\":60") >= 0, "uptime: " + diagnostics.Payload);
            Check.Equal(0, diagnostics.Qos, "diagnostics at QoS 0");
        }
    }
}
