using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>Incoming PUBLISH at every QoS, SUBACK/UNSUBACK, and bytes from the broker that break the protocol.</summary>
    public static class MqttClientReceiveTests
    {
        public static void Qos0MessageIsAViewIntoTheReceiveBuffer()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            rig.Deliver("30 07 00 03 61 2F 62 68 69");
            Check.Equal(1, rig.Handler.Messages, "delivered");
            Check.Bytes(HexBytes.Ascii("a/b"), rig.Handler.LastTopic, "topic");
            Check.Bytes(HexBytes.Ascii("hi"), rig.Handler.LastPayload, "payload");
            Check.Equal(MqttQos.AtMostOnce, rig.Handler.LastQos, "QoS");
            Check.Equal(0, rig.Transport.SentCount, "nothing to acknowledge");
        }

        public static void RetainedFlagIsReported()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            rig.Deliver("31 07 00 03 61 2F 62 68 69");
            Check.True(rig.Handler.LastRetain, "retain");
        }

        public static void Qos1IsAcknowledgedAfterDelivery()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            rig.Deliver("32 09 00 03 61 2F 62 00 07 68 69");
            Check.Equal(1, rig.Handler.Messages, "delivered");
            rig.ExpectSent("40 02 00 07", "PUBACK");
        }

        public static void Qos2IsDeliveredExactlyOnce()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            rig.Deliver("34 09 00 03 61 2F 62 00 07 68 69");
            Check.Equal(1, rig.Handler.Messages, "delivered");
            rig.ExpectSent("50 02 00 07", "PUBREC");
            rig.Deliver("3C 09 00 03 61 2F 62 00 07 68 69");
            Check.Equal(1, rig.Handler.Messages, "the DUP resend is not delivered again");
            Check.Equal(1, rig.Client.DuplicatesSuppressed, "counted");
            rig.ExpectSent("50 02 00 07", "PUBREC again");
            rig.Deliver("62 02 00 07");
            rig.ExpectSent("70 02 00 07", "PUBCOMP");
            rig.Deliver("34 09 00 03 61 2F 62 00 07 68 69");
            Check.Equal(2, rig.Handler.Messages, "after PUBREL the id names a new message");
        }

        public static void UnknownPubRelIsStillCompleted()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            rig.Deliver("62 02 00 33");
            rig.ExpectSent("70 02 00 33", "PUBCOMP for an id we do not know (MQTT-4.3.3-2)");
        }

        public static void Qos2ReceptionsBeyondTheTableAreDeliveredAndAcknowledged()
        {
            // Issue 10, item 10: the receiver MUST answer PUBREC (MQTT-4.3.3-2); a message left unanswered would wait
            // for a reconnect that may never come. The fifth is delivered and acknowledged without its id being kept.
            ClientRig rig = new ClientRig();
            rig.Connect();
            for (int i = 1; i <= 5; i++)
            {
                rig.Deliver("34 09 00 03 61 2F 62 00 0" + i.ToString() + " 68 69");
            }

            Check.Equal(5, rig.Handler.Messages, "all five delivered");
            Check.Equal(MqttStatus.IncomingQos2TableFull, rig.Handler.LastNotice, "the fifth reported");
            Check.Equal(1, rig.Client.UntrackedQos2Deliveries, "and counted");
            rig.ExpectSent("50 02 00 01 50 02 00 02 50 02 00 03 50 02 00 04 50 02 00 05", "five PUBRECs");
            Check.Equal(4, rig.Client.Inflight.IncomingCount, "four ids remembered");

            rig.Deliver("3C 09 00 03 61 2F 62 00 02 68 69");
            Check.Equal(5, rig.Handler.Messages, "a resend of a remembered id is still not delivered twice");
            rig.ExpectSent("50 02 00 02", "PUBREC again");

            rig.Deliver("62 02 00 05 62 02 00 01");
            rig.ExpectSent("70 02 00 05 70 02 00 01", "PUBCOMP for the untracked and the tracked message");
            Check.Equal(3, rig.Client.Inflight.IncomingCount, "PUBREL frees its slot");
            rig.Deliver("34 09 00 03 61 2F 62 00 06 68 69");
            Check.Equal(6, rig.Handler.Messages, "the next one is tracked again");
            Check.Equal(4, rig.Client.Inflight.IncomingCount, "in the freed slot");
            Check.Equal(1, rig.Client.UntrackedQos2Deliveries, "not counted");
            Check.True(rig.Client.IsConnected, "still connected");
        }

        public static void SubscribeAndSubAck()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            ushort id;
            Check.Equal(MqttStatus.Ok, rig.Client.Subscribe("a/+", MqttQos.AtLeastOnce, out id), "subscribe");
            rig.ExpectSent("82 08 00 01 00 03 61 2F 2B 01", "SUBSCRIBE");
            rig.Deliver("90 03 00 01 01");
            Check.Equal(1, rig.Handler.SubscribeAcks, "SUBACK");
            Check.Bytes(HexBytes.Parse("01"), rig.Handler.LastSubscribeCodes, "granted QoS 1");
            Check.Equal(0, rig.Client.Inflight.Count, "slot freed");
        }

        public static void SubAckFailureCodeIsPassedOn()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            string[] filters = new string[] { "a", "b" };
            MqttQos[] qos = new MqttQos[] { MqttQos.AtLeastOnce, MqttQos.ExactlyOnce };
            ushort id;
            rig.Client.Subscribe(filters, qos, 2, out id);
            rig.Deliver("90 04 00 01 80 02");
            Check.Bytes(HexBytes.Parse("80 02"), rig.Handler.LastSubscribeCodes, "0x80 failure then QoS 2 (§3.9.3)");
        }

        public static void SubAckWithReservedCodeIsMalformed()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            ushort id;
            rig.Client.Subscribe("a", MqttQos.AtLeastOnce, out id);
            Check.Equal(MqttStatus.MalformedPacket, rig.Deliver("90 03 00 01 03"), "return code 3 is reserved");
        }

        public static void InvalidFiltersAreRefused()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            ushort id;
            Check.Equal(MqttStatus.InvalidTopic, rig.Client.Subscribe("a/#/b", MqttQos.AtMostOnce, out id), "# not last");
            Check.Equal(MqttStatus.InvalidTopic, rig.Client.Subscribe("a+", MqttQos.AtMostOnce, out id), "+ not a whole level");
            Check.Equal(MqttStatus.InvalidTopic, rig.Client.Unsubscribe(string.Empty, out id), "empty");
            Check.Equal(0, rig.Transport.SentCount, "nothing sent");
            Check.Equal(0, rig.Client.Inflight.Count, "no slot taken");
        }

        public static void SubAckWithTheWrongNumberOfCodesIsMalformed()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            string[] filters = new string[] { "a", "b" };
            MqttQos[] qos = new MqttQos[] { MqttQos.AtLeastOnce, MqttQos.AtLeastOnce };
            ushort id;
            rig.Client.Subscribe(filters, qos, 2, out id);
            Check.Equal(MqttStatus.MalformedPacket, rig.Deliver("90 03 00 01 01"), "one code for two filters (MQTT-3.9.3-1)");
        }

        public static void OversizedPacketBeforeConnAckIsAProtocolViolation()
        {
            ClientRig rig = new ClientRig(64, 4, 128);
            rig.Client.Connect(rig.Options);
            rig.Transport.Deliver(HexBytes.Concat(HexBytes.Parse("30 CF 01 00 03 61 2F 62"), new byte[202]));
            Check.Equal(MqttStatus.ProtocolViolation, rig.Client.Poll(), "a large PUBLISH where CONNACK must come (MQTT-3.2.0-1)");
        }

        public static void PayloadOutsideItsBufferIsACallerBug()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            byte[] payload = new byte[4];
            ushort id;
            Check.Throws(typeof(System.ArgumentOutOfRangeException), delegate { rig.Client.Publish("a", payload, 2, 3, MqttQos.AtMostOnce, false, out id); }, "past the end");
            Check.Throws(typeof(System.ArgumentOutOfRangeException), delegate { rig.Client.Publish("a", payload, 0, -1, MqttQos.AtMostOnce, false, out id); }, "negative count");
            Check.Equal(0, rig.Transport.SentCount, "nothing sent");
        }

        public static void UnsubscribeAndUnsubAck()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            ushort id;
            Check.Equal(MqttStatus.Ok, rig.Client.Unsubscribe("a/+", out id), "unsubscribe");
            rig.ExpectSent("A2 07 00 01 00 03 61 2F 2B", "UNSUBSCRIBE");
            rig.Deliver("B0 02 00 01");
            Check.Equal(1, rig.Handler.UnsubscribeAcks, "UNSUBACK");
        }

        public static void MalformedPublishesClose()
        {
            CheckClosesWith("36 09 00 03 61 2F 62 00 07 68 69", MqttStatus.MalformedPacket, "QoS 3 (MQTT-3.3.1-4)");
            CheckClosesWith("38 07 00 03 61 2F 62 68 69", MqttStatus.MalformedPacket, "DUP on QoS 0 (MQTT-3.3.1-2)");
            CheckClosesWith("32 09 00 03 61 2F 62 00 00 68 69", MqttStatus.MalformedPacket, "packet id 0");
            CheckClosesWith("30 03 00 05 61", MqttStatus.MalformedPacket, "topic longer than the packet");
            CheckClosesWith("30 01 00", MqttStatus.MalformedPacket, "no room for the topic length");
            CheckClosesWith("30 07 00 03 61 2F 2B 68 69", MqttStatus.MalformedTopic, "wildcard in topic name");
            CheckClosesWith("30 04 00 02 ED A0", MqttStatus.MalformedTopic, "ill-formed UTF-8 in topic (MQTT-1.5.3-1)");
            CheckClosesWith("30 03 00 01 00", MqttStatus.MalformedTopic, "U+0000 in topic (MQTT-1.5.3-2)");
            CheckClosesWith("30 02 00 00", MqttStatus.MalformedTopic, "empty topic (MQTT-4.7.3-1)");
        }

        public static void PacketsOnlyAClientSendsAreMalformed()
        {
            CheckClosesWith("00 00", MqttStatus.MalformedPacket, "reserved type 0");
            CheckClosesWith("F0 00", MqttStatus.MalformedPacket, "reserved type 15");
            CheckClosesWith("10 00", MqttStatus.MalformedPacket, "CONNECT");
            CheckClosesWith("82 00", MqttStatus.MalformedPacket, "SUBSCRIBE");
            CheckClosesWith("A2 00", MqttStatus.MalformedPacket, "UNSUBSCRIBE");
            CheckClosesWith("C0 00", MqttStatus.MalformedPacket, "PINGREQ");
            CheckClosesWith("E0 00", MqttStatus.MalformedPacket, "DISCONNECT");
            CheckClosesWith("60 02 00 07", MqttStatus.MalformedPacket, "PUBREL without flags 0010 (MQTT-3.6.1-1)");
        }

        public static void FiveByteRemainingLengthCloses()
        {
            CheckClosesWith("30 FF FF FF FF 01", MqttStatus.MalformedRemainingLength, "fifth length byte");
        }

        public static void PeerCloseIsReported()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            rig.Transport.PeerClosed = true;
            Check.Equal(MqttStatus.TransportClosed, rig.Client.Poll(), "closed");
            Check.Equal(MqttStatus.TransportClosed, rig.Handler.LastCloseReason, "reported");
            Check.Equal(MqttStatus.NotConnected, rig.Client.Poll(), "then idle");
        }

        public static void HandlerMayPublishAndDisconnect()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            byte[] reply = HexBytes.Ascii("ok");
            rig.Handler.OnMessageReaction = delegate (MqttReceivedMessage message)
            {
                ushort id;
                rig.Client.Publish("r", reply, 0, 2, MqttQos.AtMostOnce, false, out id);
                rig.Client.Disconnect();
            };
            rig.Deliver("32 09 00 03 61 2F 62 00 07 68 69 30 03 00 01 62");
            rig.ExpectSent("30 05 00 01 72 6F 6B E0 00", "the reply and DISCONNECT; no PUBACK after the handler disconnected");
            Check.Equal(1, rig.Handler.Messages, "the second message waits for the next connection");
        }

        public static void PollFromAHandlerIsACallerBug()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            bool threw = false;
            rig.Handler.OnMessageReaction = delegate (MqttReceivedMessage message)
            {
                try
                {
                    rig.Client.Poll();
                }
                catch (System.InvalidOperationException)
                {
                    threw = true;
                }
            };
            rig.Deliver("30 03 00 01 62");
            Check.True(threw, "re-entrant Poll throws");
        }

        private static void CheckClosesWith(string hex, MqttStatus expected, string what)
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            Check.Equal(expected, rig.Deliver(hex), what);
            Check.Equal(expected, rig.Handler.LastCloseReason, what);
            Check.Equal(0, rig.Handler.Messages, "nothing delivered: " + what);
            Check.False(rig.Transport.IsOpen, "closed: " + what);
        }
    }
}
