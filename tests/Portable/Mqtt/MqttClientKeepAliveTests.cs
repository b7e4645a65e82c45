using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>Keep-alive, MQTT 3.1.1 §3.1.2.10, on a fake clock (keep-alive 60 s, ping time-out 5 s).</summary>
    public static class MqttClientKeepAliveTests
    {
        public static void PingAfterAKeepAliveOfSilence()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            KeepAliveCheck.PingDueIn(rig.Client, rig.Clock, rig.Transport, 60000, "not yet", "PINGREQ at 60 s");
            rig.Clock.Advance(100);
            rig.Deliver("D0 00");
            KeepAliveCheck.PingDueIn(rig.Client, rig.Clock, rig.Transport, 59900, "next ping counts from the last send", "PINGREQ at 120 s");
        }

        public static void KeepAliveCountsFromTheLastSend()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            rig.Clock.Advance(30000);
            rig.Publish("a", "x", MqttQos.AtMostOnce);
            rig.Deliver("30 03 00 01 61"); // the broker is heard from too, so only the send rule is at work
            rig.Transport.ClearSent();
            rig.Clock.Advance(30000);
            rig.Client.Poll();
            Check.Equal(0, rig.Transport.SentCount, "60 s after connect but 30 s after the publish");
            rig.Clock.Advance(29999);
            rig.Deliver("30 03 00 01 61");
            Check.Equal(0, rig.Transport.SentCount, "just before 60 s after the publish");
            rig.Clock.Advance(1);
            rig.Client.Poll();
            rig.ExpectSent("C0 00", "PINGREQ 60 s after the publish");
        }

        public static void ReceivingDoesNotPostponeThePing()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            for (int i = 0; i < 6; i++)
            {
                rig.Clock.Advance(10000);
                rig.Deliver("30 03 00 01 61");
            }

            rig.ExpectSent("C0 00", "the client must send within keep-alive even while messages arrive");
        }

        public static void MissingPingRespClosesTheConnection()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            rig.Clock.Advance(60000);
            rig.Client.Poll();
            rig.Clock.Advance(4999);
            Check.Equal(MqttStatus.Ok, rig.Client.Poll(), "still waiting for PINGRESP");
            rig.Clock.Advance(1);
            Check.Equal(MqttStatus.PingTimeout, rig.Client.Poll(), "no PINGRESP in 5 s");
            Check.Equal(MqttStatus.PingTimeout, rig.Handler.LastCloseReason, "reported");
            Check.False(rig.Transport.IsOpen, "transport closed");
        }

        public static void AnsweredPingDoesNotTimeOut()
        {
            ClientRig rig = new ClientRig();
            rig.Connect();
            rig.Clock.Advance(60000);
            rig.Client.Poll();
            rig.ExpectSent("C0 00", "PINGREQ at 60 s");
            rig.Clock.Advance(400);
            rig.Deliver("D0 00");
            rig.Clock.Advance(4600);
            Check.Equal(MqttStatus.Ok, rig.Client.Poll(), "the ping time-out after the PINGREQ, but PINGRESP came");
            Check.True(rig.Client.IsConnected, "still connected");
        }

        public static void HearingFromTheBrokerPostponesTheProbe()
        {
            // Publishing every 10 s keeps the send rule quiet; the dead-link probe counts from the last packet heard.
            ClientRig rig = new ClientRig();
            rig.Connect();
            PublishQos0Every10Seconds(rig, 5);

            rig.Clock.Advance(5000);
            rig.Deliver("30 03 00 01 61");
            rig.Clock.Advance(5000);
            rig.Publish("b", "y", MqttQos.AtMostOnce);
            rig.Transport.ClearSent();
            rig.Client.Poll();
            Check.Equal(0, rig.Transport.SentCount, "60 s after CONNACK, but the broker was heard at 55 s");
            PublishQos0Every10Seconds(rig, 5);

            KeepAliveCheck.PingDueIn(rig.Client, rig.Clock, rig.Transport, 5000, "just before a keep-alive after the broker was heard", "PINGREQ a keep-alive after the broker was heard");
        }

        public static void UnansweredPublishTriggersAPingEvenWhileSending()
        {
            // A black-holed link accepts writes. The client keeps sending QoS 0 every 10 s, so the send rule never
            // fires; a keep-alive with nothing heard (the CONNACK at 0 was the last packet) does.
            ClientRig rig = new ClientRig();
            rig.Connect();
            rig.Clock.Advance(10000);
            rig.Publish("a", "x", MqttQos.AtLeastOnce);
            PublishQos0Every10Seconds(rig, 4);

            KeepAliveCheck.PingDueIn(rig.Client, rig.Clock, rig.Transport, 10000, "59.999 s after the last packet heard", "PINGREQ a keep-alive after the last packet heard");
            rig.Clock.Advance(5000);
            Check.Equal(MqttStatus.PingTimeout, rig.Client.Poll(), "dead link noticed within keep-alive + ping time-out");
        }

        public static void ABusyLinkThatAnswersIsNotPinged()
        {
            // Sending every 10 s and hearing a PUBACK each time: neither rule is due, so no PINGREQ is added.
            ClientRig rig = new ClientRig();
            rig.Connect();
            for (int i = 0; i < 30; i++)
            {
                rig.Clock.Advance(10000);
                ushort id = rig.Publish("a", "x", MqttQos.AtLeastOnce);
                rig.Deliver("40 02 " + Hex(id >> 8) + " " + Hex(id));
            }

            Check.Equal(0, rig.Handler.Closed, "still connected");
            Check.False(ContainsPing(rig.Transport), "no PINGREQ while packets flow both ways");
        }

        // A device that keeps publishing: a QoS 0 PUBLISH every 10 s, each followed by a Poll.
        private static void PublishQos0Every10Seconds(ClientRig rig, int times)
        {
            for (int i = 0; i < times; i++)
            {
                rig.Clock.Advance(10000);
                rig.Publish("b", "y", MqttQos.AtMostOnce);
                rig.Client.Poll();
            }
        }

        private static string Hex(int value)
        {
            const string digits = "0123456789ABCDEF";
            return new string(new char[] { digits[(value >> 4) & 0xF], digits[value & 0xF] });
        }

        private static bool ContainsPing(ScriptedTransport transport)
        {
            // Every packet the client sent here is a QoS 1 PUBLISH "32 06 ..." of 8 bytes; a PINGREQ would break the stride.
            for (int i = 0; i < transport.SentCount; i += 8)
            {
                if (transport.SentBytes[i] != 0x32)
                {
                    return true;
                }
            }

            return false;
        }

        public static void Qos0OnlyPublisherOnASilentLinkPings()
        {
            // Issue 10, item 11: a black-holed link accepts writes; a device that only publishes QoS 0 every 10 s never
            // goes a keep-alive without sending, and nothing awaits an acknowledgement. Hearing nothing for a whole
            // keep-alive must still make it ask.
            ClientRig rig = new ClientRig();
            rig.Connect();
            PublishQos0Every10Seconds(rig, 5);

            KeepAliveCheck.PingDueIn(rig.Client, rig.Clock, rig.Transport, 10000, "59.999 s after CONNACK, the last packet heard", "PINGREQ a keep-alive after the last packet heard");
            for (int i = 0; i < 5; i++)
            {
                rig.Clock.Advance(1000);
                rig.Publish("b", "y", MqttQos.AtMostOnce);
                Check.Equal(i < 4 ? MqttStatus.Ok : MqttStatus.PingTimeout, rig.Client.Poll(), "ping time-out 5 s later");
            }

            Check.Equal(MqttStatus.PingTimeout, rig.Handler.LastCloseReason, "dead link noticed within keep-alive + ping time-out");
        }

        public static void ZeroKeepAliveNeverPings()
        {
            ClientRig rig = new ClientRig();
            rig.Options.KeepAliveSeconds = 0;
            rig.Connect();
            rig.Clock.Advance(10 * 60 * 60 * 1000L);
            Check.Equal(MqttStatus.Ok, rig.Client.Poll(), "no ping and no ping time-out with keep-alive 0");
            Check.Equal(0, rig.Transport.SentCount, "no PINGREQ with keep-alive off");
        }
    }
}
