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

        public static void AStalledSendNeitherWaitsNorSleeps()
        {
            // Issue 10, item 11: Send used to spin with Thread.Sleep(1) inside the library for up to the send time-out
            // while the transport took nothing. Now the call returns at once and Poll offers the rest later.
            ClientRig rig = new ClientRig();
            rig.Connect();
            rig.Transport.StalledWrites = 1000;
            rig.Transport.StallClock = rig.Clock;
            rig.Transport.StallMilliseconds = 500;
            rig.Transport.SendCalls = 0;
            byte[] payload = HexBytes.Ascii("x");
            ushort id;
            Check.Equal(MqttStatus.Ok, rig.Client.Publish("a", payload, 0, 1, MqttQos.AtMostOnce, false, out id), "QoS 0 handed over");
            Check.Equal(1, rig.Transport.SendCalls, "one offer to the transport, no waiting");
            Check.Equal(0, rig.Transport.SentCount, "nothing taken yet");
            rig.Transport.StalledWrites = 0;
            Check.Equal(MqttStatus.Ok, rig.Client.Poll(), "poll");
            rig.ExpectSent("30 04 00 01 61 78", "the whole packet, from the send buffer");
        }

        public static void StalledSendTimesOut()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            rig.Transport.WriteBudget = 0;
            rig.Clock.Advance(1000);
            rig.Publish("a", "x", MqttQos.AtMostOnce);
            rig.Clock.Advance(1999);
            Check.Equal(MqttStatus.Ok, rig.Client.Poll(), "stalled for 1.999 s");
            rig.Clock.Advance(1);
            Check.Equal(MqttStatus.SendTimeout, rig.Client.Poll(), "nothing taken for the 2 s send time-out");
            Check.Equal(MqttStatus.SendTimeout, rig.Handler.LastCloseReason, "closed");
        }

        public static void ANewConnectionStartsTheSendTimeOutAfresh()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            rig.Transport.WriteBudget = 0;
            rig.Publish("a", "x", MqttQos.AtMostOnce);
            rig.Clock.Advance(2000);
            Check.Equal(MqttStatus.SendTimeout, rig.Client.Poll(), "the first connection's stall timed out");
            rig.Clock.Advance(5000);
            rig.Transport.WriteBudget = 0;
            Check.Equal(MqttStatus.Ok, rig.Client.Connect(rig.Options), "reconnect; the transport takes nothing of the CONNECT");
            rig.Clock.Advance(1999);
            Check.Equal(MqttStatus.Ok, rig.Client.Poll(), "this connection's stall counts from its own CONNECT");
            rig.Clock.Advance(1);
            Check.Equal(MqttStatus.SendTimeout, rig.Client.Poll(), "2 s after the CONNECT");
        }

        public static void ProgressRestartsTheSendTimeOut()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            rig.Transport.WriteBudget = 1;
            rig.Publish("a/b", "hi", MqttQos.AtLeastOnce);
            for (int i = 0; i < 10; i++)
            {
                rig.Clock.Advance(1500);
                rig.Transport.WriteBudget = 1;
                Check.Equal(MqttStatus.Ok, rig.Client.Poll(), "a byte every 1.5 s is progress");
            }

            rig.ExpectSent("32 09 00 03 61 2F 62 00 01 68 69", "all eleven bytes, one per poll");
        }

        public static void APartlyWrittenPacketGoesOutFirstAndWhole()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            rig.Transport.WriteBudget = 3;
            ushort first = rig.Publish("a/b", "hi", MqttQos.AtLeastOnce);
            Check.Equal(3, rig.Transport.SentCount, "three bytes taken");

            // Nothing else may start: it would land in the middle of the PUBLISH.
            byte[] payload = HexBytes.Ascii("x");
            ushort id;
            Check.Equal(MqttStatus.SendInProgress, rig.Client.Publish("c", payload, 0, 1, MqttQos.AtMostOnce, false, out id), "QoS 0 waits");
            Check.Equal(MqttStatus.SendInProgress, rig.Client.Publish("c", payload, 0, 1, MqttQos.AtLeastOnce, false, out id), "QoS 1 waits");
            Check.Equal(0, id, "no id taken");
            Check.Equal(MqttStatus.SendInProgress, rig.Client.Subscribe("c", MqttQos.AtLeastOnce, out id), "SUBSCRIBE waits");
            Check.Equal(MqttStatus.SendInProgress, rig.Client.Unsubscribe("c", out id), "UNSUBSCRIBE waits");
            Check.Equal(1, rig.Client.Inflight.Count, "only the first holds a slot");

            // A QoS 1 PUBLISH from the broker needs a PUBACK, which cannot go yet: it waits in the receive buffer.
            Check.Equal(MqttStatus.Ok, rig.Deliver("32 09 00 03 61 2F 62 00 07 68 69"), "poll while stalled");
            Check.Equal(0, rig.Handler.Messages, "not dispatched behind the unsent packet");

            rig.Transport.WriteBudget = -1;
            Check.Equal(MqttStatus.Ok, rig.Client.Poll(), "the transport takes bytes again");
            rig.ExpectSent("32 09 00 03 61 2F 62 00 01 68 69 40 02 00 07", "the rest of the PUBLISH, then the PUBACK");
            Check.Equal(1, rig.Handler.Messages, "delivered");
            Check.Equal(first, rig.Client.Inflight.PacketIds[rig.Client.Inflight.Find(first)], "the first awaits its PUBACK");
            Check.Equal(MqttStatus.Ok, rig.Client.Publish("c", payload, 0, 1, MqttQos.AtMostOnce, false, out id), "and new packets go again");
        }

        public static void APingDueBehindAStalledPacketWaitsForIt()
        {
            ClientRig rig = new ClientRig();
            rig.Options.SendTimeoutMilliseconds = 120000;
            rig.Connect();
            rig.Transport.WriteBudget = 2;
            rig.Publish("a", "x", MqttQos.AtMostOnce);
            rig.Clock.Advance(60000);
            Check.Equal(MqttStatus.Ok, rig.Client.Poll(), "keep-alive due while stalled");
            rig.ExpectSent("30 04", "no PINGREQ in the middle of the PUBLISH");
            rig.Transport.WriteBudget = -1;
            rig.Client.Poll();
            rig.ExpectSent("00 01 61 78 C0 00", "the PUBLISH's rest, then the PINGREQ");
        }

        public static void AnAcknowledgementDueBehindAStalledPacketIsSentAfterIt()
        {
            // The handler publishes from OnMessage and the transport takes only part of that; the PUBACK for the
            // message it was handling must still go, after it.
            ClientRig rig = new ClientRig();
            rig.Connect();
            rig.Handler.OnMessageReaction = delegate
            {
                rig.Transport.WriteBudget = 2;
                byte[] reply = HexBytes.Ascii("r");
                ushort id;
                Check.Equal(MqttStatus.Ok, rig.Client.Publish("b", reply, 0, 1, MqttQos.AtMostOnce, false, out id), "reply");
            };
            rig.Deliver("32 09 00 03 61 2F 62 00 07 68 69 32 09 00 03 61 2F 62 00 08 68 69");
            Check.Equal(1, rig.Handler.Messages, "the second message waits behind the reply");
            rig.ExpectSent("30 04", "part of the reply");
            rig.Handler.OnMessageReaction = null;
            rig.Transport.WriteBudget = -1;
            rig.Client.Poll();
            rig.ExpectSent("00 01 62 72 40 02 00 07 40 02 00 08", "the reply's rest, the owed PUBACK, then the second message's");
            Check.Equal(2, rig.Handler.Messages, "both delivered");
        }

        public static void DisconnectBehindAStalledPacketClosesAnyway()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            rig.Transport.WriteBudget = 1;
            rig.Publish("a", "x", MqttQos.AtMostOnce);
            Check.Equal(MqttStatus.SendInProgress, rig.Client.Disconnect(), "DISCONNECT could not be written");
            Check.Equal(MqttConnectionState.Disconnected, rig.Client.State, "closed all the same");
            Check.False(rig.Transport.IsOpen, "transport closed");
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
