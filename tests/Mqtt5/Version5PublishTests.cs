using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt5
{
    /// <summary>MQTT 5.0 PUBLISH properties both ways, Topic Aliases (§3.3.2.3) and flow control (§4.9).</summary>
    public static class Version5PublishTests
    {
        public static void PublishPropertiesGoOutInTableOrder()
        {
            Version5Rig rig = new Version5Rig();
            rig.Connect();
            rig.Publish.PayloadIsUtf8 = true;
            rig.Publish.MessageExpiryInterval = 60;
            rig.Publish.ResponseTopic = "r";
            rig.Publish.CorrelationData = new byte[] { 0xAB };
            rig.Publish.CorrelationCount = 1;
            rig.Publish.ContentType = "t";
            rig.Publish.UserProperties = new MqttUserProperties(1);
            rig.Publish.UserProperties.Add("k", "v");
            rig.Send("a", "x", MqttQos.AtLeastOnce);
            rig.ExpectSent("32 21 00 01 61 00 01 1A 01 01 02 00 00 00 3C 08 00 01 72 09 00 01 AB 03 00 01 74 26 00 01 6B 00 01 76 78", "PUBLISH with its properties (§3.3.2.3)");
            rig.Publish.Reset();
            ushort id;
            byte[] payload = HexBytes.Ascii("x");
            Check.Equal(MqttStatus.Ok, rig.Client.Publish("a", payload, 0, 1, MqttQos.AtMostOnce, false, out id, null), "no properties");
            rig.ExpectSent("30 05 00 01 61 00 78", "an empty property block");
        }

        public static void IncomingPropertiesAreViewsIntoTheReceiveBuffer()
        {
            Version5Rig rig = new Version5Rig();
            rig.Connect();
            int checkedProperties = 0;
            rig.Handler.OnMessageReaction = delegate(MqttReceivedMessage m)
            {
                Check.True(m.PayloadIsUtf8, "Payload Format Indicator");
                Check.Equal(10, m.MessageExpiryInterval, "Message Expiry Interval");
                Check.Equal("r", Version5Rig.Text(m.Buffer, m.ResponseTopicOffset, m.ResponseTopicLength), "Response Topic");
                Check.Equal(2, m.CorrelationDataLength, "Correlation Data");
                Check.Equal(2, m.Buffer[m.CorrelationDataOffset + 1], "its bytes");
                Check.Equal("t", Version5Rig.Text(m.Buffer, m.ContentTypeOffset, m.ContentTypeLength), "Content Type");
                Check.Equal(5, m.SubscriptionIdentifier, "Subscription Identifier");
                Check.Equal(0, m.TopicAlias, "no alias");
                Check.Equal("on", Version5Rig.Text(m.Buffer, m.PayloadOffset, m.PayloadLength), "payload after the properties");
                MqttPropertyReader properties = m.ReadProperties();
                while (properties.Next())
                {
                    if (properties.Id == MqttPropertyId.UserProperty)
                    {
                        Check.Equal("k", Version5Rig.Text(m.Buffer, properties.NameOffset, properties.NameLength), "user property name");
                        Check.Equal("v", Version5Rig.Text(m.Buffer, properties.ValueOffset, properties.ValueLength), "user property value");
                        checkedProperties++;
                    }
                }
            };
            rig.Deliver("30 23 00 01 61 1D 01 01 02 00 00 00 0A 08 00 01 72 09 00 02 01 02 03 00 01 74 0B 05 26 00 01 6B 00 01 76 6F 6E");
            Check.Equal(1, rig.Base.Messages, "delivered");
            Check.Equal(1, checkedProperties, "the User Property was read");
            rig.Handler.OnMessageReaction = delegate(MqttReceivedMessage m)
            {
                Check.Equal(-1, m.MessageExpiryInterval, "no expiry");
                Check.Equal(-1, m.ResponseTopicLength, "no Response Topic");
                Check.Equal(-1, m.CorrelationDataLength, "no Correlation Data");
                Check.Equal(0, m.SubscriptionIdentifier, "no Subscription Identifier");
            };
            rig.Deliver("30 05 00 01 61 00 78");
            Check.Equal(2, rig.Base.Messages, "a message without properties");
        }

        public static void RepeatedTopicsGoByAlias()
        {
            Version5Rig rig = new Version5Rig(0, 2);
            rig.Connect("20 06 00 00 03 22 00 05");
            rig.Send("ab", "x", MqttQos.AtMostOnce);
            rig.ExpectSent("30 09 00 02 61 62 03 23 00 01 78", "first: the topic and alias 1 (§3.3.2.3.4)");
            rig.Send("ab", "x", MqttQos.AtMostOnce);
            rig.ExpectSent("30 07 00 00 03 23 00 01 78", "then the alias alone: an empty topic");
            rig.Send("c", "x", MqttQos.AtMostOnce);
            rig.ExpectSent("30 08 00 01 63 03 23 00 02 78", "a second topic, alias 2");
            rig.Send("d", "x", MqttQos.AtMostOnce);
            rig.ExpectSent("30 05 00 01 64 00 78", "our table is full: no alias");
            byte[] topic = HexBytes.Ascii("ab");
            byte[] payload = HexBytes.Ascii("x");
            ushort id;
            rig.Client.Publish(topic, 0, 2, payload, 0, 1, MqttQos.AtMostOnce, false, out id, null);
            rig.ExpectSent("30 07 00 00 03 23 00 01 78", "a topic given as bytes finds its alias too");
        }

        public static void AnAliasThatWouldPassTheServersMaximumPacketSizeIsNotUsed()
        {
            // Topic Alias Maximum 5, Maximum Packet Size 8 (§3.2.2.3.6): "ab"/"x" is 8 bytes without an alias and 11 with
            // a new one, so it goes without [MQTT-3.2.2-15]; the alias is not taken (the server never heard of it)
            Version5Rig rig = new Version5Rig(0, 2);
            rig.Connect("20 0B 00 00 08 22 00 05 27 00 00 00 08");
            Check.Equal(MqttStatus.Ok, rig.Send("ab", "x", MqttQos.AtMostOnce, false, out _), "sent");
            rig.ExpectSent("30 06 00 02 61 62 00 78", "exactly the server's maximum, no alias");
            rig.Send("ab", "x", MqttQos.AtMostOnce);
            rig.ExpectSent("30 06 00 02 61 62 00 78", "the same again: no alias was kept for it");

            rig = new Version5Rig(0, 2);
            rig.Connect("20 0B 00 00 08 22 00 05 27 00 00 00 0B"); // Maximum Packet Size 11
            rig.Send("ab", "x", MqttQos.AtMostOnce);
            rig.ExpectSent("30 09 00 02 61 62 03 23 00 01 78", "11 bytes with alias 1: fits exactly");
            rig.Send("ab", "x", MqttQos.AtMostOnce);
            rig.ExpectSent("30 07 00 00 03 23 00 01 78", "then the alias alone");
        }

        public static void AliasesAreCappedByTheServerAndEndWithTheConnection()
        {
            Version5Rig rig = new Version5Rig(0, 4);
            rig.Connect();
            rig.Send("ab", "x", MqttQos.AtMostOnce);
            rig.ExpectSent("30 06 00 02 61 62 00 78", "the server sent no Topic Alias Maximum: none may be used (§3.2.2.3.8)");

            rig = new Version5Rig(0, 4);
            rig.Options.CleanSession = false;
            rig.Properties.SessionExpiryInterval = 60;
            rig.Connect("20 06 00 00 03 22 00 01");
            rig.Send("ab", "x", MqttQos.AtLeastOnce);
            rig.ExpectSent("32 0B 00 02 61 62 00 01 03 23 00 01 78", "QoS 1 with alias 1");
            rig.Send("ab", "x", MqttQos.AtLeastOnce);
            rig.ExpectSent("32 09 00 00 00 02 03 23 00 01 78", "alias alone");
            rig.Send("c", "x", MqttQos.AtLeastOnce);
            rig.ExpectSent("32 07 00 01 63 00 03 00 78", "the server takes one alias only");
            rig.Client.DropConnection();
            rig.Client.Connect(rig.Options);
            rig.Transport.ClearSent();
            rig.Deliver("20 06 01 00 03 22 00 01");
            rig.ExpectSent("3A 08 00 02 61 62 00 01 00 78 3A 08 00 02 61 62 00 02 00 78 3A 07 00 01 63 00 03 00 78", "resent with their topics: aliases do not outlive a connection");
            rig.Send("ab", "x", MqttQos.AtMostOnce);
            rig.ExpectSent("30 09 00 02 61 62 03 23 00 01 78", "the new connection sets alias 1 again");
        }

        public static void IncomingAliasesAreResolvedIntoOurTable()
        {
            Version5Rig rig = new Version5Rig(2, 0);
            rig.Client.Connect(rig.Options);
            rig.ExpectSent("10 1B 00 04 4D 51 54 54 05 02 00 3C 0B 21 00 04 27 00 00 01 00 22 00 02 00 03 72 69 67", "Topic Alias Maximum 2 = our table");
            rig.Deliver("20 03 00 00 00");
            rig.Deliver("30 09 00 01 61 03 23 00 01 6F 6E");
            Check.Equal("a", Version5Rig.Text(rig.Base.LastTopic, 0, rig.Base.LastTopic.Length), "topic and alias 1");
            string topic = null;
            rig.Handler.OnMessageReaction = delegate(MqttReceivedMessage m)
            {
                topic = HexBytes.AsciiText(m.TopicBuffer, m.TopicOffset, m.TopicLength);
                Check.Equal(1, m.TopicAlias, "alias");
                Check.True(m.TopicBuffer != m.Buffer, "the topic lies in the alias table");
                Check.True(m.TopicEquals(HexBytes.Ascii("a"), 0, 1), "TopicEquals reads it there");
            };
            rig.Deliver("30 08 00 00 03 23 00 01 6F 6E");
            Check.Equal("a", topic, "the alias alone names topic a");
            Check.Equal(2, rig.Base.Messages, "both delivered");
            Check.Equal("a", Version5Rig.Text(rig.Base.LastTopic, 0, rig.Base.LastTopic.Length), "copied from TopicBuffer");
        }

        public static void BadIncomingAliasesCloseWithTheirReason()
        {
            Version5Rig rig = new Version5Rig(2, 0);
            rig.Connect();
            Check.Equal(MqttStatus.TopicAliasInvalid, rig.Deliver("30 09 00 01 61 03 23 00 03 6F 6E"), "alias 3 above our maximum 2");
            rig.ExpectSent("E0 01 94", "DISCONNECT Topic Alias invalid");

            rig = new Version5Rig(2, 0);
            rig.Connect();
            Check.Equal(MqttStatus.ProtocolViolation, rig.Deliver("30 08 00 00 03 23 00 02 6F 6E"), "an alias never set");
            rig.ExpectSent("E0 01 82", "DISCONNECT Protocol Error (§3.3.2.3.4)");

            rig = new Version5Rig(2, 0);
            rig.Connect();
            Check.Equal(MqttStatus.ProtocolViolation, rig.Deliver("30 05 00 00 00 6F 6E"), "an empty topic without alias");

            rig = new Version5Rig(2, 0);
            rig.Connect();
            rig.Deliver("30 09 00 01 61 03 23 00 01 6F 6E");
            rig.Client.DropConnection();
            rig.Connect();
            Check.Equal(MqttStatus.ProtocolViolation, rig.Deliver("30 08 00 00 03 23 00 01 6F 6E"), "alias 1 was of the last connection");

            rig = new Version5Rig();
            rig.Connect();
            Check.Equal(MqttStatus.TopicAliasInvalid, rig.Deliver("30 09 00 01 61 03 23 00 01 6F 6E"), "we announced no aliases");
        }

        public static void ServerReceiveMaximumLimitsWhatWeSend()
        {
            Version5Rig rig = new Version5Rig();
            rig.Connect("20 06 00 00 03 21 00 01");
            rig.Send("a", "x", MqttQos.AtLeastOnce);
            rig.Transport.ClearSent();
            ushort id;
            Check.Equal(MqttStatus.InflightFull, rig.Send("a", "x", MqttQos.AtLeastOnce, false, out id), "Receive Maximum 1 reached");
            Check.Equal(MqttStatus.InflightFull, rig.Send("a", "x", MqttQos.ExactlyOnce, false, out id), "QoS 2 counts too");
            Check.Equal(0, rig.Transport.SentCount, "not sent");
            Check.Equal(MqttStatus.Ok, rig.Send("a", "x", MqttQos.AtMostOnce, false, out id), "QoS 0 is not counted");
            rig.Deliver("40 02 00 01");
            Check.Equal(MqttStatus.Ok, rig.Send("a", "x", MqttQos.ExactlyOnce, false, out id), "room again after PUBACK");
            rig.Deliver("50 02 00 02");
            Check.Equal(MqttStatus.InflightFull, rig.Send("a", "x", MqttQos.AtLeastOnce, false, out id), "a QoS 2 message counts until PUBCOMP");
            rig.Deliver("70 02 00 02");
            Check.Equal(MqttStatus.Ok, rig.Send("a", "x", MqttQos.AtLeastOnce, false, out id), "room after PUBCOMP");
        }

        public static void TheResendWalkKeepsWithinTheServersReceiveMaximum()
        {
            Version5Rig rig = new Version5Rig();
            rig.Options.CleanSession = false;
            rig.Properties.SessionExpiryInterval = 60;
            rig.Connect();
            rig.Send("a", "x", MqttQos.AtLeastOnce);
            rig.Send("a", "y", MqttQos.ExactlyOnce);
            rig.Send("a", "z", MqttQos.AtLeastOnce);
            rig.Client.DropConnection();
            rig.Client.Connect(rig.Options);
            rig.Transport.ClearSent();
            rig.Deliver("20 06 01 00 03 21 00 01");
            rig.ExpectSent("3A 07 00 01 61 00 01 00 78", "Receive Maximum 1: only the first is resent (§4.9)");
            Check.True(rig.Client.IsConnected, "connected");
            Check.Equal(1, rig.Base.Connected, "OnConnected waits for the walk (the first connection's one only)");
            rig.Deliver("40 02 00 01");
            rig.ExpectSent("3C 07 00 01 61 00 02 00 79", "PUBACK gave the quota back: the QoS 2 one");
            rig.Deliver("50 02 00 02");
            rig.ExpectSent("62 02 00 02", "PUBREL; the quota comes back only at PUBCOMP");
            rig.Deliver("70 02 00 02");
            rig.ExpectSent("3A 07 00 01 61 00 03 00 7A", "then the third");
            Check.Equal(2, rig.Base.Connected, "the walk is done: OnConnected");
            rig.Deliver("40 02 00 03");
            Check.Equal(0, rig.Client.Inflight.Count, "all acknowledged");
            Check.Equal(3, rig.Base.Acknowledged, "each once");
        }

        public static void MoreThanOurReceiveMaximumCloses()
        {
            Version5Rig rig = new Version5Rig();
            rig.Connect();
            rig.Deliver("34 07 00 01 61 00 01 00 78 34 07 00 01 61 00 02 00 78 34 07 00 01 61 00 03 00 78 34 07 00 01 61 00 04 00 78");
            rig.ExpectSent("50 02 00 01 50 02 00 02 50 02 00 03 50 02 00 04", "four PUBRECs: our Receive Maximum is 4");
            rig.Deliver("62 02 00 02");
            rig.Deliver("32 07 00 01 61 00 05 00 78");
            rig.ExpectSent("70 02 00 02 40 02 00 05", "one released, so a fourth may wait");
            Check.Equal(MqttStatus.ReceiveMaximumExceeded, rig.Deliver("34 07 00 01 61 00 06 00 78 34 07 00 01 61 00 07 00 78"), "a fifth unacknowledged");
            rig.ExpectSent("50 02 00 06 E0 01 93", "DISCONNECT Receive Maximum exceeded (§3.3.4)");
            Check.Equal(6, rig.Base.Messages, "the one over the limit was not delivered");
        }

        public static void ATolerantClientTakesWhatIsOverOurReceiveMaximum()
        {
            Version5Rig rig = new Version5Rig();
            rig.Options.EnforceReceiveMaximum = false;
            rig.Connect();
            rig.Deliver("34 07 00 01 61 00 01 00 78 34 07 00 01 61 00 02 00 78 34 07 00 01 61 00 03 00 78 34 07 00 01 61 00 04 00 78");
            rig.Transport.ClearSent();
            Check.Equal(MqttStatus.Ok, rig.Deliver("34 07 00 01 61 00 05 00 78 32 07 00 01 61 00 06 00 78"), "two over the limit");
            rig.ExpectSent("50 02 00 05 40 02 00 06", "acknowledged as 3.1.1 would");
            Check.Equal(6, rig.Base.Messages, "delivered");
            Check.True(rig.Client.IsConnected, "still connected");
            Check.Equal(MqttStatus.ReceiveMaximumExceeded, rig.Base.LastNotice, "reported as a notice");
            Check.Equal(1, rig.Client.UntrackedQos2Deliveries, "the QoS 2 one beyond the table is at least once");
        }

        public static void TooLargeForOurMaximumPacketSizeCloses()
        {
            Version5Rig rig = new Version5Rig();
            rig.Connect();
            Check.Equal(MqttStatus.IncomingPacketTooLarge, rig.Deliver("30 AC 02 00 01 61 00"), "300 bytes, we announced 256");
            rig.ExpectSent("E0 01 95", "DISCONNECT Packet too large (§3.1.2.11.4)");
        }
    }
}
