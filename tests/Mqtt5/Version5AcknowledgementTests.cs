using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt5
{
    /// <summary>MQTT 5.0 reason codes on every acknowledgement, both ways, and DISCONNECT and AUTH (§2.4, §3.4-§3.7, §3.9, §3.11, §3.14, §3.15).</summary>
    public static class Version5AcknowledgementTests
    {
        public static void PubAckReasonCodesReachTheHandler()
        {
            Version5Rig rig = new Version5Rig();
            rig.Connect();
            ushort id = rig.Send("a", "x", MqttQos.AtLeastOnce);
            rig.ExpectSent("32 07 00 01 61 00 01 00 78", "QoS 1 PUBLISH with an empty property block");
            rig.Deliver("40 03 00 01 10");
            Check.Equal(1, rig.Handler.ReasonCodeCalls, "OnReasonCodes");
            Check.Equal(MqttPacketType.PubAck, rig.Handler.LastCodesPacket, "PUBACK");
            Check.Equal(id, rig.Handler.LastCodesId, "its id");
            Check.Equal(0x10, rig.Handler.LastCodes[0], "No matching subscribers");
            Check.Equal(1, rig.Base.Acknowledged, "a success code is an acknowledgement");
            id = rig.Send("a", "x", MqttQos.AtLeastOnce);
            rig.Deliver("40 02 00 02");
            Check.Equal(0x00, rig.Handler.LastCodes[0], "a left-out code is Success (§3.4.2.1)");
            Check.Equal(2, rig.Base.Acknowledged, "acknowledged");
        }

        public static void AFailedPubAckOrPubRecGivesTheMessageUp()
        {
            Version5Rig rig = new Version5Rig();
            rig.Connect();
            ushort id = rig.Send("a", "x", MqttQos.AtLeastOnce);
            rig.Transport.ClearSent();
            rig.Deliver("40 08 00 01 87 04 1F 00 01 78");
            Check.Equal(0x87, rig.Handler.LastCodes[0], "Not authorized");
            Check.Equal(1, rig.Base.Abandoned, "given up");
            Check.Equal(id, rig.Base.LastAbandonedId, "that message");
            Check.Equal(MqttStatus.PublishRefused, rig.Base.LastAbandonReason, "why");
            Check.Equal(0, rig.Base.Acknowledged, "not acknowledged");
            Check.Equal(0, rig.Client.Inflight.Count, "slot free: it is not resent");

            id = rig.Send("a", "x", MqttQos.ExactlyOnce);
            rig.Transport.ClearSent();
            rig.Deliver("50 03 00 02 80");
            Check.Equal(0, rig.Transport.SentCount, "no PUBREL after a failed PUBREC (§4.3.3)");
            Check.Equal(MqttStatus.PublishRefused, rig.Base.LastAbandonReason, "given up");
            Check.Equal(0, rig.Client.Inflight.Count, "slot free");
        }

        public static void QosTwoFlowReportsEachCode()
        {
            Version5Rig rig = new Version5Rig();
            rig.Connect();
            rig.Send("a", "x", MqttQos.ExactlyOnce);
            rig.Transport.ClearSent();
            rig.Deliver("50 02 00 01");
            rig.ExpectSent("62 02 00 01", "PUBREL, Success left out");
            Check.Equal(MqttPacketType.PubRec, rig.Handler.LastCodesPacket, "PUBREC's code");
            rig.Deliver("70 03 00 01 92");
            Check.Equal(MqttPacketType.PubComp, rig.Handler.LastCodesPacket, "PUBCOMP's code");
            Check.Equal(0x92, rig.Handler.LastCodes[0], "Packet Identifier not found");
            Check.Equal(1, rig.Base.Acknowledged, "the message was taken at PUBREC");
        }

        public static void PubCompSaysWhetherTheIdWasKnown()
        {
            Version5Rig rig = new Version5Rig();
            rig.Connect();
            rig.Deliver("34 07 00 01 61 00 07 00 78");
            rig.ExpectSent("50 02 00 07", "PUBREC");
            rig.Deliver("62 02 00 07");
            rig.ExpectSent("70 02 00 07", "PUBCOMP Success");
            Check.Equal(MqttPacketType.PubRel, rig.Handler.LastCodesPacket, "PUBREL's code reported");
            rig.Deliver("62 02 00 07");
            rig.ExpectSent("70 03 00 07 92", "PUBCOMP 0x92 Packet Identifier not found (§3.7.2.1)");
        }

        public static void SubAckAndUnsubAckCodesPerFilter()
        {
            Version5Rig rig = new Version5Rig();
            rig.Connect();
            ushort id;
            Check.Equal(MqttStatus.Ok, rig.Client.Subscribe(new string[] { "a", "b" }, new byte[] { 0x01, 0x02 }, 2, 0, out id), "subscribe");
            rig.ExpectSent("82 0B 00 01 00 00 01 61 01 00 01 62 02", "SUBSCRIBE with an empty property block");
            rig.Deliver("90 05 00 01 00 01 87");
            Check.Equal(2, rig.Handler.LastCodesCount, "one code per filter");
            Check.Equal(0x01, rig.Handler.LastCodes[0], "granted QoS 1");
            Check.Equal(0x87, rig.Handler.LastCodes[1], "Not authorized");
            Check.Equal(1, rig.Base.SubscribeAcks, "OnSubscribeAcknowledged");
            Check.Equal(2, rig.Base.LastSubscribeCodes.Length, "with the same codes");

            Check.Equal(MqttStatus.Ok, rig.Client.Unsubscribe(new string[] { "a", "b" }, 2, out id), "unsubscribe");
            rig.ExpectSent("A2 09 00 02 00 00 01 61 00 01 62", "UNSUBSCRIBE with an empty property block");
            rig.Deliver("B0 05 00 02 00 00 11");
            Check.Equal(MqttPacketType.UnsubAck, rig.Handler.LastCodesPacket, "UNSUBACK");
            Check.Equal(2, rig.Handler.LastCodesCount, "two codes");
            Check.Equal(0x11, rig.Handler.LastCodes[1], "No subscription existed");
            Check.Equal(1, rig.Base.UnsubscribeAcks, "OnUnsubscribeAcknowledged");

            rig.Client.Unsubscribe(new string[] { "a", "b" }, 2, out id);
            rig.Transport.ClearSent();
            Check.Equal(MqttStatus.MalformedPacket, rig.Deliver("B0 04 00 03 00 00"), "one code for two filters");
            rig.ExpectSent("E0 01 81", "DISCONNECT Malformed Packet before closing (§4.13)");
        }

        public static void DisconnectFromTheServerIsReported()
        {
            Version5Rig rig = new Version5Rig();
            rig.Connect();
            Check.Equal(MqttStatus.DisconnectedByServer, rig.Deliver("E0 0C 8B 0A 1F 00 03 62 79 65 1C 00 01 62"), "DISCONNECT");
            Check.Equal(MqttStatus.DisconnectedByServer, rig.Base.LastCloseReason, "reported");
            Check.Equal(MqttPacketType.Disconnect, rig.Handler.LastServerPacket, "the 5.0 handler heard it");
            Check.Equal(0x8B, rig.Handler.LastServerReason, "Server shutting down");
            MqttServerProperties server = rig.Client.Server;
            Check.Equal("bye", Version5Rig.Text(server.Buffer, server.ReasonStringOffset, server.ReasonStringLength), "Reason String");
            Check.Equal("b", Version5Rig.Text(server.Buffer, server.ServerReferenceOffset, server.ServerReferenceLength), "Server Reference");
            Check.Equal(0, rig.Transport.SentCount, "nothing sent back: the server closes (§3.14)");

            rig = new Version5Rig();
            rig.Connect();
            Check.Equal(MqttStatus.DisconnectedByServer, rig.Deliver("E0 00"), "a DISCONNECT with nothing but its header");
            Check.Equal(0, rig.Client.Server.ReasonCode, "Normal disconnection");
        }

        public static void DisconnectCarriesOurReasonCode()
        {
            Version5Rig rig = new Version5Rig();
            rig.Connect();
            Check.Equal(MqttStatus.Ok, rig.Client.Disconnect(0x04), "disconnect with will");
            rig.ExpectSent("E0 01 04", "Disconnect with Will Message (§3.14.2.1)");
            rig.Connect();
            rig.Client.Disconnect();
            rig.ExpectSent("E0 00", "Normal disconnection, both fields left out");
        }

        public static void AuthIsRecognisedAndRefused()
        {
            Version5Rig rig = new Version5Rig();
            rig.Connect();
            Check.Equal(MqttStatus.AuthenticationNotSupported, rig.Deliver("F0 02 18 00"), "AUTH Continue authentication");
            Check.Equal(MqttPacketType.Auth, rig.Handler.LastServerPacket, "reported");
            Check.Equal(0x18, rig.Handler.LastServerReason, "its code");
            rig.ExpectSent("E0 01 82", "DISCONNECT Protocol Error: we sent no Authentication Method (§4.12)");
        }
    }
}
