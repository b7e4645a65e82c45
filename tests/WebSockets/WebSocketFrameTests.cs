using HomeNode.Mqtt.WebSockets;

namespace HomeNode.Tests.WebSockets
{
    /// <summary>Data and control frames both ways (RFC 6455 §5), and every frame a server must not send.</summary>
    public static class WebSocketFrameTests
    {
        private static readonly byte[] Publish = HexBytes.Parse("30 0A 00 04 61 2F 62 63 32 31 2E 35");

        public static void SendIsOneMaskedBinaryFrame()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Open();
            Check.Equal(Publish.Length, rig.Transport.Send(Publish, 0, Publish.Length), "sent");
            rig.Server.ExpectMqtt(Publish, "payload");
            Check.Equal(1, rig.Server.DataFrames, "frames");
            Check.Equal(0, rig.Server.UnmaskedFrames, "masked");
            byte[] wire = rig.Server.Wire.SentBytes;
            int at = rig.Server.RequestLength;
            Check.Equal(0x82, wire[at], "FIN + binary");
            Check.Equal(0x80 | Publish.Length, wire[at + 1], "MASK + length");
            Check.True(wire[at + 6] != Publish[0] || wire[at + 7] != Publish[1], "payload masked on the wire");
        }

        public static void EveryFrameHasANewMask()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Open();
            for (int i = 0; i < 5; i++)
            {
                rig.Transport.Send(Publish, 0, Publish.Length);
                Check.True(rig.Server.LastMask != rig.Server.PreviousMask, "mask differs");
            }

            Check.Equal(5, rig.Server.DataFrames, "frames");
        }

        public static void LongWritesAreCutIntoFrames()
        {
            WebSocketRig rig = new WebSocketRig(null, 100);
            rig.Open();
            byte[] data = Pattern(250);
            int sent = 0;
            while (sent < data.Length)
            {
                int n = rig.Transport.Send(data, sent, data.Length - sent);
                Check.True(n > 0 && n <= 100, "at most one frame per call");
                sent += n;
            }

            Check.Equal(3, rig.Server.DataFrames, "frames");
            rig.Server.ExpectMqtt(data, "payload");
        }

        public static void SixteenBitLengthOut()
        {
            WebSocketRig rig = new WebSocketRig(null, 1024);
            rig.Open();
            byte[] data = Pattern(300);
            Check.Equal(300, rig.Transport.Send(data, 0, 300), "sent");
            int at = rig.Server.RequestLength;
            Check.Equal(0x80 | 126, rig.Server.Wire.SentBytes[at + 1], "126 form");
            rig.Server.ExpectMqtt(data, "payload");
        }

        public static void PartialWritesBelowLoseNothing()
        {
            WebSocketRig rig = new WebSocketRig(null, 64);
            rig.Open();
            rig.Server.Wire.MaxWriteChunk = 3;
            byte[] data = Pattern(200);
            int sent = 0;
            int calls = 0;
            while (sent < data.Length)
            {
                int n = rig.Transport.Send(data, sent, data.Length - sent);
                Check.True(n >= 0, "no error");
                sent += n;
                Check.True(++calls < 1000, "progress");
            }

            rig.Server.ExpectMqtt(data, "payload");
            Check.Equal(4, rig.Server.DataFrames, "frames");
        }

        public static void StalledBelowReportsNothingWritten()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Open();
            rig.Server.Wire.StalledWrites = 2;
            Check.Equal(0, rig.Transport.Send(Publish, 0, Publish.Length), "stalled");
            Check.Equal(0, rig.Transport.Send(Publish, 0, Publish.Length), "stalled again");
            Check.Equal(Publish.Length, rig.Transport.Send(Publish, 0, Publish.Length), "then sent");
            rig.Server.ExpectMqtt(Publish, "payload once");
        }

        public static void BinaryFrameIn()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Open();
            rig.Server.DeliverBinary(Publish);
            Check.Bytes(Publish, rig.Received, 0, rig.Drain(), "bytes");
        }

        public static void FramesSplitAcrossReads()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Open();
            rig.Server.Wire.MaxReadChunk = 1;
            byte[] big = Pattern(300);
            rig.Server.DeliverBinary(Publish);
            rig.Server.DeliverBinary(big);
            int n = rig.Drain();
            Check.Equal(Publish.Length + 300, n, "all bytes");
            Check.Bytes(big, rig.Received, Publish.Length, 300, "16-bit length frame");
        }

        public static void PacketSplitAcrossFragments()
        {
            // MQTT 3.1.1 §6: a packet may span frames; RFC 6455 §5.4: one message in fragments
            WebSocketRig rig = new WebSocketRig();
            rig.Open();
            rig.Server.DeliverBinary(Publish, 0, Publish.Length, 5);
            rig.Server.DeliverBinary(Publish, 0, Publish.Length, 1);
            int n = rig.Drain();
            Check.Equal(2 * Publish.Length, n, "all bytes");
            Check.Bytes(Publish, rig.Received, Publish.Length, Publish.Length, "second packet");
            Check.True(rig.Transport.IsOpen, "open");
        }

        public static void SeveralPacketsInOneFrameAndSmallReads()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Open();
            rig.Server.DeliverBinary(HexBytes.Concat(Publish, Publish));
            byte[] small = new byte[5];
            int total = 0;
            int n;
            while ((n = rig.Transport.Receive(small, 0, 5)) > 0)
            {
                Check.True(n <= 5, "bounded by count");
                total += n;
            }

            Check.Equal(2 * Publish.Length, total, "all bytes");
        }

        public static void PingInsideAFragmentedMessageIsAnswered()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Open();
            rig.Server.DeliverFrame(0x02, Publish, 0, 4);
            rig.Server.DeliverFrame(0x89, HexBytes.Ascii("hello"));
            rig.Server.DeliverFrame(0x80, Publish, 4, Publish.Length - 4);
            rig.Server.DeliverFrame(0x8A, HexBytes.Ascii("unsolicited"));
            int n = rig.Drain();
            Check.Bytes(Publish, rig.Received, 0, n, "data intact");
            Check.Equal(1, rig.Server.PongFrames, "one pong");
            Check.Equal(5, rig.Server.PongLength, "pong length");
            Check.Bytes(HexBytes.Ascii("hello"), rig.Server.ControlPayload, 0, 5, "pong payload");
            Check.True(rig.Transport.IsOpen, "open");
        }

        public static void ServerCloseBetweenPackets()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Open();
            rig.Server.DeliverBinary(Publish);
            rig.Server.DeliverClose(1001);
            Check.Equal(Publish.Length, rig.Drain(), "bytes before the close");
            Check.True(rig.Ended, "then the end");
            Check.Equal(1001, rig.Transport.LastCloseStatus, "status");
            rig.ExpectFailure(WebSocketFailure.ClosedByServer, 1001, "close");
        }

        public static void ServerCloseMidPacket()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Open();
            rig.Server.DeliverBinary(Publish, 0, 6, 0);
            rig.Server.DeliverFrame(0x88, new byte[0]);
            Check.Equal(6, rig.Drain(), "partial packet");
            Check.Equal(1005, rig.Transport.LastCloseStatus, "no status");
            rig.ExpectFailure(WebSocketFailure.ClosedMidPacket, 1000, "mid packet");
        }

        public static void ConnectionLostBelow()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Open();
            rig.Server.Wire.CloseWhenDrained = true;
            rig.Server.DeliverBinary(Publish);
            Check.Equal(Publish.Length, rig.Drain(), "bytes first");
            rig.ExpectFailure(WebSocketFailure.ConnectionLost, 0, "lost");
        }

        public static void ClientCloseSendsStatus1000()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Open();
            rig.Transport.Close();
            rig.Transport.Close();
            rig.ExpectFailure(WebSocketFailure.ClosedByClient, 1000, "client close");
            rig.Open();
            Check.True(rig.Transport.IsOpen, "opens again");
        }

        public static void ClientCloseAfterTheServerHasGone()
        {
            // a broker may drop the connection as soon as it reads DISCONNECT (MQTT 3.1.1 §3.14.4)
            WebSocketRig rig = new WebSocketRig();
            rig.Open();
            rig.Server.Wire.PeerClosed = true;
            rig.Transport.Close();
            Check.Equal(WebSocketFailure.ClosedByClient, rig.Transport.LastFailure, "still ours");
            Check.Equal(0, rig.Server.CloseFrames, "no close frame got out");
        }

        public static void MaskedFrameFromTheServer()
        {
            ExpectBadFrame("82 84 01 02 03 04 21 00 03 04", WebSocketFailure.MaskedFrame, 1002);
        }

        public static void TextFrame()
        {
            ExpectBadFrame("81 02 7B 7D", WebSocketFailure.TextFrame, 1003);
        }

        public static void ReservedBits()
        {
            ExpectBadFrame("C2 02 20 02", WebSocketFailure.ReservedBits, 1002);
            ExpectBadFrame("92 02 20 02", WebSocketFailure.ReservedBits, 1002);
        }

        public static void ReservedOpcodes()
        {
            ExpectBadFrame("83 00", WebSocketFailure.BadOpcode, 1002);
            ExpectBadFrame("8B 00", WebSocketFailure.BadOpcode, 1002);
        }

        public static void FragmentedControlFrame()
        {
            ExpectBadFrame("09 01 61", WebSocketFailure.FragmentedControlFrame, 1002);
        }

        public static void LongControlFrame()
        {
            ExpectBadFrame("89 7E 00 7E", WebSocketFailure.BadLength, 1002);
        }

        public static void ContinuationOutOfPlace()
        {
            ExpectBadFrame("80 01 30", WebSocketFailure.UnexpectedContinuation, 1002);
            ExpectBadFrame("02 01 30 82 01 00", WebSocketFailure.ExpectedContinuation, 1002);
        }

        public static void OversizedFrame()
        {
            // the rig accepts 4096 bytes
            ExpectBadFrame("82 7E 10 01", WebSocketFailure.FrameTooLarge, 1009);
            ExpectBadFrame("82 7F 00 00 00 01 00 00 00 00", WebSocketFailure.FrameTooLarge, 1009);
            ExpectBadFrame("82 7F 80 00 00 00 00 00 00 01", WebSocketFailure.FrameTooLarge, 1009);
        }

        public static void LengthNotInShortestForm()
        {
            ExpectBadFrame("82 7E 00 05 01 02 03 04 05", WebSocketFailure.BadLength, 1002);
            ExpectBadFrame("82 7F 00 00 00 00 00 00 00 05", WebSocketFailure.BadLength, 1002);
            ExpectBadFrame("88 01 03", WebSocketFailure.BadLength, 1002);
        }

        public static void BytesBeforeABadFrameStillArrive()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Open();
            rig.Server.DeliverBinary(Publish);
            rig.Server.Wire.Deliver(HexBytes.Parse("81 01 41"));
            Check.Equal(Publish.Length, rig.Drain(), "good bytes first");
            rig.ExpectFailure(WebSocketFailure.TextFrame, 1003, "then the failure");
        }

        private static void ExpectBadFrame(string hex, WebSocketFailure failure, int status)
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Open();
            rig.Server.Wire.MaxReadChunk = 1;
            rig.Server.Wire.Deliver(HexBytes.Parse(hex));
            rig.Drain();
            Check.True(rig.Ended, hex + ": ended");
            rig.ExpectFailure(failure, status, hex);
        }

        private static byte[] Pattern(int length)
        {
            byte[] data = new byte[length];
            for (int i = 0; i < length; i++)
            {
                data[i] = (byte)(i * 7);
            }

            return data;
        }
    }
}
