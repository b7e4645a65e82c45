using System;
using HomeNode.Mqtt;
using HomeNode.Tests.WebSockets;
using Xunit;

namespace HomeNode.Tests.Host.Mqtt
{
    /// <summary>
    /// The WebSocket transport allocates nothing after construction: publish, receive (fragmented frames, pings),
    /// keep-alive, close and reconnect (a full upgrade each time) through it leave GC.GetAllocatedBytesForCurrentThread
    /// unchanged.
    /// </summary>
    public class WebSocketAllocationTests
    {
        private const int Cycles = 10000;

        [Fact]
        public void PublishAndReceiveThroughWebSocketsAllocateNothing()
        {
            WebSocketClientRig rig = new WebSocketClientRig();
            rig.Handler.CopyMessages = false;
            rig.Connect(false);
            byte[] topic = HexBytes.Ascii("ourhome/firstfloor/kitchen/temperature");
            byte[] payload = HexBytes.Ascii("21.5");
            byte[] incoming = HexBytes.Parse("32 0C 00 04 61 2F 62 63 00 07 32 31 2E 35");
            byte[] puback = HexBytes.Parse("40 02 00 00");
            byte[] ping = HexBytes.Ascii("are you there");
            Action<int> cycle = count =>
            {
                for (int i = 0; i < count; i++)
                {
                    rig.Client.Publish(topic, 0, topic.Length, payload, 0, payload.Length, MqttQos.AtLeastOnce, false, out ushort id);
                    puback[2] = (byte)(id >> 8);
                    puback[3] = (byte)id;
                    rig.Server.DeliverBinary(puback, 0, puback.Length, 3);
                    rig.Server.DeliverFrame(0x89, ping, 0, ping.Length);
                    rig.Server.DeliverBinary(incoming, 0, incoming.Length, 5);
                    rig.Client.Poll();
                    rig.Server.ClearMqtt();
                }
            };
            cycle(100);

            long before = GC.GetAllocatedBytesForCurrentThread();
            cycle(Cycles);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0, allocated);
            Assert.Equal(Cycles + 100, rig.Handler.Acknowledged);
            Assert.Equal(Cycles + 100, rig.Handler.Messages);
            Assert.Equal(Cycles + 100, rig.Server.PongFrames);
        }

        [Fact]
        public void PingCloseAndReconnectThroughWebSocketsAllocateNothing()
        {
            WebSocketClientRig rig = new WebSocketClientRig();
            rig.Options.CleanSession = false;
            rig.Options.KeepAliveSeconds = 60;
            rig.Connect(false);
            byte[] pingResponse = HexBytes.Parse("D0 00");
            byte[] connAck = HexBytes.Parse("20 02 01 00");
            Action<int> round = count =>
            {
                for (int i = 0; i < count; i++)
                {
                    rig.Clock.Advance(60000);
                    rig.Client.Poll();
                    rig.Server.DeliverBinary(pingResponse);
                    rig.Client.Poll();
                    rig.Server.DeliverClose(1001);
                    rig.Client.Poll();
                    rig.Client.Poll();
                    rig.Client.Connect(rig.Options);
                    rig.Server.DeliverBinary(connAck);
                    rig.Client.Poll();
                    rig.Server.ClearMqtt();
                }
            };
            round(10);

            long before = GC.GetAllocatedBytesForCurrentThread();
            round(1000);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0, allocated);
            Assert.True(rig.Client.IsConnected);
            Assert.Equal(1011, rig.Server.Handshakes);
            Assert.Equal(1010, rig.Server.CloseFrames);
        }
    }
}
