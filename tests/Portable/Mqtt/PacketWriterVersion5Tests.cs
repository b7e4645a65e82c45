using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>Byte-exact MQTT 5.0 encodings of what a client sends (OASIS MQTT 5.0 chapter 3).</summary>
    public static class PacketWriterVersion5Tests
    {
        private static readonly PacketWriter Writer = new PacketWriter(MqttProtocolVersion.V500);

        public static void ConnectMinimalHasLevel5AndAnEmptyPropertyBlock()
        {
            byte[] buffer = new byte[64];
            int length = Writer.WriteConnect(buffer, 0, buffer.Length, new MqttConnectOptions("a"));
            // §3.1.2.2 level 5; §3.1.2.11 property length 0; Clean Start (bit 1)
            Check.Bytes(HexBytes.Parse("10 0E 00 04 4D 51 54 54 05 02 00 3C 00 00 01 61"), buffer, 0, length, "CONNECT");
        }

        public static void ConnectCarriesItsPropertiesAndTheWills()
        {
            MqttConnectOptions options = new MqttConnectOptions("a");
            options.WillTopic = "w";
            options.WillPayload = HexBytes.Ascii("x");
            options.WillQos = MqttQos.AtLeastOnce;
            MqttConnectProperties properties = new MqttConnectProperties();
            properties.SessionExpiryInterval = 3600;
            properties.ReceiveMaximum = 4;
            properties.WillDelayInterval = 10;
            properties.WillPayloadIsUtf8 = true;
            options.Properties = properties;
            byte[] buffer = new byte[64];
            int length = Writer.WriteConnect(buffer, 0, buffer.Length, options);
            Check.Bytes(
                HexBytes.Parse("10 24 00 04 4D 51 54 54 05 0E 00 3C  08 11 00 00 0E 10 21 00 04  00 01 61  07 18 00 00 00 0A 01 01  00 01 77  00 01 78"),
                buffer, 0, length, "CONNECT with Session Expiry, Receive Maximum, Will Delay and Payload Format");
        }

        public static void ConnectPropertiesAreReadableByOurOwnReader()
        {
            MqttConnectOptions options = new MqttConnectOptions("dev");
            MqttConnectProperties properties = new MqttConnectProperties();
            properties.MaximumPacketSize = 1024;
            properties.TopicAliasMaximum = 8;
            properties.RequestResponseInformation = true;
            properties.RequestProblemInformation = false;
            properties.UserProperties = new MqttUserProperties(2);
            Check.True(properties.UserProperties.Add("fw", "0.1"), "a user property");
            options.Properties = properties;
            byte[] buffer = new byte[128];
            int length = Writer.WriteConnect(buffer, 0, buffer.Length, options);
            Check.True(length > 0, "written");
            MqttPropertyReader reader = new MqttPropertyReader();
            long connectSet = MqttPropertyReader.Bit(MqttPropertyId.MaximumPacketSize) | MqttPropertyReader.Bit(MqttPropertyId.TopicAliasMaximum) |
                MqttPropertyReader.Bit(MqttPropertyId.RequestResponseInformation) | MqttPropertyReader.Bit(MqttPropertyId.RequestProblemInformation) |
                MqttPropertyReader.Bit(MqttPropertyId.UserProperty);
            int size = reader.Begin(buffer, 12, length - 12, connectSet);
            Check.Equal(1 + 5 + 3 + 2 + 2 + 10, size, "the block as written");
            int seen = 0;
            while (reader.Next())
            {
                seen++;
            }

            Check.Equal(MqttStatus.Ok, reader.Failure, "well formed");
            Check.Equal(5, seen, "five properties");
        }

        public static void PublishPutsItsPropertiesAfterThePacketId()
        {
            byte[] buffer = new byte[64];
            MqttPublishProperties properties = new MqttPublishProperties();
            properties.TopicAlias = 1;
            int length = Writer.WritePublish(buffer, 0, buffer.Length, "t", HexBytes.Ascii("on"), 0, 2, MqttQos.AtLeastOnce, false, false, 1, properties);
            Check.Bytes(HexBytes.Parse("32 0B 00 01 74 00 01 03 23 00 01 6F 6E"), buffer, 0, length, "QoS 1 with a Topic Alias (§3.3.2.3.4)");
            length = Writer.WritePublish(buffer, 0, buffer.Length, "t", HexBytes.Ascii("on"), 0, 2, MqttQos.AtMostOnce, false, false, 0);
            Check.Bytes(HexBytes.Parse("30 06 00 01 74 00 6F 6E"), buffer, 0, length, "QoS 0, no properties: a zero length");
        }

        public static void ARequestCarriesResponseTopicAndCorrelationData()
        {
            byte[] buffer = new byte[64];
            MqttPublishProperties request = new MqttPublishProperties();
            request.ResponseTopic = "r";
            request.CorrelationData = new byte[] { 9, 0xAB, 7 };
            request.CorrelationOffset = 1;
            request.CorrelationCount = 1;
            request.MessageExpiryInterval = 5;
            byte[] topic = HexBytes.Ascii("q");
            int length = Writer.WritePublish(buffer, 0, buffer.Length, topic, 0, 1, null, 0, 0, MqttQos.AtMostOnce, false, false, 0, request);
            // expiry 02 00 00 00 05, response topic 08 00 01 72, correlation 09 00 01 AB (§4.10)
            Check.Bytes(HexBytes.Parse("30 11 00 01 71 0D 02 00 00 00 05 08 00 01 72 09 00 01 AB"), buffer, 0, length, "request");
            request.CorrelationCount = 5;
            Check.Equal(PacketWriter.NotEncodable, Writer.WritePublish(buffer, 0, buffer.Length, topic, 0, 1, null, 0, 0, MqttQos.AtMostOnce, false, false, 0, request), "correlation range past its array");
        }

        public static void AcknowledgementsCarryAReasonCodeOnlyWhenNotSuccess()
        {
            byte[] buffer = new byte[8];
            int length = Writer.WriteAcknowledgement(buffer, 0, MqttPacketType.PubAck, 7, 0);
            Check.Bytes(HexBytes.Parse("40 02 00 07"), buffer, 0, length, "Success: reason code left out (§3.4.2.1)");
            length = Writer.WriteAcknowledgement(buffer, 0, MqttPacketType.PubRec, 7, 0x80);
            Check.Bytes(HexBytes.Parse("50 03 00 07 80"), buffer, 0, length, "Unspecified error");
            length = Writer.WriteAcknowledgement(buffer, 0, MqttPacketType.PubRel, 7, 0x92);
            Check.Bytes(HexBytes.Parse("62 03 00 07 92"), buffer, 0, length, "PUBREL Packet Identifier not found");
            length = new PacketWriter(MqttProtocolVersion.V311).WriteAcknowledgement(buffer, 0, MqttPacketType.PubAck, 7, 0x80);
            Check.Bytes(HexBytes.Parse("40 02 00 07"), buffer, 0, length, "3.1.1 has no reason codes");
        }

        public static void SubscribeCarriesOptionsAndASubscriptionIdentifier()
        {
            byte[] buffer = new byte[32];
            byte options = SubscriptionOptions.Encode(MqttQos.AtLeastOnce, true, false, SubscriptionOptions.DoNotSendRetained);
            Check.Equal(0x25, options, "QoS 1, No Local, Retain Handling 2 (§3.8.3.1)");
            int length = Writer.WriteSubscribe(buffer, 0, buffer.Length, 0x0A, new string[] { "a/#" }, new MqttQos[] { MqttQos.AtLeastOnce }, new byte[] { options }, 1, 5);
            Check.Bytes(HexBytes.Parse("82 0B 00 0A 02 0B 05 00 03 61 2F 23 25"), buffer, 0, length, "SUBSCRIBE");
            length = Writer.WriteSubscribe(buffer, 0, buffer.Length, 0x0A, new string[] { "a" }, new MqttQos[] { MqttQos.ExactlyOnce }, null, 1, 0);
            Check.Bytes(HexBytes.Parse("82 07 00 0A 00 00 01 61 02"), buffer, 0, length, "no identifier: an empty block");
        }

        public static void OutOfRangeValuesAreRefusedNotTruncated()
        {
            byte[] buffer = new byte[32];
            Check.Equal(PacketWriter.NotEncodable, Writer.WriteSubscribe(buffer, 0, buffer.Length, 1, new string[] { "a" }, new MqttQos[] { MqttQos.AtMostOnce }, null, 1, 268435456), "Subscription Identifier above 268,435,455");
            Check.Equal(PacketWriter.NotEncodable, Writer.WriteSubscribe(buffer, 0, buffer.Length, 1, new string[] { "a" }, new MqttQos[] { MqttQos.AtMostOnce }, null, 1, -5), "negative");
            Check.Equal(-1, MqttPropertyWriter.WriteVariable(null, 0, MqttPropertyId.SubscriptionIdentifier, 268435456), "no size for it");
            Check.Throws(typeof(System.ArgumentOutOfRangeException), delegate { SubscriptionOptions.Encode(MqttQos.AtMostOnce, false, false, 3); }, "Retain Handling 3");
            MqttPublishProperties properties = new MqttPublishProperties();
            properties.UserProperties = new MqttUserProperties(1);
            properties.UserProperties.Add("a", "b");
            properties.Reset();
            Check.Equal(0, properties.Write(null, 0), "Reset sends nothing again, user properties included");
        }

        public static void UnsubscribeAndDisconnect()
        {
            byte[] buffer = new byte[16];
            int length = Writer.WriteUnsubscribe(buffer, 0, buffer.Length, 0x0B, new string[] { "a" }, 1);
            Check.Bytes(HexBytes.Parse("A2 06 00 0B 00 00 01 61"), buffer, 0, length, "UNSUBSCRIBE with an empty block (§3.10.2.1)");
            length = Writer.WriteDisconnect(buffer, 0, 0);
            Check.Bytes(HexBytes.Parse("E0 00"), buffer, 0, length, "Normal disconnection: both fields left out");
            length = Writer.WriteDisconnect(buffer, 0, 0x04);
            Check.Bytes(HexBytes.Parse("E0 01 04"), buffer, 0, length, "Disconnect with Will Message (§3.14.2.1)");
        }
    }
}
