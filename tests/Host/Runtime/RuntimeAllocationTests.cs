using System;
using System.Linq;
using HomeNode.Tests;
using HomeNode.Tests.Mqtt;
using HomeNode.Tests.Runtime;
using Xunit;

namespace HomeNode.Tests.Host.Runtime
{
    /// <summary>The firmware loop allocates nothing once running: readings, commands, diagnostics, acknowledgements.</summary>
    public class RuntimeAllocationTests
    {
        [Fact]
        public void AnHourOfFirmwareLoopAllocatesNothing()
        {
            RuntimeRig rig = new RuntimeRig(RuntimeRig.DefaultConfig.Replace("period = 10", "period = 2").Replace("offline_queue = 4", "offline_queue = 4\ndiagnostics_period = 5"), new ScriptedHardware { LevelPinsOnly = true });
            rig.StartConnected();
            rig.AcknowledgeAll();
            rig.Hardware.Sensor(0).TemperatureStep = 0.1;
            byte[] command = HexBytes.Parse("30 21 00 1F").Concat(HexBytes.Ascii("ourhome/firstfloor/kitchen/ceiling/set")).Concat(HexBytes.Ascii("TOGGLE")).ToArray();
            command[1] = (byte)(command.Length - 2);
            command[3] = (byte)"ourhome/firstfloor/kitchen/ceiling/set".Length;
            byte[] puback = HexBytes.Parse("40 02 00 00");

            Action second = () =>
            {
                rig.Clock.Advance(1000);
                rig.Runtime.Poll();

                // Acknowledge whatever is in flight, by walking the client's table (no allocation).
                var table = rig.Runtime.Client.Inflight;
                for (int slot = 0; slot < table.Capacity; slot++)
                {
                    if (table.Kinds[slot] == HomeNode.Mqtt.InflightTable.PublishAwaitingAck)
                    {
                        puback[2] = (byte)(table.PacketIds[slot] >> 8);
                        puback[3] = (byte)table.PacketIds[slot];
                        rig.Transport.Deliver(puback);
                    }
                }

                rig.Transport.Deliver(command);
                rig.Runtime.Poll();
                rig.Transport.ClearSent();
            };

            for (int i = 0; i < 120; i++)
            {
                second();
            }

            // an hour of seconds per window; a one-off runtime allocation under load is measured again (SteadyStateAllocation)
            int windows = 0;
            SteadyStateAllocation.AssertNone(() =>
            {
                windows++;
                for (int i = 0; i < 3600; i++)
                {
                    second();
                }
            });

            Assert.True(rig.Runtime.Counters.PublishedReadings > 3000, "readings flowed: " + rig.Runtime.Counters.PublishedReadings);
            Assert.Equal(120 + (windows * 3600), rig.Runtime.Counters.Commands);
            Assert.Equal(0, rig.Runtime.Queue.DroppedCount);
            Assert.True(((LevelPin)rig.Hardware.Pins[0]).Writes >= 120 + (windows * 3600), "every command reached the pin");
        }

        [Fact]
        public void AnHourOfFirmwareLoopOnMqtt5AllocatesNothing()
        {
            // protocol 5: readings by Topic Alias, a light command with a Response Topic answered, a diagnostics request
            // answered, an expired command refused and answered, every second
            RuntimeRig rig = new RuntimeRig(Version5RuntimeTests.Config.Replace("period = 10", "period = 2").Replace("offline_queue = 4", "offline_queue = 4\ndiagnostics_period = 5"), new ScriptedHardware { LevelPinsOnly = true });
            rig.StartConnected("22 00 0A");
            rig.AcknowledgeAll();
            rig.Hardware.Sensor(0).TemperatureStep = 0.1;
            byte[] command = Version5Publish("ourhome/firstfloor/kitchen/ceiling/set", "TOGGLE", "phone/answers/kitchen", -1);
            byte[] expired = Version5Publish("ourhome/firstfloor/kitchen/ceiling/set", "ON", "phone/answers/kitchen", 0);
            byte[] diagnostics = Version5Publish("ourhome/firstfloor/kitchen/diag/get", string.Empty, "phone/answers/kitchen", -1);
            byte[] puback = HexBytes.Parse("40 02 00 00");

            Action second = () =>
            {
                rig.Clock.Advance(1000);
                rig.Runtime.Poll();
                var table = rig.Runtime.Client.Inflight;
                for (int slot = 0; slot < table.Capacity; slot++)
                {
                    if (table.Kinds[slot] == HomeNode.Mqtt.InflightTable.PublishAwaitingAck)
                    {
                        puback[2] = (byte)(table.PacketIds[slot] >> 8);
                        puback[3] = (byte)table.PacketIds[slot];
                        rig.Transport.Deliver(puback);
                    }
                }

                rig.Transport.Deliver(command);
                rig.Transport.Deliver(expired);
                rig.Transport.Deliver(diagnostics);
                rig.Runtime.Poll();
                rig.Transport.ClearSent();
            };

            for (int i = 0; i < 120; i++)
            {
                second();
            }

            Assert.Equal(0, rig.Runtime.Counters.UnansweredRequests);
            int windows = 0;
            SteadyStateAllocation.AssertNone(() =>
            {
                windows++;
                for (int i = 0; i < 3600; i++)
                {
                    second();
                }
            });

            Assert.True(rig.Runtime.Counters.PublishedReadings > 3000, "readings flowed: " + rig.Runtime.Counters.PublishedReadings);
            Assert.Equal(120 + (windows * 3600), rig.Runtime.Counters.Commands);
            Assert.Equal(120 + (windows * 3600), rig.Runtime.Counters.ExpiredCommands);
            Assert.Equal(3 * (120 + (windows * 3600)), rig.Runtime.Counters.AnsweredRequests);
            Assert.Equal(0, rig.Runtime.Counters.UnansweredRequests);
            Assert.Equal(0, rig.Runtime.Queue.DroppedCount);
        }

        /// <summary>An MQTT 5.0 PUBLISH at QoS 0 with a Response Topic, Correlation Data and, when not -1, a Message Expiry Interval.</summary>
        private static byte[] Version5Publish(string topic, string payload, string responseTopic, int expiry)
        {
            ScriptedTransport capture = new ScriptedTransport(1024);
            capture.Open();
            BrokerScript.PublishVersion5(capture, topic, payload, 0, 0, responseTopic, "C0 FF EE 01", expiry);
            byte[] packet = new byte[capture.PendingIncoming];
            capture.Receive(packet, 0, packet.Length);
            return packet;
        }
    }
}
