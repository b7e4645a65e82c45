using HomeNode.Mqtt;
using HomeNode.Tests.Mqtt;

namespace HomeNode.Tests.Mqtt5
{
    /// <summary>MQTT 5.0 CONNECT and CONNACK (OASIS MQTT 5.0 §3.1, §3.2) through the client, on a scripted transport.</summary>
    public static class Version5ConnectTests
    {
        public static void ConnectAnnouncesTheLimitsOfOurBuffers()
        {
            Version5Rig rig = new Version5Rig();
            Check.Equal(MqttStatus.Ok, rig.Client.Connect(rig.Options), "connect");
            rig.ExpectSent(Version5Rig.PlainConnect, "level 5; Receive Maximum 4 = incoming table, Maximum Packet Size 256 = receive buffer (§3.1.2.11)");
            Check.Equal(MqttStatus.Ok, rig.Deliver("20 03 00 00 00"), "CONNACK Success, no properties");
            Check.True(rig.Client.IsConnected, "connected");
            Check.Equal(1, rig.Base.Connected, "OnConnected");
            Check.Equal(1, rig.Handler.ServerPackets, "the 5.0 handler heard the CONNACK");
            Check.Equal(MqttPacketType.ConnAck, rig.Handler.LastServerPacket, "which packet");
            Check.Equal(65535, rig.Client.Server.ReceiveMaximum, "no limits when the server sends none");
            Check.Equal(2, rig.Client.Server.MaximumQos, "QoS 2");
            Check.True(rig.Client.Server.RetainAvailable, "retain");
            Check.Equal(0, rig.Properties.ReceiveMaximum, "the caller's properties are not changed");
        }

        public static void ConnectAnnouncesTheLimitsOfOurBuffersWithoutProperties()
        {
            Version5Rig rig = new Version5Rig();
            rig.Options.Properties = null;
            Check.Equal(MqttStatus.Ok, rig.Client.Connect(rig.Options), "connect");
            rig.ExpectSent(Version5Rig.PlainConnect, "options without properties still say Receive Maximum 4 and Maximum Packet Size 256 (§3.1.2.11)");
        }

        public static void OurBuffersCapTheCallersLimitsAndASmallerOneWins()
        {
            Version5Rig rig = new Version5Rig(); // incoming table 4, receive buffer 256, no incoming alias table
            rig.Properties.ReceiveMaximum = 100;
            rig.Properties.MaximumPacketSize = 100;
            rig.Properties.TopicAliasMaximum = 9;
            Check.Equal(MqttStatus.Ok, rig.Client.Connect(rig.Options), "connect");
            rig.ExpectSent(
                "10 18 00 04 4D 51 54 54 05 02 00 3C 08 21 00 04 27 00 00 00 64 00 03 72 69 67",
                "Receive Maximum capped to the incoming table (4), the caller's smaller Maximum Packet Size (100) kept, no Topic Alias Maximum without an alias table (§3.1.2.11.3-5)");
            Check.Equal(100, rig.Properties.ReceiveMaximum, "the caller's properties are not changed");
            Check.Equal(9, rig.Properties.TopicAliasMaximum, "nor its alias maximum");
        }

        public static void ConnectCarriesSessionExpiryUserPropertiesAndWillProperties()
        {
            Version5Rig rig = new Version5Rig(2, 0);
            rig.Options.CleanSession = false;
            rig.Properties.SessionExpiryInterval = 3600;
            rig.Properties.UserProperties = new MqttUserProperties(2);
            rig.Properties.UserProperties.Add("a", "b");
            rig.Options.WillTopic = "w";
            rig.Options.WillPayload = new byte[] { 0x78 };
            rig.Properties.WillDelayInterval = 5;
            rig.Properties.WillMessageExpiryInterval = 60;
            rig.Properties.WillContentType = "t";
            rig.Properties.WillResponseTopic = "r";
            rig.Properties.WillCorrelationData = new byte[] { 1, 2 };
            Check.Equal(MqttStatus.Ok, rig.Client.Connect(rig.Options), "connect");
            rig.ExpectSent(
                "10 45 00 04 4D 51 54 54 05 04 00 3C 17 11 00 00 0E 10 21 00 04 27 00 00 01 00 22 00 02 26 00 01 61 00 01 62 " +
                "00 03 72 69 67 17 18 00 00 00 05 02 00 00 00 3C 03 00 01 74 08 00 01 72 09 00 02 01 02 00 01 77 00 01 78",
                "Clean Start 0, will flag; Session Expiry 3600, Topic Alias Maximum 2 = incoming alias table, User Property; will properties (§3.1.3.2)");
        }

        public static void ConnAckPropertiesAreExposedAndObeyed()
        {
            Version5Rig rig = new Version5Rig();
            rig.Connect(
                "20 2E 00 00 2B 11 00 00 00 78 21 00 02 24 01 25 00 27 00 00 00 40 12 00 02 69 64 22 00 03 1F 00 02 6F 6B " +
                "28 00 29 00 2A 00 13 00 0A 1A 00 01 72");
            MqttServerProperties server = rig.Client.Server;
            Check.Equal(120, server.SessionExpiryInterval, "Session Expiry Interval");
            Check.Equal(2, server.ReceiveMaximum, "Receive Maximum");
            Check.Equal(1, server.MaximumQos, "Maximum QoS");
            Check.False(server.RetainAvailable, "Retain Available");
            Check.Equal(64, server.MaximumPacketSize, "Maximum Packet Size");
            Check.Equal(3, server.TopicAliasMaximum, "Topic Alias Maximum");
            Check.Equal(10, server.ServerKeepAlive, "Server Keep Alive");
            Check.False(server.WildcardSubscriptionAvailable, "wildcards");
            Check.False(server.SubscriptionIdentifierAvailable, "subscription identifiers");
            Check.False(server.SharedSubscriptionAvailable, "shared subscriptions");
            Check.Equal("id", Version5Rig.Text(server.Buffer, server.AssignedClientIdentifierOffset, server.AssignedClientIdentifierLength), "Assigned Client Identifier");
            Check.Equal("ok", Version5Rig.Text(server.Buffer, server.ReasonStringOffset, server.ReasonStringLength), "Reason String");
            Check.Equal("r", Version5Rig.Text(server.Buffer, server.ResponseInformationOffset, server.ResponseInformationLength), "Response Information");
            Check.Equal(-1, server.ServerReferenceLength, "no Server Reference");

            // Everything the server limits is refused before a byte is sent.
            ushort id;
            Check.Equal(MqttStatus.QosNotSupported, rig.Send("a", "x", MqttQos.ExactlyOnce, false, out id), "QoS 2 above Maximum QoS 1");
            Check.Equal(MqttStatus.RetainNotSupported, rig.Send("a", "x", MqttQos.AtMostOnce, true, out id), "retained, Retain Available 0");
            Check.Equal(MqttStatus.PacketTooLarge, rig.Send("a", "0123456789012345678901234567890123456789012345678901234567890", MqttQos.AtMostOnce, false, out id), "67 bytes, Maximum Packet Size 64");
            Check.Equal(MqttStatus.NotSupported, rig.Client.Subscribe("a", (byte)1, 7, out id), "Subscription Identifier unavailable");
            Check.Equal(0, rig.Transport.SentCount, "nothing sent");
            Check.Equal(0, rig.Client.Inflight.Count, "no slot taken");
            rig.Send("a", "x", MqttQos.AtLeastOnce);
            rig.Send("a", "y", MqttQos.AtLeastOnce);
            Check.Equal(MqttStatus.InflightFull, rig.Send("a", "z", MqttQos.AtLeastOnce, false, out id), "Receive Maximum 2 reached (§4.9)");
            rig.Transport.ClearSent();

            // Server Keep Alive 10 s replaces our 60 s (§3.2.2.3.14).
            KeepAliveCheck.PingDueIn(rig.Client, rig.Clock, rig.Transport, 10000, "not yet", "PINGREQ after the server's keep-alive");
        }

        public static void ServerKeepAliveZeroTurnsKeepAliveOff()
        {
            // §3.2.2.3.14: the server's 0 replaces our 60 s, and 0 means no keep-alive (§3.1.2.10).
            Version5Rig rig = new Version5Rig();
            rig.Connect("20 06 00 00 03 13 00 00");
            rig.Clock.Advance(10 * 60 * 60 * 1000L);
            Check.Equal(MqttStatus.Ok, rig.Client.Poll(), "poll after 10 h");
            Check.Equal(0, rig.Transport.SentCount, "no PINGREQ");
        }

        public static void ServerKeepAliveLastsOneConnection()
        {
            Version5Rig rig = new Version5Rig();
            rig.Connect("20 06 00 00 03 13 00 0A");
            rig.Client.Disconnect();
            rig.Options.ProtocolVersion = MqttProtocolVersion.V311;
            Check.Equal(MqttStatus.Ok, rig.Client.Connect(rig.Options), "connect with 3.1.1");
            Check.Equal(MqttStatus.Ok, rig.Deliver("20 02 00 00"), "CONNACK");
            KeepAliveCheck.PingDueIn(rig.Client, rig.Clock, rig.Transport, 60000, "not after the last connection's 10 s", "PINGREQ after our 60 s");
        }

        public static void UnsupportedProtocolVersionIsTheFallbackSignal()
        {
            Version5Rig rig = new Version5Rig();
            rig.Client.Connect(rig.Options);
            Check.Equal(MqttStatus.RefusedProtocolVersion, rig.Deliver("20 03 00 84 00"), "5.0 CONNACK 0x84 Unsupported Protocol Version");
            Check.Equal(0x84, rig.Client.Server.ReasonCode, "the code");
            Check.Equal(1, rig.Handler.ServerPackets, "the 5.0 handler heard the refusal");
            Check.Equal(0, rig.Base.Connected, "not connected");

            rig = new Version5Rig();
            rig.Client.Connect(rig.Options);
            Check.Equal(MqttStatus.RefusedProtocolVersion, rig.Deliver("20 02 00 01"), "a 3.1.1 server's CONNACK, return code 1 (MQTT-3.1.2-2)");
            Check.Equal(MqttStatus.RefusedProtocolVersion, rig.Base.LastCloseReason, "reported");
            Check.Equal(1, rig.Client.Server.ReasonCode, "the 3.1.1 return code");

            rig = new Version5Rig();
            rig.Client.Connect(rig.Options);
            rig.Transport.CloseWhenDrained = true;
            Check.Equal(MqttStatus.ClosedBeforeConnAck, rig.Client.Poll(), "a server that closes on a 5.0 CONNECT");
            Check.False(rig.Transport.IsOpen, "closed");
        }

        public static void OtherRefusalsMapToTheirStatus()
        {
            CheckRefusal("20 03 00 85 00", MqttStatus.RefusedIdentifierRejected);
            CheckRefusal("20 03 00 86 00", MqttStatus.RefusedBadCredentials);
            CheckRefusal("20 03 00 87 00", MqttStatus.RefusedNotAuthorized);
            CheckRefusal("20 03 00 89 00", MqttStatus.RefusedServerUnavailable);
            Version5Rig rig = CheckRefusal("20 0B 00 9C 08 1C 00 05 6F 74 68 65 72", MqttStatus.RefusedByServer);
            Check.Equal(0x9C, rig.Client.Server.ReasonCode, "Use another server");
            Check.Equal("other", Version5Rig.Text(rig.Client.Server.Buffer, rig.Client.Server.ServerReferenceOffset, rig.Client.Server.ServerReferenceLength), "Server Reference");
            CheckRefusal("20 03 00 05 00", MqttStatus.MalformedPacket);
        }

        public static void SessionPresentAfterCleanStartCloses()
        {
            Version5Rig rig = new Version5Rig();
            rig.Client.Connect(rig.Options);
            Check.Equal(MqttStatus.UnexpectedSessionPresent, rig.Deliver("20 03 01 00 00"), "MQTT-3.2.2-2");
        }

        public static void SessionPresentFollowsWhatTheConnectAsked()
        {
            // Clean Start 0 went out; the options changed for the next connection before CONNACK: Session Present 1 is
            // still the answer to this CONNECT, not a protocol error.
            Version5Rig rig = new Version5Rig();
            rig.Options.CleanSession = false;
            rig.Properties.SessionExpiryInterval = 300;
            Check.Equal(MqttStatus.Ok, rig.Client.Connect(rig.Options), "connect with Clean Start 0");
            rig.Options.CleanSession = true;
            Check.Equal(MqttStatus.Ok, rig.Deliver("20 03 01 00 00"), "Session Present 1");
            Check.True(rig.Client.IsConnected, "connected");
            Check.True(rig.Base.LastSessionPresent, "session present");
        }

        public static void SessionExpiryDecidesWhetherAMissingSessionWasLost()
        {
            // Clean Start 0 with Session Expiry 0: the session ended with the connection, so none is expected back.
            Version5Rig rig = new Version5Rig();
            rig.Options.CleanSession = false;
            rig.Client.Connect(rig.Options);
            rig.ExpectSent("10 18 00 04 4D 51 54 54 05 00 00 3C 08 21 00 04 27 00 00 01 00 00 03 72 69 67", "Clean Start 0");
            rig.Deliver("20 03 00 00 00");
            rig.Send("a", "x", MqttQos.AtLeastOnce);
            rig.Client.DropConnection();
            rig.Transport.ClearSent();
            rig.Connect();
            Check.Equal(0, rig.Base.Notices, "no SessionLost: Session Expiry 0 asked for a new session");
            Check.Equal(1, rig.Client.Inflight.Count, "the message was published again as a new one");

            // Session Expiry above 0: a session present is resumed, a missing one was lost.
            rig = new Version5Rig();
            rig.Options.CleanSession = false;
            rig.Properties.SessionExpiryInterval = 300;
            LeaveOneUnacknowledged(rig, "20 03 00 00 00");
            rig.Client.Connect(rig.Options);
            rig.Transport.ClearSent();
            rig.Deliver("20 03 01 00 00");
            rig.ExpectSent("3A 07 00 01 61 00 01 00 78", "resent with DUP=1, its properties kept");
            Check.True(rig.Base.LastSessionPresent, "session present");
            rig.Client.DropConnection();
            rig.Client.Connect(rig.Options);
            rig.Properties.SessionExpiryInterval = 0; // changed for the next connection, after this CONNECT went out
            rig.Deliver("20 03 00 00 00");
            Check.Equal(MqttStatus.SessionLost, rig.Base.LastNotice, "lost: this CONNECT asked for 300 s");
        }

        public static void TheServersSessionExpiryDecidesWhetherASessionWasLost()
        {
            // §3.2.2.3.2: a Session Expiry Interval in CONNACK replaces ours. Asked 300 s, told 0: the session ended with
            // the connection, so none is expected back.
            Version5Rig rig = new Version5Rig();
            rig.Options.CleanSession = false;
            rig.Properties.SessionExpiryInterval = 300;
            LeaveOneUnacknowledged(rig, "20 08 00 00 05 11 00 00 00 00");
            rig.Connect();
            Check.Equal(0, rig.Base.Notices, "no SessionLost: the server said the session ends with the connection");
            Check.Equal(1, rig.Client.Inflight.Count, "the message was published again as a new one");

            // Asked 0, told 60 s: the session was to be kept, and a missing one was lost.
            rig = new Version5Rig();
            rig.Options.CleanSession = false;
            LeaveOneUnacknowledged(rig, "20 08 00 00 05 11 00 00 00 3C");
            rig.Connect();
            Check.Equal(MqttStatus.SessionLost, rig.Base.LastNotice, "lost: the server had said 60 s");
        }

        // Connects with connAck, publishes one QoS 1 message and drops the connection before its PUBACK.
        private static void LeaveOneUnacknowledged(Version5Rig rig, string connAck)
        {
            rig.Connect(connAck);
            rig.Send("a", "x", MqttQos.AtLeastOnce);
            rig.Client.DropConnection();
        }

        public static void AnEmptyClientIdMayKeepItsSessionIn5()
        {
            Version5Rig rig = new Version5Rig();
            MqttConnectOptions options = new MqttConnectOptions(string.Empty);
            options.ProtocolVersion = MqttProtocolVersion.V500;
            options.CleanSession = false;
            Check.Equal(MqttStatus.Ok, rig.Client.Connect(options), "allowed in 5.0 (§3.1.3.1)");
            rig.Deliver("20 08 00 00 05 12 00 02 69 64");
            Check.Equal("id", Version5Rig.Text(rig.Client.Server.Buffer, rig.Client.Server.AssignedClientIdentifierOffset, rig.Client.Server.AssignedClientIdentifierLength), "assigned");
        }

        public static void ThreePointOneOneIgnoresVersion5Properties()
        {
            ClientRig rig = new ClientRig();
            rig.Options.Properties = new MqttConnectProperties();
            rig.Options.Properties.SessionExpiryInterval = 10;
            Check.Equal(MqttStatus.Ok, rig.Client.Connect(rig.Options), "connect");
            rig.ExpectSent("10 0F 00 04 4D 51 54 54 04 02 00 3C 00 03 72 69 67", "the 3.1.1 CONNECT, byte for byte");
            rig.Deliver("20 02 00 00");
            MqttPublishProperties properties = new MqttPublishProperties();
            properties.MessageExpiryInterval = 5;
            byte[] payload = HexBytes.Ascii("x");
            ushort id;
            Check.Equal(MqttStatus.Ok, rig.Client.Publish("a", payload, 0, 1, MqttQos.AtMostOnce, false, out id, properties), "publish");
            rig.ExpectSent("30 04 00 01 61 78", "no property block in 3.1.1");
            Check.Equal(MqttStatus.NotSupported, rig.Client.Subscribe("a", (byte)0x05, 0, out id), "No Local is 5.0 only");
            Check.Equal(MqttStatus.NotSupported, rig.Client.Subscribe("a", (byte)0x01, 3, out id), "Subscription Identifier is 5.0 only");
            Check.Equal(MqttStatus.Ok, rig.Client.Subscribe("a", (byte)0x01, 0, out id), "QoS alone");
            rig.ExpectSent("82 06 00 01 00 01 61 01", "a 3.1.1 SUBSCRIBE");
            Check.Equal(MqttStatus.Ok, rig.Client.Disconnect(0x04), "disconnect");
            rig.ExpectSent("E0 00", "3.1.1 DISCONNECT has no reason code");
        }

        private static Version5Rig CheckRefusal(string connAck, MqttStatus expected)
        {
            Version5Rig rig = new Version5Rig();
            rig.Client.Connect(rig.Options);
            Check.Equal(expected, rig.Deliver(connAck), "CONNACK " + connAck);
            Check.Equal(expected, rig.Base.LastCloseReason, "reported");
            Check.False(rig.Transport.IsOpen, "closed");
            return rig;
        }
    }
}
