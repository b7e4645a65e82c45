using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>The session on its own: packet ids, acknowledgement matching and the walk on reconnect (§4.4, §4.3.3).</summary>
    public static class MqttSessionTests
    {
        private static readonly PacketWriter Writer = new PacketWriter(MqttProtocolVersion.V311);

        public static void PacketIdsAreNeverZeroNorOneStillInFlight()
        {
            InflightTable table = new InflightTable(3, 32, 1);
            MqttSession session = new MqttSession(table);
            ushort first;
            int slot = session.Reserve(out first);
            Check.Equal(1, first, "first id");
            table.Occupy(slot, first, InflightTable.PublishAwaitingAck, 4);
            ushort second;
            table.Occupy(session.Reserve(out second), second, InflightTable.PublishAwaitingAck, 4);
            Check.Equal(2, second, "next id");
            table.Release(table.Find(second));

            // wrap around: 65535 -> 1 skips the id still in flight [MQTT-2.3.1-1, MQTT-2.3.1-2]
            for (int i = 0; i < 65532; i++)
            {
                ushort id;
                session.Reserve(out id);
            }

            ushort wrapped;
            session.Reserve(out wrapped);
            Check.Equal(65535, wrapped, "last id");
            session.Reserve(out wrapped);
            Check.Equal(2, wrapped, "1 is in flight, so 2");
        }

        public static void AFullTableReservesNothing()
        {
            InflightTable table = new InflightTable(1, 32, 1);
            MqttSession session = new MqttSession(table);
            ushort id;
            table.Occupy(session.Reserve(out id), id, InflightTable.PublishAwaitingAck, 4);
            Check.Equal(-1, session.Reserve(out id), "no free slot");
            Check.Equal(0, id, "no id");
        }

        public static void AcknowledgementsMatchOnlyWhatAwaitsThem()
        {
            InflightTable table = new InflightTable(4, 32, 1);
            MqttSession session = new MqttSession(table);
            Occupy(table, InflightTable.PublishAwaitingAck, 5);
            Occupy(table, InflightTable.PublishAwaitingReceived, 6);
            Occupy(table, InflightTable.SubscribeAwaitingAck, 7);
            Check.True(session.Match(MqttPacketType.PubAck, 5) >= 0, "PUBACK for QoS 1");
            Check.Equal(-1, session.Match(MqttPacketType.PubComp, 5), "PUBCOMP for a QoS 1 publish");
            Check.Equal(-1, session.Match(MqttPacketType.PubAck, 6), "PUBACK for QoS 2");
            Check.Equal(-1, session.Match(MqttPacketType.PubAck, 8), "unknown id");
            Check.True(session.Match(MqttPacketType.SubAck, 7) >= 0, "SUBACK");
            Check.Equal(-1, session.Match(MqttPacketType.UnsubAck, 7), "UNSUBACK for a SUBSCRIBE");

            int slot = session.Match(MqttPacketType.PubRec, 6);
            int length = session.ReplaceWithRelease(slot, Writer);
            Check.Bytes(HexBytes.Parse("62 02 00 06"), table.Storage, slot * table.SlotBytes, length, "PUBREL replaces the PUBLISH");
            Check.Equal((long)InflightTable.ReleaseAwaitingComplete, (long)table.Kinds[slot], "now awaiting PUBCOMP");
            Check.Equal(slot, session.Match(MqttPacketType.PubRec, 6), "a repeated PUBREC still matches (answered with PUBREL again)");
            Check.Equal(slot, session.Match(MqttPacketType.PubComp, 6), "PUBCOMP");
        }

        public static void AKeptSessionResendsPublishWithDupAndReleasesInOrder()
        {
            InflightTable table = new InflightTable(4, 32, 2);
            MqttSession session = new MqttSession(table);
            Occupy(table, InflightTable.PublishAwaitingAck, 3);
            Occupy(table, InflightTable.SubscribeAwaitingAck, 4);
            int release = Occupy(table, InflightTable.PublishAwaitingReceived, 5);
            session.ReplaceWithRelease(release, Writer);
            Occupy(table, InflightTable.PublishAwaitingReceived, 6);
            table.AddIncoming(77);
            ClientRig rig = ConnectedRig();
            RecordingHandler handler = new RecordingHandler();
            int affected;

            Check.Equal(MqttStatus.Ok, session.Resume(true, true, 5, int.MaxValue, rig.Client, handler, out affected), "resumed");
            SentHeaders sent = new SentHeaders(rig.Transport);
            Check.Equal(3, sent.Count, "PUBLISH, PUBREL, PUBLISH; the SUBSCRIBE is not retried");
            Check.Equal(0x3A, sent.Headers[0], "QoS 1 with DUP [MQTT-3.3.1-1]");
            Check.Equal(3, sent.Ids[0], "same id");
            Check.Equal(0x62, sent.Headers[1], "PUBREL without DUP");
            Check.Equal(5, sent.Ids[1], "PUBREL id");
            Check.Equal(0x3C, sent.Headers[2], "QoS 2 with DUP");
            Check.Equal(0, affected, "nothing lost");
            Check.Equal(3, table.Count, "the SUBSCRIBE slot was freed");
            Check.Equal(1, handler.Abandoned, "and the handler told");
            Check.Equal(4, handler.LastAbandonedId, "which one");
            Check.Equal(MqttStatus.SubscribeAbandoned, handler.LastAbandonReason, "why");
            Check.True(table.ContainsIncoming(77), "incoming QoS 2 ids are kept with the session");
        }

        public static void ANewSessionRepublishesAsNewMessagesOrReleasesThem()
        {
            for (int republish = 0; republish < 2; republish++)
            {
                InflightTable table = new InflightTable(4, 32, 2);
                MqttSession session = new MqttSession(table);
                Occupy(table, InflightTable.PublishAwaitingAck, 3);
                int release = Occupy(table, InflightTable.PublishAwaitingReceived, 5);
                session.ReplaceWithRelease(release, Writer);
                table.Storage[0] |= 0x08; // slot 0, sent once before, with DUP
                table.AddIncoming(77);
                ClientRig rig = ConnectedRig();
                RecordingHandler handler = new RecordingHandler();
                int affected;

                Check.Equal(MqttStatus.Ok, session.Resume(false, republish == 1, 5, int.MaxValue, rig.Client, handler, out affected), "resumed");
                SentHeaders sent = new SentHeaders(rig.Transport);
                Check.Equal(1, affected, "one unacknowledged PUBLISH of the lost session");
                Check.False(table.ContainsIncoming(77), "incoming ids belong to the lost session");
                Check.Equal(1, handler.Acknowledged, "the PUBREL's message was taken by the broker at PUBREC");
                Check.Equal(5, handler.LastAcknowledgedId, "its id");
                if (republish == 1)
                {
                    Check.Equal(1, sent.Count, "only the PUBLISH goes again");
                    Check.Equal(0x32, sent.Headers[0], "as a new message: DUP=0");
                    Check.Equal(1, table.Count, "and it still awaits PUBACK");
                }
                else
                {
                    Check.Equal(0, sent.Count, "nothing sent");
                    Check.Equal(0, table.Count, "released");
                    Check.Equal(1, handler.Abandoned, "the released PUBLISH is reported");
                    Check.Equal(3, handler.LastAbandonedId, "by its id");
                    Check.Equal(MqttStatus.SessionLost, handler.LastAbandonReason, "with the session");
                }
            }
        }

        public static void AFailedResendStopsTheWalkAndKeepsTheRest()
        {
            InflightTable table = new InflightTable(4, 32, 1);
            MqttSession session = new MqttSession(table);
            Occupy(table, InflightTable.PublishAwaitingAck, 1);
            Occupy(table, InflightTable.PublishAwaitingAck, 2);
            ClientRig rig = ConnectedRig();
            RecordingHandler handler = new RecordingHandler();
            int affected;

            // The first resend is taken but not written yet, so the walk waits at the second; once the first is out,
            // the transport breaks and the second's send fails.
            rig.Transport.WriteBudget = 0;
            Check.Equal(MqttStatus.SendInProgress, session.Resume(true, true, 5, int.MaxValue, rig.Client, handler, out affected), "waits at the second");
            rig.Transport.WriteBudget = -1;
            Check.Equal(MqttStatus.Ok, rig.Client.Poll(), "the first goes out");
            Check.Equal(1, new SentHeaders(rig.Transport).Count, "one resent");
            rig.Transport.RefuseWrites = true;
            Check.Equal(MqttStatus.TransportClosed, session.ContinueResume(rig.Client, handler), "the send failure");
            Check.False(session.Resuming, "the walk stopped");
            Check.Equal(2, table.Count, "both stay for the next connection");
        }

        public static void AWalkThatWaitsForTheTransportGoesOnFromTheSamePacket()
        {
            InflightTable table = new InflightTable(4, 32, 1);
            MqttSession session = new MqttSession(table);
            Occupy(table, InflightTable.PublishAwaitingAck, 1);
            Occupy(table, InflightTable.SubscribeAwaitingAck, 2);
            Occupy(table, InflightTable.PublishAwaitingAck, 3);
            ClientRig rig = ConnectedRig();
            RecordingHandler handler = new RecordingHandler();
            int affected;

            // The transport takes nothing: the first resend is started (the client keeps its bytes), the third packet
            // finds the send path busy.
            rig.Transport.WriteBudget = 0;
            Check.Equal(MqttStatus.SendInProgress, session.Resume(true, true, 5, int.MaxValue, rig.Client, handler, out affected), "waits at the third packet");
            Check.True(session.Resuming, "still resuming");
            Check.Equal(1, handler.Abandoned, "the SUBSCRIBE between them reported once");
            Check.Equal(MqttStatus.SendInProgress, session.ContinueResume(rig.Client, handler), "still busy");
            rig.Transport.WriteBudget = -1;
            Check.Equal(MqttStatus.Ok, rig.Client.Poll(), "the first goes out");
            Check.Equal(1, new SentHeaders(rig.Transport).Count, "one resent");
            Check.Equal(MqttStatus.Ok, session.ContinueResume(rig.Client, handler), "done");
            Check.False(session.Resuming, "finished");
            SentHeaders sent = new SentHeaders(rig.Transport);
            Check.Equal(2, sent.Count, "each PUBLISH resent once");
            Check.Equal(3, sent.Ids[1], "the one it waited for");
            Check.Equal(1, handler.Abandoned, "nothing reported twice");
            Check.Equal(1, table.Resends[table.Find(3)], "counted once");
        }

        /// <summary>A connected client on a scripted transport, nothing sent yet: the walk sends through its send path.</summary>
        private static ClientRig ConnectedRig()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            return rig;
        }

        private static int Occupy(InflightTable table, byte kind, ushort packetId)
        {
            int slot = table.FindFree();
            int length;
            if (kind == InflightTable.SubscribeAwaitingAck)
            {
                length = 1;
            }
            else
            {
                MqttQos qos = kind == InflightTable.PublishAwaitingAck ? MqttQos.AtLeastOnce : MqttQos.ExactlyOnce;
                length = Writer.WritePublish(table.Storage, slot * table.SlotBytes, 32, "t", HexBytes.Ascii("x"), 0, 1, qos, false, false, packetId);
            }

            table.Occupy(slot, packetId, kind, length);
            return slot;
        }
    }
}
