using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>Session state across reconnects: §4.4 message delivery retry, MQTT-3.2.2 session present.</summary>
    public static class MqttClientSessionTests
    {
        public static void UnacknowledgedMessagesAreResentOnReconnectWithDupAndSameIds()
        {
            ClientRig rig = new ClientRig();
            rig.Options.CleanSession = false;
            rig.Connect();
            rig.Publish("a", "1", MqttQos.AtLeastOnce);
            rig.Publish("a", "2", MqttQos.ExactlyOnce);
            rig.Deliver("50 02 00 02");
            rig.Publish("a", "3", MqttQos.AtLeastOnce);
            rig.Transport.ClearSent();

            rig.Clock.Advance(600000);
            rig.Transport.PeerClosed = true;
            Check.Equal(MqttStatus.TransportClosed, rig.Client.Poll(), "link dropped");

            Check.Equal(MqttStatus.Ok, rig.Client.Connect(rig.Options), "reconnect");
            rig.ExpectSent("10 0F 00 04 4D 51 54 54 04 00 00 3C 00 03 72 69 67", "CONNECT, clean session off");
            rig.Deliver("20 02 01 00");
            rig.ExpectSent("3A 06 00 01 61 00 01 31 62 02 00 02 3A 06 00 01 61 00 03 33", "QoS 1 with DUP, PUBREL, QoS 1 with DUP, in the original order");
            Check.Equal(2, rig.Handler.Connected, "connected again after resending");
            rig.Deliver("40 02 00 01 70 02 00 02 40 02 00 03");
            Check.Equal(3, rig.Handler.Acknowledged, "all three complete");
            Check.Equal(0, rig.Client.Inflight.Count, "table empty");
        }

        public static void NothingIsResentWithinAConnection()
        {
            ClientRig rig = new ClientRig();
            rig.Options.KeepAliveSeconds = 0;
            rig.Connect();
            rig.Publish("a", "1", MqttQos.AtLeastOnce);
            rig.Transport.ClearSent();
            for (int i = 0; i < 100; i++)
            {
                rig.Clock.Advance(60000);
                rig.Client.Poll();
            }

            Check.Equal(0, rig.Transport.SentCount, "no resend without a reconnect (§4.4)");
        }

        public static void ResumingAfterACleanSessionLosesNothing()
        {
            // 3.1.1 §3.1.2.4: CleanSession 1 ends the session with the connection, so a CleanSession 0 reconnect that finds
            // none lost nothing the broker was to keep; the message is published again all the same.
            ClientRig rig = new ClientRig();
            rig.Options.CleanSession = true;
            rig.Connect();
            rig.Publish("a", "1", MqttQos.AtLeastOnce);
            rig.Client.DropConnection();
            rig.Options.CleanSession = false;
            rig.Client.Connect(rig.Options);
            rig.Transport.ClearSent();
            rig.Deliver("20 02 00 00");
            rig.ExpectSent("32 06 00 01 61 00 01 31", "published again as a new message");
            Check.Equal(0, rig.Handler.Notices, "no SessionLost: the last connection's session was not to be kept");
        }

        public static void LostSessionRepublishesAsNewMessages()
        {
            ClientRig rig = new ClientRig();
            rig.Options.CleanSession = false;
            rig.Connect();
            rig.Publish("a", "1", MqttQos.AtLeastOnce);
            rig.Publish("a", "2", MqttQos.ExactlyOnce);
            rig.Deliver("50 02 00 02");
            rig.Deliver("34 06 00 01 62 00 09 7A");
            rig.Transport.PeerClosed = true;
            rig.Client.Poll();
            rig.Transport.ClearSent();

            rig.Client.Connect(rig.Options);
            rig.Transport.ClearSent();
            rig.Deliver("20 02 00 00");
            rig.ExpectSent("32 06 00 01 61 00 01 31", "QoS 1 published again without DUP; the PUBREL is dropped with the old session");
            Check.Equal(MqttStatus.SessionLost, rig.Handler.LastNotice, "reported (§3.2.2.2, MQTT-3.2.2-3)");
            Check.Equal(1, rig.Handler.Acknowledged, "the QoS 2 message the broker had already received counts as delivered");
            Check.Equal(1, rig.Client.Inflight.Count, "one message in flight");
            Check.Equal(0, rig.Client.Inflight.IncomingCount, "incoming QoS 2 state discarded");
        }

        public static void ResendSurvivesPartialWritesAndSmallReads()
        {
            ClientRig rig = new ClientRig();
            rig.Options.CleanSession = false;
            rig.Connect();
            rig.Publish("a", "1", MqttQos.AtLeastOnce);
            rig.Transport.PeerClosed = true;
            rig.Client.Poll();
            rig.Transport.MaxWriteChunk = 1;
            rig.Transport.MaxReadChunk = 1;
            rig.Client.Connect(rig.Options);
            rig.Transport.ClearSent();
            rig.Transport.Deliver(HexBytes.Parse("20 02 01 00"));
            for (int i = 0; i < 4; i++)
            {
                rig.Client.Poll();
            }

            rig.ExpectSent("3A 06 00 01 61 00 01 31", "resent byte by byte");
        }

        public static void TheResendWaitsForTheTransportAndOnConnectedComesAfterIt()
        {
            ClientRig rig = new ClientRig();
            rig.Options.CleanSession = false;
            rig.Connect();
            rig.Publish("a", "1", MqttQos.AtLeastOnce);
            rig.Publish("a", "2", MqttQos.AtLeastOnce);
            rig.Publish("a", "3", MqttQos.AtLeastOnce);
            rig.Transport.PeerClosed = true;
            rig.Client.Poll();
            rig.Client.Connect(rig.Options);
            rig.Transport.ClearSent();
            rig.Transport.WriteBudget = 10;
            rig.Deliver("20 02 01 00");
            rig.ExpectSent("3A 06 00 01 61 00 01 31 3A 06", "the first resend and two bytes of the second");
            Check.Equal(1, rig.Handler.Connected, "OnConnected waits for the resend");
            Check.True(rig.Client.IsConnected, "but the connection is up");
            byte[] payload = HexBytes.Ascii("4");
            ushort id;
            Check.Equal(MqttStatus.SendInProgress, rig.Client.Publish("a", payload, 0, 1, MqttQos.AtLeastOnce, false, out id), "new messages wait behind the resends");

            rig.Transport.WriteBudget = -1;
            rig.Client.Poll();
            rig.ExpectSent("00 01 61 00 02 32 3A 06 00 01 61 00 03 33", "the rest, in the original order");
            Check.Equal(2, rig.Handler.Connected, "then OnConnected");
            Check.True(rig.Handler.LastSessionPresent, "with the session present");
        }

        public static void PendingSubscriptionsAreReportedAbandonedOnReconnect()
        {
            // Issue 10, item 11: 3.1.1 resends only PUBLISH and PUBREL (§4.4), so a SUBSCRIBE or UNSUBSCRIBE unanswered
            // when the link dropped is gone; the handler hears which, by packet id, and can send it again.
            for (int present = 0; present < 2; present++)
            {
                ClientRig rig = new ClientRig();
                rig.Options.CleanSession = false;
                rig.Connect();
                ushort subscribeId;
                ushort unsubscribeId;
                rig.Client.Subscribe("x", MqttQos.AtLeastOnce, out subscribeId);
                rig.Client.Unsubscribe("y", out unsubscribeId);
                rig.Transport.PeerClosed = true;
                rig.Client.Poll();
                Check.Equal(0, rig.Handler.Abandoned, "nothing given up while the session may still resume");
                rig.Client.Connect(rig.Options);
                rig.Transport.ClearSent();
                rig.Deliver(present == 1 ? "20 02 01 00" : "20 02 00 00");
                Check.Equal(0, rig.Transport.SentCount, "SUBSCRIBE and UNSUBSCRIBE are not part of the resend");
                Check.Equal(0, rig.Client.Inflight.Count, "slots freed");
                Check.Equal(2, rig.Handler.Abandoned, "both reported");
                Check.Equal(unsubscribeId, rig.Handler.LastAbandonedId, "in order, the UNSUBSCRIBE last");
                Check.Equal(MqttStatus.UnsubscribeAbandoned, rig.Handler.LastAbandonReason, "as an UNSUBSCRIBE");
            }
        }

        public static void TheHandlerCanSubscribeAgainWhenTold()
        {
            ClientRig rig = new ClientRig();
            rig.Options.CleanSession = false;
            rig.Connect();
            ushort first;
            rig.Client.Subscribe("x", MqttQos.AtLeastOnce, out first);
            rig.Transport.PeerClosed = true;
            rig.Client.Poll();
            ushort again = 0;
            rig.Handler.OnAbandonedReaction = delegate
            {
                Check.Equal(MqttStatus.SubscribeAbandoned, rig.Handler.LastAbandonReason, "a SUBSCRIBE");
                Check.Equal(MqttStatus.Ok, rig.Client.Subscribe("x", MqttQos.AtLeastOnce, out again), "subscribe from the handler");
            };
            rig.Client.Connect(rig.Options);
            rig.Transport.ClearSent();
            rig.Deliver("20 02 01 00");
            Check.Equal(first, rig.Handler.LastAbandonedId, "the first SUBSCRIBE's id");
            Check.Equal(2, again, "a new id");
            rig.ExpectSent("82 06 00 02 00 01 78 01", "SUBSCRIBE again");
            rig.Deliver("90 03 00 02 01");
            Check.Equal(1, rig.Handler.SubscribeAcks, "and it is acknowledged");
        }

        public static void AQos2MessageIsNeverGivenUpItsIdStaysTakenAtTheBroker()
        {
            // MQTT 3.1.1 §2.3.1, §4.3.3: a QoS 2 id is free again only after PUBCOMP; releasing it after MaxResends
            // would let a new message take an id the broker still holds, and the broker would drop that message.
            ClientRig rig = new ClientRig();
            rig.Options.CleanSession = false;
            rig.Options.MaxResends = 1;
            rig.Connect();
            ushort id = rig.Publish("a", "1", MqttQos.ExactlyOnce);
            for (int reconnect = 1; reconnect <= 3; reconnect++)
            {
                rig.Transport.PeerClosed = true;
                rig.Client.Poll();
                rig.Client.Connect(rig.Options);
                rig.Transport.ClearSent();
                rig.Deliver("20 02 01 00");
                rig.ExpectSent("3C 06 00 01 61 00 01 31", "QoS 2 PUBLISH resent, reconnect " + reconnect.ToString());
            }

            Check.Equal(1, rig.Client.Inflight.Count, "kept");
            Check.Equal(0, rig.Client.DroppedAfterMaxResends, "not given up");
            ushort next = rig.Publish("a", "2", MqttQos.ExactlyOnce);
            Check.True(next != id, "a new message never takes its id");
        }

        public static void AMessageResentMaxResendsTimesIsDroppedAndReported()
        {
            // Issue 10, item 3: a message the broker answers by dropping the connection (an ACL that disconnects, a
            // poison payload) would otherwise be resent at every CONNACK for ever.
            ClientRig rig = new ClientRig();
            rig.Options.CleanSession = false;
            rig.Options.MaxResends = 2;
            rig.Connect();
            ushort poison = rig.Publish("a", "1", MqttQos.AtLeastOnce);
            for (int reconnect = 1; reconnect <= 3; reconnect++)
            {
                rig.Transport.PeerClosed = true;
                rig.Client.Poll();
                rig.Client.Connect(rig.Options);
                rig.Transport.ClearSent();
                rig.Deliver("20 02 01 00");
                if (reconnect <= 2)
                {
                    rig.ExpectSent("3A 06 00 01 61 00 01 31", "resend " + reconnect.ToString());
                    Check.Equal(0, rig.Handler.Abandoned, "kept after resend " + reconnect.ToString());
                }
            }

            Check.Equal(0, rig.Transport.SentCount, "not a third time");
            Check.Equal(0, rig.Client.Inflight.Count, "dropped");
            Check.Equal(1, rig.Client.DroppedAfterMaxResends, "counted");
            Check.Equal(1, rig.Handler.Abandoned, "reported");
            Check.Equal(poison, rig.Handler.LastAbandonedId, "by its id");
            Check.Equal(MqttStatus.ResendLimitReached, rig.Handler.LastAbandonReason, "why");

            // A message published after that starts with its own count.
            rig.Publish("a", "2", MqttQos.AtLeastOnce);
            rig.Transport.PeerClosed = true;
            rig.Client.Poll();
            rig.Client.Connect(rig.Options);
            rig.Transport.ClearSent();
            rig.Deliver("20 02 01 00");
            rig.ExpectSent("3A 06 00 01 61 00 02 32", "a fresh message is resent");
        }

        public static void ResendsAreCappedAtFiveByDefault()
        {
            MqttConnectOptions options = new MqttConnectOptions("x");
            Check.Equal(5, options.MaxResends, "default");
            options.MaxResends = -1;
            Check.Throws(typeof(System.ArgumentOutOfRangeException), delegate { options.Validate(); }, "negative");
        }
    }
}
