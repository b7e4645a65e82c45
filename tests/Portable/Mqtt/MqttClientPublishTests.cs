using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>Outgoing PUBLISH at QoS 0, 1 and 2 (§4.3), packet ids (§2.3.1), in-flight limits.</summary>
    public static class MqttClientPublishTests
    {
        public static void Qos0IsSentAsIs()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            Check.Equal(0, rig.Publish("a/b", "hi", MqttQos.AtMostOnce), "no packet id");
            rig.ExpectSent("30 07 00 03 61 2F 62 68 69", "PUBLISH");
            Check.Equal(0, rig.Client.Inflight.Count, "nothing in flight");
        }

        public static void TopicBytesOverload()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            byte[] topic = HexBytes.Ascii("__a/b__");
            byte[] payload = HexBytes.Ascii("hi");
            ushort id;
            Check.Equal(MqttStatus.Ok, rig.Client.Publish(topic, 2, 3, payload, 0, 2, MqttQos.AtMostOnce, true, out id), "publish");
            rig.ExpectSent("31 07 00 03 61 2F 62 68 69", "retained PUBLISH");
        }

        public static void Qos1IsHeldUntilPubAck()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            ushort id = rig.Publish("a/b", "hi", MqttQos.AtLeastOnce);
            Check.Equal(1, id, "first packet id");
            rig.ExpectSent("32 09 00 03 61 2F 62 00 01 68 69", "PUBLISH QoS 1");
            Check.Equal(1, rig.Client.Inflight.Count, "in flight");
            rig.Deliver("40 02 00 01");
            Check.Equal(1, rig.Handler.Acknowledged, "acknowledged");
            Check.Equal(1, rig.Handler.LastAcknowledgedId, "id");
            Check.Equal(0, rig.Client.Inflight.Count, "slot freed");
        }

        public static void Qos2RunsTheFourPacketExchange()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            ushort id = rig.Publish("a/b", "hi", MqttQos.ExactlyOnce);
            rig.ExpectSent("34 09 00 03 61 2F 62 00 01 68 69", "PUBLISH QoS 2");
            rig.Deliver("50 02 00 01");
            rig.ExpectSent("62 02 00 01", "PUBREL answers PUBREC");
            Check.Equal(0, rig.Handler.Acknowledged, "not complete before PUBCOMP");
            Check.Equal(1, rig.Client.Inflight.Count, "PUBREL in flight");
            rig.Deliver("50 02 00 01");
            rig.ExpectSent("62 02 00 01", "a repeated PUBREC gets the PUBREL again");
            rig.Deliver("70 02 00 01");
            Check.Equal(1, rig.Handler.Acknowledged, "complete");
            Check.Equal(id, rig.Handler.LastAcknowledgedId, "id");
            Check.Equal(0, rig.Client.Inflight.Count, "slot freed");
        }

        public static void FullInflightTableSaysBusy()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            for (int i = 0; i < 4; i++)
            {
                rig.Publish("a", "x", MqttQos.AtLeastOnce);
            }

            byte[] payload = HexBytes.Ascii("x");
            ushort id;
            Check.Equal(MqttStatus.InflightFull, rig.Client.Publish("a", payload, 0, 1, MqttQos.AtLeastOnce, false, out id), "fifth QoS 1");
            Check.Equal(0, id, "no id");
            Check.Equal(MqttStatus.Ok, rig.Client.Publish("a", payload, 0, 1, MqttQos.AtMostOnce, false, out id), "QoS 0 still goes");
            rig.Deliver("40 02 00 02");
            Check.Equal(MqttStatus.Ok, rig.Client.Publish("a", payload, 0, 1, MqttQos.AtLeastOnce, false, out id), "room again after PUBACK");
        }

        public static void PacketIdsAreNeverZeroAndNeverReusedWhileInFlight()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            ushort held = rig.Publish("a", "x", MqttQos.AtLeastOnce);
            Check.Equal(1, held, "held id");
            byte[] payload = HexBytes.Ascii("x");
            byte[] ack = HexBytes.Parse("40 02 00 00");
            for (int i = 0; i < 70000; i++)
            {
                ushort id;
                rig.Client.Publish("a", payload, 0, 1, MqttQos.AtLeastOnce, false, out id);
                if (id == 0 || id == held)
                {
                    Check.True(false, "id " + id.ToString() + " at publish " + i.ToString());
                }

                ack[2] = (byte)(id >> 8);
                ack[3] = (byte)id;
                rig.Transport.Deliver(ack);
                rig.Client.Poll();
                rig.Transport.ClearSent();
            }

            Check.Equal(1, rig.Client.Inflight.Count, "only the held message remains");
        }

        public static void InvalidTopicsAreRefusedWithoutSending()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            byte[] payload = HexBytes.Ascii("x");
            ushort id;
            Check.Equal(MqttStatus.InvalidTopic, rig.Client.Publish("a/+", payload, 0, 1, MqttQos.AtLeastOnce, false, out id), "wildcard");
            Check.Equal(MqttStatus.InvalidTopic, rig.Client.Publish("", payload, 0, 1, MqttQos.AtMostOnce, false, out id), "empty");
            if (RuntimeText.HoldsNul)
            {
                Check.Equal(MqttStatus.InvalidTopic, rig.Client.Publish("a\u0000", payload, 0, 1, MqttQos.AtMostOnce, false, out id), "U+0000");
            }

            // MQTT-1.5.3-2 on the bytes path, which every runtime can hold
            byte[] nul = { (byte)'a', 0x00 };
            Check.Equal(MqttStatus.InvalidTopic, rig.Client.Publish(nul, 0, nul.Length, payload, 0, 1, MqttQos.AtMostOnce, false, out id), "00 byte");
            byte[] surrogate = { (byte)'a', 0xED, 0xA0, 0x80 };
            Check.Equal(MqttStatus.InvalidTopic, rig.Client.Publish(surrogate, 0, surrogate.Length, payload, 0, 1, MqttQos.AtMostOnce, false, out id), "encoded surrogate");
            Check.Equal(0, rig.Transport.SentCount, "nothing sent");
            Check.Equal(0, rig.Client.Inflight.Count, "no slot taken");
        }

        public static void TooLargeForItsSlotIsRefused()
        {
            ClientRig rig = new ClientRig(256, 4, 32);
            rig.Connect();
            byte[] payload = new byte[40];
            ushort id;
            Check.Equal(MqttStatus.PacketTooLarge, rig.Client.Publish("a", payload, 0, 40, MqttQos.AtLeastOnce, false, out id), "does not fit a 32-byte slot");
            Check.Equal(0, rig.Client.Inflight.Count, "slot not taken");
            Check.Equal(0, rig.Transport.SentCount, "nothing sent");
        }

        public static void PublishWhileDisconnectedSaysSo()
        {
            ClientRig rig = new ClientRig();
            byte[] payload = HexBytes.Ascii("x");
            ushort id;
            Check.Equal(MqttStatus.NotConnected, rig.Client.Publish("a", payload, 0, 1, MqttQos.AtLeastOnce, false, out id), "not connected");
        }

        public static void PartialWritesStillSendWholePackets()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            rig.Transport.MaxWriteChunk = 3;
            rig.Publish("a/b", "hi", MqttQos.AtLeastOnce);
            rig.ExpectSent("32 09 00 03 61 2F 62 00 01 68 69", "written three bytes at a time");
        }

        public static void StalledSendTimesOut()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            rig.Transport.StalledWrites = 1000;
            rig.Transport.StallClock = rig.Clock;
            rig.Transport.StallMilliseconds = 500;
            byte[] payload = HexBytes.Ascii("x");
            ushort id;
            Check.Equal(MqttStatus.SendTimeout, rig.Client.Publish("a", payload, 0, 1, MqttQos.AtMostOnce, false, out id), "QoS 0 send stalled for 2 s");
            Check.Equal(MqttStatus.SendTimeout, rig.Handler.LastCloseReason, "closed");
        }

        public static void UnknownAcknowledgementIsReportedAndIgnored()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            Check.Equal(MqttStatus.Ok, rig.Deliver("40 02 00 09"), "PUBACK for nothing");
            Check.Equal(MqttStatus.UnknownPacketId, rig.Handler.LastNotice, "notice");
            Check.True(rig.Client.IsConnected, "still connected");
        }

        public static void MalformedAcknowledgementsClose()
        {
            CheckMalformed("41 02 00 01", "PUBACK with reserved flags");
            CheckMalformed("40 03 00 01 00", "PUBACK with remaining length 3");
            CheckMalformed("52 02 00 01", "PUBREC with reserved flags");
            CheckMalformed("71 02 00 01", "PUBCOMP with reserved flags");
            CheckMalformed("B1 02 00 01", "UNSUBACK with reserved flags");
            CheckMalformed("D1 00", "PINGRESP with reserved flags");
            CheckMalformed("D0 01 00", "PINGRESP with a body");
        }

        private static void CheckMalformed(string hex, string what)
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            rig.Publish("a", "x", MqttQos.AtLeastOnce);
            Check.Equal(MqttStatus.MalformedPacket, rig.Deliver(hex), what);
            Check.Equal(MqttConnectionState.Disconnected, rig.Client.State, what);
        }
    }
}
