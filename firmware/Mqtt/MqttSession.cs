using System;

namespace HomeNode.Mqtt
{
    /// <summary>
    /// The session state of one client (MQTT 3.1.1 §4.1): outgoing QoS 1/2 packets awaiting acknowledgement with their
    /// bytes (in the caller's <see cref="InflightTable"/>), incoming QoS 2 ids awaiting PUBREL, packet ids, and the walk
    /// that resends or discards that state when a connection is accepted. No I/O of its own and no timers: the walk
    /// sends through the client's send path (which owns the transport), and the client loop runs the clocks.
    /// </summary>
    public sealed class MqttSession
    {
        private readonly InflightTable table;
        private ushort lastPacketId;

        // The resend walk's place, so it can wait for the transport and go on at a later poll.
        private long walkAfter;
        private long walkLast;
        private bool walkSessionPresent;
        private bool walkRepublish;
        private int walkMaxResends;

        // MQTT 5.0 §4.9: PUBLISH packets the walk may still send before an acknowledgement (the server's Receive
        // Maximum), and which slots it sent as PUBLISH on this connection (their acknowledgement gives one back).
        private int walkQuota;
        private readonly bool[] resentAsPublish;

        public MqttSession(InflightTable table)
        {
            if (table == null)
            {
                throw new ArgumentNullException("table");
            }

            this.table = table;
            this.resentAsPublish = new bool[table.Capacity];
        }

        /// <summary>
        /// A free outgoing slot with a fresh packet id, or -1 when every slot awaits an acknowledgement. The slot stays
        /// free until <see cref="InflightTable.Occupy"/>.
        /// </summary>
        [SteadyState]
        public int Reserve(out ushort packetId)
        {
            packetId = 0;
            int slot = this.table.FindFree();
            if (slot < 0)
            {
                return -1;
            }

            // The next packet id: never 0 [MQTT-2.3.1-1], never one still in flight [MQTT-2.3.1-2]. With a free slot and at
            // most 65,535 slots (the table's constructor checks) a free id exists; the bound keeps the search finite
            // whatever the table holds.
            for (int tries = 0; tries < InflightTable.MaxCapacity; tries++)
            {
                this.lastPacketId = this.lastPacketId == 65535 ? (ushort)1 : (ushort)(this.lastPacketId + 1);
                if (this.table.Find(this.lastPacketId) < 0)
                {
                    packetId = this.lastPacketId;
                    return slot;
                }
            }

            return -1;
        }

        /// <summary>
        /// The slot awaiting the acknowledgement <paramref name="type"/> for <paramref name="packetId"/>, or -1 when no
        /// packet of ours waits for it. A PUBREC repeated after our PUBREL matches the PUBREL (§4.3.3: answer it again).
        /// </summary>
        [SteadyState]
        public int Match(MqttPacketType type, ushort packetId)
        {
            int slot = this.table.Find(packetId);
            if (slot < 0)
            {
                return -1;
            }

            // Find skips free slots, so the kind is 1 to 5.
            int bit = ((int)type * 5) + this.table.Kinds[slot] - 1;
            return bit < 64 && ((AwaitedKinds >> bit) & 1) != 0 ? slot : -1;
        }

        // Which kind of slot each acknowledgement answers, as a set: bit (type x 5 + kind - 1) for each pair (kinds 1 to
        // 5, so each type has five bits; UNSUBACK, the highest type here, takes bits 55..59).
        private const long AwaitedKinds =
            (1L << (((int)MqttPacketType.PubAck * 5) + InflightTable.PublishAwaitingAck - 1)) // §3.4
            | (1L << (((int)MqttPacketType.PubRec * 5) + InflightTable.PublishAwaitingReceived - 1)) // §3.5
            | (1L << (((int)MqttPacketType.PubRec * 5) + InflightTable.ReleaseAwaitingComplete - 1)) // §4.3.3: a repeated PUBREC gets our PUBREL again
            | (1L << (((int)MqttPacketType.PubComp * 5) + InflightTable.ReleaseAwaitingComplete - 1)) // §3.7
            | (1L << (((int)MqttPacketType.SubAck * 5) + InflightTable.SubscribeAwaitingAck - 1)) // §3.9
            | (1L << (((int)MqttPacketType.UnsubAck * 5) + InflightTable.UnsubscribeAwaitingAck - 1)); // §3.11

        /// <summary>
        /// PUBREC arrived for the QoS 2 PUBLISH in <paramref name="slot"/>: its bytes are replaced by the PUBREL that is
        /// now owed, and resent after a reconnect instead of the PUBLISH (§4.3.3). Returns the PUBREL's length.
        /// </summary>
        [SteadyState]
        public int ReplaceWithRelease(int slot, PacketWriter writer)
        {
            int offset = slot * this.table.SlotBytes;
            int length = writer.WriteAcknowledgement(this.table.Storage, offset, MqttPacketType.PubRel, this.table.PacketIds[slot]);
            this.table.Advance(slot, InflightTable.ReleaseAwaitingComplete, length);
            return length;
        }

        /// <summary>
        /// The connection was accepted. With <paramref name="sessionPresent"/> the broker kept our session: every
        /// unacknowledged PUBLISH is resent with DUP=1 and every PUBREL again, with the same packet ids and in their
        /// original order (§4.4). Without, the old state is discarded (incoming QoS 2 ids, pending subscriptions, and
        /// PUBRELs, whose messages the broker took at PUBREC: those count as acknowledged); unacknowledged PUBLISH
        /// packets are published again as new messages (DUP=0, in order) when <paramref name="republish"/> is set,
        /// else released and reported abandoned. SUBSCRIBE/UNSUBSCRIBE are not retried by the protocol: they are
        /// released either way and reported to <see cref="IMqttHandler.OnRequestAbandoned"/>. A packet already sent
        /// again <paramref name="maxResends"/> times is dropped and reported instead of being sent once more. At most
        /// <paramref name="quota"/> PUBLISH packets go out before acknowledgements come back (MQTT 5.0 §4.9: the
        /// server's Receive Maximum; 65,535 for 3.1.1, more than a table holds): then the walk returns <see cref="MqttStatus.InflightFull"/>
        /// and waits; each <see cref="Acknowledged"/> of a PUBLISH it sent gives one back, and
        /// <see cref="ContinueResume"/> goes on. The packets go out through <paramref name="client"/>'s send path, which
        /// tolerates partial writes and closes the connection on failure.
        /// </summary>
        /// <param name="affected">Unacknowledged PUBLISH packets of a lost session: republished, or released.</param>
        /// <returns>
        /// Ok when the walk is done; <see cref="MqttStatus.SendInProgress"/> when the transport is still busy with a
        /// packet of it, so the walk waits there: call <see cref="ContinueResume"/> once that packet is out; else the
        /// status of a send that failed and closed the connection.
        /// </returns>
        [SteadyState]
        public MqttStatus Resume(bool sessionPresent, bool republish, int maxResends, int quota, MqttClient client, IMqttHandler handler, out int affected)
        {
            affected = 0;
            this.walkQuota = quota;
            for (int slot = 0; slot < this.resentAsPublish.Length; slot++)
            {
                this.resentAsPublish[slot] = false;
                byte kind = this.table.Kinds[slot];
                if (!sessionPresent && (kind == InflightTable.PublishAwaitingAck || kind == InflightTable.PublishAwaitingReceived))
                {
                    affected++;
                }
            }

            if (!sessionPresent)
            {
                this.table.ClearIncoming();
            }

            this.walkAfter = -1;
            this.walkLast = this.table.LastSequence; // a handler may publish during the walk; those are new, not resends
            this.walkSessionPresent = sessionPresent;
            this.walkRepublish = republish;
            this.walkMaxResends = maxResends;
            this.Resuming = true;
            return this.ContinueResume(client, handler);
        }

        /// <summary>
        /// A walk started by <see cref="Resume"/> waits for a packet the transport has not taken yet. The client clears
        /// it when the connection ends (the next CONNACK starts a new walk).
        /// </summary>
        public bool Resuming;

        /// <summary>Goes on with the walk <see cref="Resume"/> started, from the packet it waited for; returns as Resume does.</summary>
        [SteadyState]
        public MqttStatus ContinueResume(MqttClient client, IMqttHandler handler)
        {
            bool sessionPresent = this.walkSessionPresent;
            InflightTable table = this.table;
            int slot;
            while (this.Resuming && (slot = table.NextInOrder(this.walkAfter)) >= 0 && table.Sequences[slot] <= this.walkLast)
            {
                byte kind = table.Kinds[slot];
                ushort packetId = table.PacketIds[slot];
                int offset = slot * table.SlotBytes;
                bool publish = kind == InflightTable.PublishAwaitingAck || kind == InflightTable.PublishAwaitingReceived;
                bool resend = sessionPresent ? publish || kind == InflightTable.ReleaseAwaitingComplete : publish && this.walkRepublish;
                // The cap only gives up QoS 1 PUBLISH: the id of a QoS 2 message (its PUBLISH may have been stored, its
                // PUBREL answers a PUBREC) stays taken at the broker until PUBCOMP (MQTT 3.1.1 §2.3.1, §4.3.3), so
                // releasing it would let a new message reuse an id the broker still holds.
                bool capped = kind == InflightTable.PublishAwaitingAck && table.Resends[slot] >= this.walkMaxResends;
                if (resend && !capped)
                {
                    byte[] storage = table.Storage;
                    if (publish)
                    {
                        if (this.walkQuota <= 0)
                        {
                            return MqttStatus.InflightFull; // the server's Receive Maximum: this slot goes when an acknowledgement comes
                        }

                        // DUP=1 for a resend in the same session [MQTT-3.3.1-1]; DUP=0 for a new message in a new one
                        storage[offset] = (byte)(sessionPresent ? storage[offset] | 0x08 : storage[offset] & 0xF7);
                    }

                    MqttStatus sent = client.Send(storage, offset, table.Lengths[slot]);
                    if (sent == MqttStatus.SendInProgress)
                    {
                        return sent; // nothing of it was written: this slot goes first when the walk goes on
                    }

                    if (sent != MqttStatus.Ok)
                    {
                        this.Resuming = false;
                        return sent;
                    }

                    table.CountResend(slot);
                    this.walkAfter = table.Sequences[slot];
                    if (publish)
                    {
                        this.walkQuota--;
                        this.resentAsPublish[slot] = true;
                    }

                    continue;
                }

                // Given up or discarded: past this slot before the handler hears of it (it may publish from there).
                this.walkAfter = table.Sequences[slot];
                table.Release(slot);
                if (kind == InflightTable.ReleaseAwaitingComplete)
                {
                    handler.OnPublishAcknowledged(packetId); // the broker took the message at PUBREC
                    continue;
                }

                // Only a capped QoS 1 PUBLISH is left here with resend set.
                if (resend)
                {
                    client.DroppedAfterMaxResends++; // the client's counter, a field a caller reads
                }

                handler.OnRequestAbandoned(
                    packetId,
                    resend ? MqttStatus.ResendLimitReached
                    : kind == InflightTable.SubscribeAwaitingAck ? MqttStatus.SubscribeAbandoned
                    : kind == InflightTable.UnsubscribeAwaitingAck ? MqttStatus.UnsubscribeAbandoned
                    : MqttStatus.SessionLost);
            }

            this.Resuming = false;
            return MqttStatus.Ok;
        }

        /// <summary>
        /// The message in <paramref name="slot"/> is done (PUBACK, PUBCOMP, or a refusal): if the walk sent it as a
        /// PUBLISH on this connection, the server's send quota grows by one again (MQTT 5.0 §4.9).
        /// </summary>
        [SteadyState]
        public void Acknowledged(int slot)
        {
            if (this.resentAsPublish[slot])
            {
                this.resentAsPublish[slot] = false;
                this.walkQuota++;
            }
        }
    }
}
