using HomeNode.Mqtt;
using HomeNode.Mqtt.WebSockets;
using HomeNode.Tests.Mqtt;

namespace HomeNode.Tests.WebSockets
{
    /// <summary>The MQTT client over the WebSocket transport: what it sees when the server misbehaves, and that nothing queued is lost.</summary>
    public static class WebSocketClientTests
    {
        public static void ConnectPublishAndReceiveOverWebSockets()
        {
            WebSocketClientRig rig = new WebSocketClientRig();
            rig.Connect(false);
            ushort id = rig.Publish("a/b", "21.5", MqttQos.AtLeastOnce);
            rig.Server.ExpectMqtt(HexBytes.Parse("32 0B 00 03 61 2F 62 00 01 32 31 2E 35"), "PUBLISH in a masked frame");
            Check.Equal(1, id, "id");
            rig.Server.DeliverBinary(HexBytes.Parse("40 02 00 01"), 0, 4, 1);
            rig.Server.DeliverBinary(HexBytes.Parse("30 08 00 03 61 2F 62 68 69 21"));
            rig.Client.Poll();
            Check.Equal(1, rig.Handler.Acknowledged, "PUBACK over 4 fragments");
            Check.Equal(1, rig.Handler.Messages, "message");
            Check.True(rig.Client.IsConnected, "connected");
        }

        public static void HandshakeFailureIsAFailedOpen()
        {
            WebSocketClientRig rig = new WebSocketClientRig();
            rig.Server.WrongAccept = true;
            Check.Equal(MqttStatus.TransportOpenFailed, rig.Client.Connect(rig.Options), "connect");
            Check.Equal(WebSocketFailure.HandshakeBadAccept, rig.Transport.LastFailure, "named");
            Check.Equal(0, rig.Server.MqttCount, "no CONNECT");
        }

        public static void BadFrameClosesTheConnectionAndTheReconnectResends()
        {
            WebSocketClientRig rig = new WebSocketClientRig();
            rig.Options.CleanSession = false;
            rig.Connect(false);
            ushort id = rig.Publish("a/b", "1", MqttQos.AtLeastOnce);
            rig.Server.Wire.Deliver(HexBytes.Parse("81 01 41"));
            rig.Client.Poll();
            Check.False(rig.Client.IsConnected, "closed");
            Check.Equal(MqttStatus.TransportClosed, rig.Handler.LastCloseReason, "client sees TransportClosed");
            Check.Equal(WebSocketFailure.TextFrame, rig.Transport.LastFailure, "transport names it");
            Check.Equal(1003, rig.Server.ClientCloseStatus, "close status 1003");
            Check.Equal(1, rig.Client.Inflight.Count, "still in flight");

            Check.Equal(MqttStatus.Ok, rig.Client.Connect(rig.Options), "reconnect");
            Check.Equal(2, rig.Server.Handshakes, "second upgrade");
            rig.Server.ClearMqtt();
            rig.Server.DeliverBinary(HexBytes.Parse("20 02 01 00"));
            rig.Client.Poll();
            byte[] resent = HexBytes.Parse("3A 08 00 03 61 2F 62 00 00 31");
            resent[8] = (byte)id;
            rig.Server.ExpectMqtt(resent, "resent with DUP");
            rig.Server.DeliverBinary(HexBytes.Parse("40 02 00 01"));
            rig.Client.Poll();
            Check.Equal(1, rig.Handler.Acknowledged, "acknowledged after the reconnect");
            Check.Equal(0, rig.Client.Inflight.Count, "nothing lost");
        }

        public static void ServerCloseMidPacketIsTransportClosed()
        {
            WebSocketClientRig rig = new WebSocketClientRig();
            rig.Connect(false);
            rig.Server.DeliverBinary(HexBytes.Parse("30 08 00 03 61"));
            rig.Server.DeliverClose(1011);
            rig.Client.Poll();
            rig.Client.Poll();
            Check.False(rig.Client.IsConnected, "closed");
            Check.Equal(MqttStatus.TransportClosed, rig.Handler.LastCloseReason, "reason");
            Check.Equal(WebSocketFailure.ClosedMidPacket, rig.Transport.LastFailure, "named");
            Check.Equal(1011, rig.Transport.LastCloseStatus, "status");
            Check.Equal(0, rig.Handler.Messages, "half a packet is not a message");
        }

        public static void DisconnectEndsWithACloseFrame()
        {
            WebSocketClientRig rig = new WebSocketClientRig();
            rig.Connect(false);
            rig.Client.Disconnect();
            rig.Server.ExpectMqtt(HexBytes.Parse("E0 00"), "DISCONNECT");
            Check.Equal(1, rig.Server.CloseFrames, "close frame");
            Check.Equal(1000, rig.Server.ClientCloseStatus, "normal closure");
            Check.Equal(WebSocketFailure.ClosedByClient, rig.Transport.LastFailure, "by us");
        }

        public static void PingFromTheServerWhileIdle()
        {
            WebSocketClientRig rig = new WebSocketClientRig();
            rig.Connect(false);
            rig.Server.DeliverFrame(0x89, new byte[0]);
            rig.Client.Poll();
            Check.Equal(1, rig.Server.PongFrames, "pong");
            Check.Equal(0, rig.Server.PongLength, "empty");
            Check.True(rig.Client.IsConnected, "connected");
        }
    }
}
