using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>
    /// Bytes that arrive in the same read burst as the peer's close are still dispatched: a broker that refuses a
    /// CONNECT sends CONNACK and closes at once (MQTT 3.1.1 §3.2.2.3), and the refusal must not turn into TransportClosed.
    /// </summary>
    public static class MqttClientPeerCloseTests
    {
        public static void RefusalFollowedByCloseReportsTheRefusal()
        {
            ClientRig rig = new ClientRig();
            rig.Client.Connect(rig.Options);
            rig.Transport.Deliver(HexBytes.Parse("20 02 00 05"));
            rig.Transport.CloseWhenDrained = true;
            Check.Equal(MqttStatus.RefusedNotAuthorized, rig.Client.Poll(), "CONNACK 5 then FIN");
            Check.Equal(1, rig.Handler.Closed, "one close reported");
            Check.Equal(MqttStatus.RefusedNotAuthorized, rig.Handler.LastCloseReason, "reported as the refusal");
            Check.Equal(MqttConnectionState.Disconnected, rig.Client.State, "disconnected");
            Check.False(rig.Transport.IsOpen, "transport closed");
        }

        public static void MessageFollowedByCloseIsDeliveredThenCloseReported()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            rig.Transport.Deliver(HexBytes.Parse("30 05 00 01 61 68 69"));
            rig.Transport.CloseWhenDrained = true;
            Check.Equal(MqttStatus.TransportClosed, rig.Client.Poll(), "PUBLISH then FIN");
            Check.Equal(1, rig.Handler.Messages, "message delivered");
            Check.Bytes(HexBytes.Ascii("hi"), rig.Handler.LastPayload, 0, rig.Handler.LastPayload.Length, "payload");
            Check.Equal(1, rig.Handler.Closed, "one close reported");
            Check.Equal(MqttStatus.TransportClosed, rig.Handler.LastCloseReason, "then the close");
        }

        public static void AHandlerThatReconnectsOnRefusalKeepsItsNewConnection()
        {
            ClientRig rig = new ClientRig();
            rig.Handler.OnClosedReaction = delegate
            {
                if (rig.Handler.Closed == 1)
                {
                    rig.Client.Connect(rig.Options);
                }
            };
            rig.Client.Connect(rig.Options);
            rig.Transport.Deliver(HexBytes.Parse("20 02 00 05"));
            rig.Transport.CloseWhenDrained = true;
            rig.Client.Poll();
            Check.Equal(MqttStatus.RefusedNotAuthorized, rig.Handler.LastCloseReason, "the refusal is what was reported");
            Check.Equal(1, rig.Handler.Closed, "the new connection was not closed in its place");
            Check.Equal(MqttConnectionState.Connecting, rig.Client.State, "the handler's new attempt is under way");
        }
    }
}
