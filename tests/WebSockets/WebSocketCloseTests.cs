using HomeNode.Mqtt.WebSockets;

namespace HomeNode.Tests.WebSockets
{
    /// <summary>What a server's close frame may carry (RFC 6455 §5.5.1, §7.4, §8.1), and a write that fails while input waits.</summary>
    public static class WebSocketCloseTests
    {
        private static readonly byte[] Publish = HexBytes.Parse("30 0A 00 04 61 2F 62 63 32 31 2E 35");

        public static void StatusesThatMayNotBeSentFailTheConnection()
        {
            // §7.4.1: 1005, 1006 and 1015 are for reporting only, never on the wire; 1004 and 1016-2999 are reserved
            int[] statuses = { 0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535 };
            for (int i = 0; i < statuses.Length; i++)
            {
                WebSocketRig rig = new WebSocketRig();
                rig.Open();
                rig.Server.DeliverClose(statuses[i]);
                rig.Drain();
                Check.True(rig.Ended, statuses[i].ToString() + ": ended");
                rig.ExpectFailure(WebSocketFailure.BadCloseStatus, 1002, statuses[i].ToString());
            }
        }

        public static void DefinedAndApplicationStatusesAreEchoed()
        {
            int[] statuses = { 1000, 1001, 1003, 1007, 1011, 1014, 3000, 4000, 4999 };
            for (int i = 0; i < statuses.Length; i++)
            {
                WebSocketRig rig = new WebSocketRig();
                rig.Open();
                rig.Server.DeliverClose(statuses[i]);
                rig.Drain();
                Check.Equal(statuses[i], rig.Transport.LastCloseStatus, statuses[i].ToString() + ": status kept");
                rig.ExpectFailure(WebSocketFailure.ClosedByServer, statuses[i], statuses[i].ToString());
            }
        }

        public static void AReasonThatIsNotUtf8FailsWith1007()
        {
            // 1000, then C3 28: a lead byte followed by something that is not a continuation byte
            ExpectClose("88 04 03 E8 C3 28", WebSocketFailure.BadCloseReason, 1007);
            // a truncated sequence and an encoded surrogate (U+D800)
            ExpectClose("88 03 03 E8 E2", WebSocketFailure.BadCloseReason, 1007);
            ExpectClose("88 05 03 E8 ED A0 80", WebSocketFailure.BadCloseReason, 1007);
        }

        public static void AReasonMayHoldAnyCharacterIncludingU0000()
        {
            // "bye", U+0000, "é" (C3 A9), U+1F600 (F0 9F 98 80): WebSocket text is any UTF-8, unlike MQTT strings
            ExpectClose("88 0C 03 E9 62 79 65 00 C3 A9 F0 9F 98 80", WebSocketFailure.ClosedByServer, 1001);
        }

        public static void InputBufferedBeforeAFailedPongIsStillDelivered()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Open();
            rig.Server.DeliverFrame(0x89, HexBytes.Ascii("ping"));
            rig.Server.DeliverBinary(Publish);
            rig.Server.Wire.RefuseWrites = true; // the pong cannot leave: the connection has broken on the way out
            int n = rig.Drain();
            Check.Bytes(Publish, rig.Received, 0, n, "the packet that came with the ping");
            Check.True(rig.Ended, "then the end");
            Check.Equal(0, rig.Server.PongFrames, "no pong got out");
            rig.ExpectFailure(WebSocketFailure.ConnectionLost, 0, "write failed");
        }

        public static void InputBufferedBeforeAFailedSendIsStillDelivered()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Open();
            rig.Server.Wire.MaxReadChunk = 0;
            rig.Server.DeliverBinary(Publish);
            rig.Server.DeliverBinary(Publish);
            Check.Equal(4, rig.Transport.Receive(rig.Received, 0, 4), "part of the first packet read");
            rig.Server.Wire.RefuseWrites = true;
            Check.Equal(-1, rig.Transport.Send(Publish, 0, Publish.Length), "the send fails");
            int n = rig.Drain();
            Check.Equal((2 * Publish.Length) - 4, n, "the rest of both packets");
            Check.True(rig.Ended, "then the end");
            rig.ExpectFailure(WebSocketFailure.ConnectionLost, 0, "write failed");
        }

        private static void ExpectClose(string hex, WebSocketFailure failure, int status)
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Open();
            rig.Server.Wire.Deliver(HexBytes.Parse(hex));
            rig.Drain();
            Check.True(rig.Ended, hex + ": ended");
            rig.ExpectFailure(failure, status, hex);
        }
    }
}
