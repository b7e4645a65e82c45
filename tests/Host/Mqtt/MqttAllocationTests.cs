using System;
using HomeNode.Mqtt;
using HomeNode.Tests;
using HomeNode.Tests.Mqtt;
using Xunit;

namespace HomeNode.Tests.Host.Mqtt
{
    /// <summary>
    /// Steady state allocates nothing: 10,000 publish-and-receive cycles on the scripted transport leave
    /// GC.GetAllocatedBytesForCurrentThread unchanged (see <see cref="SteadyStateAllocation"/> for one-off runtime noise).
    /// </summary>
    public class MqttAllocationTests
    {
        private const int Cycles = 10000;

        [Fact]
        public void Qos0PublishAndReceiveAllocateNothing()
        {
            ClientRig rig = Connected();
            byte[] payload = HexBytes.Ascii("21.5");
            byte[] incoming = HexBytes.Parse("30 0A 00 04 61 2F 62 63 32 31 2E 35");
            byte[] topic = HexBytes.Ascii("ourhome/firstfloor/kitchen/temperature");
            Cycle(rig, payload, incoming, topic, MqttQos.AtMostOnce, null, 100);

            int windows = 0;
            SteadyStateAllocation.AssertNone(() => { windows++; Cycle(rig, payload, incoming, topic, MqttQos.AtMostOnce, null, Cycles); });

            Assert.Equal((windows * Cycles) + 100, rig.Handler.Messages);
        }

        [Fact]
        public void Qos1PublishAcknowledgeAndReceiveAllocateNothing()
        {
            ClientRig rig = Connected();
            byte[] payload = HexBytes.Ascii("21.5");
            byte[] incoming = HexBytes.Parse("32 0C 00 04 61 2F 62 63 00 07 32 31 2E 35");
            byte[] topic = HexBytes.Ascii("ourhome/firstfloor/kitchen/temperature");
            byte[] puback = HexBytes.Parse("40 02 00 00");
            Cycle(rig, payload, incoming, topic, MqttQos.AtLeastOnce, puback, 100);

            int windows = 0;
            SteadyStateAllocation.AssertNone(() => { windows++; Cycle(rig, payload, incoming, topic, MqttQos.AtLeastOnce, puback, Cycles); });

            Assert.Equal((windows * Cycles) + 100, rig.Handler.Acknowledged);
            Assert.Equal(0, rig.Client.Inflight.Count);
        }

        [Fact]
        public void PingSubscribeAndReconnectAllocateNothing()
        {
            ClientRig rig = Connected();
            byte[] pingResponse = HexBytes.Parse("D0 00");
            byte[] subAck = HexBytes.Parse("90 03 00 00 01");
            byte[] connAck = HexBytes.Parse("20 02 01 00");
            Action round = () =>
            {
                rig.Clock.Advance(60000);
                rig.Client.Poll();
                rig.Transport.Deliver(pingResponse);
                rig.Client.Poll();
                ushort id;
                rig.Client.Subscribe("ourhome/+/+/set", MqttQos.AtLeastOnce, out id);
                subAck[2] = (byte)(id >> 8);
                subAck[3] = (byte)id;
                rig.Transport.Deliver(subAck);
                rig.Client.Poll();
                rig.Transport.PeerClosed = true;
                rig.Client.Poll();
                rig.Client.Connect(rig.Options);
                rig.Transport.Deliver(connAck);
                rig.Client.Poll();
                rig.Transport.ClearSent();
            };
            for (int i = 0; i < 10; i++)
            {
                round();
            }

            int windows = 0;
            SteadyStateAllocation.AssertNone(() =>
            {
                windows++;
                for (int i = 0; i < 1000; i++)
                {
                    round();
                }
            });

            Assert.True(rig.Client.IsConnected);
            Assert.Equal((windows * 1000) + 10, rig.Handler.SubscribeAcks);
        }

        [Fact]
        public void StalledAndPartialWritesAllocateNothing()
        {
            // The transport takes 3 bytes, then nothing until the next round: the rest of the PUBLISH, the owed
            // PUBACK and the resend walk all wait in place and go out on later polls.
            ClientRig rig = Connected();
            byte[] payload = HexBytes.Ascii("21.5");
            byte[] incoming = HexBytes.Parse("32 0C 00 04 61 2F 62 63 00 07 32 31 2E 35");
            byte[] topic = HexBytes.Ascii("ourhome/firstfloor/kitchen/temperature");
            byte[] puback = HexBytes.Parse("40 02 00 00");
            byte[] connAck = HexBytes.Parse("20 02 01 00");
            Action round = () =>
            {
                rig.Transport.WriteBudget = 3;
                rig.Client.Publish(topic, 0, topic.Length, payload, 0, payload.Length, MqttQos.AtLeastOnce, false, out ushort id);
                rig.Transport.Deliver(incoming);
                rig.Client.Poll();
                rig.Transport.WriteBudget = -1;
                rig.Client.Poll();
                rig.Transport.PeerClosed = true;
                rig.Client.Poll();
                rig.Client.Connect(rig.Options);
                rig.Transport.WriteBudget = 5;
                rig.Transport.Deliver(connAck);
                rig.Client.Poll();
                rig.Transport.WriteBudget = -1;
                rig.Client.Poll();
                puback[2] = (byte)(id >> 8);
                puback[3] = (byte)id;
                rig.Transport.Deliver(puback);
                rig.Client.Poll();
                rig.Transport.ClearSent();
            };
            for (int i = 0; i < 10; i++)
            {
                round();
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                round();
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
            Assert.True(rig.Client.IsConnected);
            Assert.Equal(1010, rig.Handler.Acknowledged);
            Assert.Equal(1010, rig.Handler.Messages);
            Assert.Equal(0, rig.Client.Inflight.Count);
        }

        private static ClientRig Connected()
        {
            ClientRig rig = new ClientRig(512, 8, 128);
            rig.Options.CleanSession = false;
            rig.Handler.CopyMessages = false;
            rig.Connect();
            return rig;
        }

        private static void Cycle(ClientRig rig, byte[] payload, byte[] incoming, byte[] topic, MqttQos qos, byte[] ack, int count)
        {
            for (int i = 0; i < count; i++)
            {
                ushort id;
                rig.Client.Publish(topic, 0, topic.Length, payload, 0, payload.Length, qos, false, out id);
                if (ack != null)
                {
                    ack[2] = (byte)(id >> 8);
                    ack[3] = (byte)id;
                    rig.Transport.Deliver(ack);
                }

                rig.Transport.Deliver(incoming);
                rig.Client.Poll();
                rig.Transport.ClearSent();
            }
        }
    }
}
