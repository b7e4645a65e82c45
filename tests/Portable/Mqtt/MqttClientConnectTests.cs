using System;
using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>CONNECT and CONNACK, MQTT 3.1.1 §3.1, §3.2, on a scripted transport.</summary>
    public static class MqttClientConnectTests
    {
        public static void ConnectSendsConnectAndConnAckConnects()
        {
            ClientRig rig = new ClientRig();
            Check.Equal(MqttStatus.Ok, rig.Client.Connect(rig.Options), "connect");
            Check.Equal(MqttConnectionState.Connecting, rig.Client.State, "waiting for CONNACK");
            rig.ExpectSent("10 0F 00 04 4D 51 54 54 04 02 00 3C 00 03 72 69 67", "CONNECT");
            Check.Equal(MqttStatus.Ok, rig.Deliver("20 02 00 00"), "CONNACK");
            Check.Equal(MqttConnectionState.Connected, rig.Client.State, "connected");
            Check.Equal(1, rig.Handler.Connected, "OnConnected");
            Check.False(rig.Handler.LastSessionPresent, "no session");
        }

        public static void RefusalCodesCloseWithTheirStatus()
        {
            CheckRefusal("01", MqttStatus.RefusedProtocolVersion);
            CheckRefusal("02", MqttStatus.RefusedIdentifierRejected);
            CheckRefusal("03", MqttStatus.RefusedServerUnavailable);
            CheckRefusal("04", MqttStatus.RefusedBadCredentials);
            CheckRefusal("05", MqttStatus.RefusedNotAuthorized);
            CheckRefusal("06", MqttStatus.RefusedUnknownCode);
        }

        public static void MalformedConnAckCloses()
        {
            CheckConnAckMalformed("20 02 02 00", "reserved acknowledge flag bit (§3.2.2.1)");
            CheckConnAckMalformed("21 02 00 00", "reserved fixed header flags");
            CheckConnAckMalformed("20 03 00 00 00", "remaining length must be 2");
        }

        public static void PacketBeforeConnAckIsAProtocolViolation()
        {
            ClientRig rig = new ClientRig();
            rig.Client.Connect(rig.Options);
            Check.Equal(MqttStatus.ProtocolViolation, rig.Deliver("30 03 00 01 61"), "PUBLISH before CONNACK (MQTT-3.2.0-1)");
            Check.Equal(MqttStatus.ProtocolViolation, rig.Handler.LastCloseReason, "reported");
            Check.False(rig.Transport.IsOpen, "transport closed");
        }

        public static void SecondConnAckIsAProtocolViolation()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            Check.Equal(MqttStatus.ProtocolViolation, rig.Deliver("20 02 00 00"), "second CONNACK");
        }

        public static void ConnAckTimeoutCloses()
        {
            ClientRig rig = new ClientRig();
            rig.Client.Connect(rig.Options);
            rig.Clock.Advance(2999);
            Check.Equal(MqttStatus.Ok, rig.Client.Poll(), "still waiting");
            rig.Clock.Advance(1);
            Check.Equal(MqttStatus.ConnectTimeout, rig.Client.Poll(), "time-out");
            Check.Equal(MqttConnectionState.Disconnected, rig.Client.State, "disconnected");
        }

        public static void ConnAckTimeoutCountsFromTheConnect()
        {
            ClientRig rig = new ClientRig();
            rig.Clock.Advance(1000);
            rig.Client.Connect(rig.Options);
            rig.Clock.Advance(2999);
            Check.Equal(MqttStatus.Ok, rig.Client.Poll(), "just before 3 s after the CONNECT");
            rig.Clock.Advance(1);
            Check.Equal(MqttStatus.ConnectTimeout, rig.Client.Poll(), "3 s after the CONNECT");
        }

        public static void TransportThatCannotOpenIsReported()
        {
            ClientRig rig = new ClientRig();
            rig.Transport.OpenSucceeds = false;
            Check.Equal(MqttStatus.TransportOpenFailed, rig.Client.Connect(rig.Options), "open failed");
            Check.Equal(MqttConnectionState.Disconnected, rig.Client.State, "disconnected");
            Check.Equal(MqttStatus.NotConnected, rig.Client.Poll(), "poll while disconnected");
        }

        public static void ConnectTwiceIsRefused()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            Check.Equal(MqttStatus.AlreadyConnected, rig.Client.Connect(rig.Options), "second connect");
        }

        public static void SessionPresentAfterCleanSessionRequestCloses()
        {
            ClientRig rig = new ClientRig();
            rig.Options.CleanSession = true;
            rig.Client.Connect(rig.Options);
            Check.Equal(MqttStatus.UnexpectedSessionPresent, rig.Deliver("20 02 01 00"), "MQTT-3.2.2-1 broken by the broker");
            Check.Equal(0, rig.Handler.Connected, "never reported connected");
        }

        public static void PersistentSessionReportsSessionPresent()
        {
            ClientRig rig = new ClientRig();
            rig.Options.CleanSession = false;
            rig.Connect(true);
            Check.True(rig.Handler.LastSessionPresent, "session present");
        }

        public static void InvalidOptionsAreCallerBugs()
        {
            ClientRig rig = new ClientRig();
            MqttConnectOptions empty = new MqttConnectOptions(string.Empty);
            empty.CleanSession = false;
            Check.Throws(typeof(ArgumentException), delegate { rig.Client.Connect(empty); }, "empty client id needs a clean session (MQTT-3.1.3-7)");
            MqttConnectOptions password = new MqttConnectOptions("x");
            password.Password = new byte[] { 1 };
            Check.Throws(typeof(ArgumentException), delegate { rig.Client.Connect(password); }, "password without user name (MQTT-3.1.2-22)");
            MqttConnectOptions will = new MqttConnectOptions("x");
            will.WillTopic = "a/#";
            Check.Throws(typeof(ArgumentException), delegate { rig.Client.Connect(will); }, "wildcard in will topic");
            Check.Equal(0, rig.Transport.OpenCount, "nothing opened");
        }

        public static void DisconnectSendsDisconnectAndKeepsSession()
        {
            ClientRig rig = new ClientRig();
            rig.Options.CleanSession = false;
            rig.Connect();
            rig.Publish("a", "x", MqttQos.AtLeastOnce);
            rig.Transport.ClearSent();
            Check.Equal(MqttStatus.Ok, rig.Client.Disconnect(), "disconnect");
            rig.ExpectSent("E0 00", "DISCONNECT");
            Check.Equal(MqttStatus.ClosedByClient, rig.Handler.LastCloseReason, "reason");
            Check.False(rig.Transport.IsOpen, "closed");
            Check.Equal(1, rig.Client.Inflight.Count, "unacknowledged message kept for the next connection");
        }

        private static void CheckRefusal(string code, MqttStatus expected)
        {
            ClientRig rig = new ClientRig();
            rig.Client.Connect(rig.Options);
            Check.Equal(expected, rig.Deliver("20 02 00 " + code), "CONNACK return code " + code);
            Check.Equal(expected, rig.Handler.LastCloseReason, "reported");
            Check.Equal(MqttConnectionState.Disconnected, rig.Client.State, "disconnected");
            Check.False(rig.Transport.IsOpen, "transport closed");
        }

        private static void CheckConnAckMalformed(string hex, string what)
        {
            ClientRig rig = new ClientRig();
            rig.Client.Connect(rig.Options);
            Check.Equal(MqttStatus.MalformedPacket, rig.Deliver(hex), what);
            Check.False(rig.Transport.IsOpen, "closed: " + what);
        }
    }
}
