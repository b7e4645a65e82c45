using HomeNode.Mqtt.WebSockets;

namespace HomeNode.Tests.WebSockets
{
    /// <summary>The opening handshake (RFC 6455 §4.1, MQTT 3.1.1 §6) and every way a server can get it wrong.</summary>
    public static class WebSocketHandshakeTests
    {
        public static void RequestAndAcceptOfTheRfcExample()
        {
            // RFC 6455 §1.3: the nonce "the sample nonce" is key dGhlIHNhbXBsZSBub25jZQ==, accept s3pPLMBiTxaQ9kYGzzhZRbK+xOo=
            WebSocketRig rig = new WebSocketRig(HexBytes.Ascii("the sample nonce"), 1024);
            rig.Server.NoAccept = true;
            rig.Server.ExtraLines = "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n";
            rig.Open();
            Check.Equal(101, rig.Transport.LastHttpStatus, "status");
            Check.Bytes(
                HexBytes.Ascii("GET /mqtt HTTP/1.1\r\nHost: broker.lan:8080\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: mqtt\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"),
                rig.Server.RequestBytes,
                0,
                rig.Server.RequestLength,
                "request");
        }

        public static void HostLeavesOutTheDefaultPort()
        {
            WebSocketOptions options = new WebSocketOptions("example.com", 443, true, "/");
            ScriptedWebSocketServer server = new ScriptedWebSocketServer(4096);
            WebSocketTransport transport = new WebSocketTransport(server, options, new SteppingClock(), new SequenceRandom());
            Check.True(transport.Open(), "open");
            Check.True(StartsWith(server, "GET / HTTP/1.1\r\nHost: example.com\r\n"), "host without :443");

            options = new WebSocketOptions("fd00::1", 9001, false, "/ws");
            server = new ScriptedWebSocketServer(4096);
            transport = new WebSocketTransport(server, options, new SteppingClock(), new SequenceRandom());
            Check.True(transport.Open(), "open v6");
            Check.True(StartsWith(server, "GET /ws HTTP/1.1\r\nHost: [fd00::1]:9001\r\n"), "bracketed v6");
        }

        public static void EachOpenSendsAFreshKey()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Open();
            byte[] first = new byte[24];
            int at = KeyAt(rig.Server);
            System.Array.Copy(rig.Server.RequestBytes, at, first, 0, 24);
            rig.Open();
            bool same = true;
            for (int i = 0; i < 24; i++)
            {
                same &= first[i] == rig.Server.RequestBytes[at + i];
            }

            Check.False(same, "new key");
            Check.Equal(2, rig.Server.Handshakes, "handshakes");
        }

        public static void AnswerHeadersAreCaseInsensitiveAndMayListTokens()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Server.StatusLine = "HTTP/1.1 101 Web Socket Protocol Handshake";
            rig.Server.UpgradeLine = "UPGRADE:   WebSocket  ";
            rig.Server.ConnectionLine = "connection: keep-alive, Upgrade";
            rig.Server.AcceptName = "sec-websocket-accept";
            rig.Server.ExtraLines = "Date: Tue, 01 Dec 2026 10:00:00 GMT\r\nServer: test\r\n";
            rig.Server.Wire.MaxReadChunk = 1;
            rig.Open();
        }

        public static void FramesInTheSameReadAsTheAnswerAreKept()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Server.AfterAnswer = HexBytes.Parse("82 04 20 02 00 00");
            rig.Open();
            int n = rig.Drain();
            Check.Bytes(HexBytes.Parse("20 02 00 00"), rig.Received, 0, n, "CONNACK");
        }

        public static void NonSwitchingAnswerIsRefused()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Server.StatusLine = "HTTP/1.1 404 Not Found";
            ExpectOpenFails(rig, WebSocketFailure.HandshakeRefused, "404");
            Check.Equal(404, rig.Transport.LastHttpStatus, "status kept");
            rig.Server.StatusLine = "HTTP/1.1 200 OK";
            ExpectOpenFails(rig, WebSocketFailure.HandshakeRefused, "200");
        }

        public static void WrongAcceptIsRefused()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Server.WrongAccept = true;
            ExpectOpenFails(rig, WebSocketFailure.HandshakeBadAccept, "wrong");
            rig.Server.WrongAccept = false;
            rig.Server.NoAccept = true;
            ExpectOpenFails(rig, WebSocketFailure.HandshakeBadAccept, "missing");
        }

        public static void MissingOrOtherSubprotocolIsRefused()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Server.ProtocolLine = null;
            ExpectOpenFails(rig, WebSocketFailure.HandshakeNoSubprotocol, "missing");
            rig.Server.ProtocolLine = "Sec-WebSocket-Protocol: mqttv3.1";
            ExpectOpenFails(rig, WebSocketFailure.HandshakeNoSubprotocol, "other");
        }

        public static void MissingUpgradeHeadersAreRefused()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Server.UpgradeLine = null;
            ExpectOpenFails(rig, WebSocketFailure.HandshakeNoUpgrade, "no Upgrade");
            rig.Server.Reset();
            rig.Server.ConnectionLine = "Connection: keep-alive";
            ExpectOpenFails(rig, WebSocketFailure.HandshakeNoUpgrade, "no Connection token");
        }

        public static void UnrequestedExtensionIsRefused()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Server.ExtraLines = "Sec-WebSocket-Extensions: permessage-deflate\r\n";
            ExpectOpenFails(rig, WebSocketFailure.HandshakeUnexpectedExtension, "deflate");
        }

        public static void MalformedAnswerIsRefused()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Server.StatusLine = "SSH-2.0-OpenSSH_9.2";
            ExpectOpenFails(rig, WebSocketFailure.HandshakeMalformed, "not HTTP");
            rig.Server.Reset();
            rig.Server.ExtraLines = "no colon here\r\n";
            ExpectOpenFails(rig, WebSocketFailure.HandshakeMalformed, "no colon");
        }

        public static void SilentServerTimesOut()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Server.Answers = false;
            ExpectOpenFails(rig, WebSocketFailure.HandshakeTimeout, "silent");
            Check.True(rig.Clock.Now >= 5000, "waited the time-out");
        }

        public static void ServerClosingDuringTheHandshakeFails()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Server.Answers = false;
            rig.Server.Wire.CloseWhenDrained = true;
            ExpectOpenFails(rig, WebSocketFailure.HandshakeConnectionClosed, "closed");
        }

        public static void OversizedAnswerFails()
        {
            WebSocketRig rig = new WebSocketRig();
            string line = "X-Filler: 0123456789012345678901234567890123456789012345678901234567890123456789\r\n";
            rig.Server.ExtraLines = line + line + line + line + line + line + line + line + line + line + line + line + line + line;
            ExpectOpenFails(rig, WebSocketFailure.HandshakeTooLarge, "too large");
        }

        public static void ConnectionBelowNotOpening()
        {
            WebSocketRig rig = new WebSocketRig();
            rig.Server.Wire.OpenSucceeds = false;
            ExpectOpenFails(rig, WebSocketFailure.OpenFailed, "below");
            Check.Equal(0, rig.Server.Handshakes, "no request");
        }

        private static void ExpectOpenFails(WebSocketRig rig, WebSocketFailure failure, string what)
        {
            Check.False(rig.Transport.Open(), what + ": open");
            Check.Equal(failure, rig.Transport.LastFailure, what + ": failure");
            Check.False(rig.Transport.IsOpen, what + ": not open");
            Check.False(rig.Server.Wire.IsOpen, what + ": below closed");
            Check.Equal(-1, rig.Transport.Receive(rig.Received, 0, 4), what + ": receive");
        }

        private static int KeyAt(ScriptedWebSocketServer server)
        {
            return server.RequestLength - 4 - 24;
        }

        private static bool StartsWith(ScriptedWebSocketServer server, string text)
        {
            if (server.RequestLength < text.Length)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                if (server.RequestBytes[i] != text[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
