using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>Byte-exact encodings of every packet a client sends, MQTT 3.1.1 chapter 3.</summary>
    public static class PacketWriterTests
    {
        private static readonly PacketWriter Writer = new PacketWriter(MqttProtocolVersion.V311);

        public static void ConnectMinimal()
        {
            MqttConnectOptions options = new MqttConnectOptions("a");
            byte[] buffer = new byte[64];
            int length = Writer.WriteConnect(buffer, 0, buffer.Length, options);

            // §3.1: "MQTT", level 4, flags 02 (clean session), keep-alive 60, client id "a".
            Check.Bytes(HexBytes.Parse("10 0D 00 04 4D 51 54 54 04 02 00 3C 00 01 61"), buffer, 0, length, "CONNECT");
        }

        public static void ConnectWithWillCredentialsAndPersistentSession()
        {
            MqttConnectOptions options = new MqttConnectOptions("dev1");
            options.KeepAliveSeconds = 30;
            options.CleanSession = false;
            options.WillTopic = "h/s";
            options.WillPayload = HexBytes.Ascii("offline");
            options.WillQos = MqttQos.AtLeastOnce;
            options.WillRetain = true;
            options.Username = "u";
            options.Password = HexBytes.Ascii("p");
            byte[] buffer = new byte[64];
            int length = Writer.WriteConnect(buffer, 0, buffer.Length, options);

            // flags: user 80 | password 40 | will retain 20 | will QoS 1 08 | will 04 = EC; clean session off (§3.1.2.3)
            Check.Bytes(
                HexBytes.Parse("10 24 00 04 4D 51 54 54 04 EC 00 1E 00 04 64 65 76 31 00 03 68 2F 73 00 07 6F 66 66 6C 69 6E 65 00 01 75 00 01 70"),
                buffer, 0, length, "CONNECT with will and credentials");
        }

        public static void ConnectWillQos2WithoutRetainAndUsernameOnly()
        {
            MqttConnectOptions options = new MqttConnectOptions("c");
            options.KeepAliveSeconds = 0;
            options.WillTopic = "w";
            options.WillPayload = new byte[0];
            options.WillQos = MqttQos.ExactlyOnce;
            options.Username = "n";
            byte[] buffer = new byte[64];
            int length = Writer.WriteConnect(buffer, 0, buffer.Length, options);

            // flags: user 80 | will QoS 2 10 | will 04 | clean 02 = 96; empty will message still has its length (§3.1.3.3)
            Check.Bytes(HexBytes.Parse("10 15 00 04 4D 51 54 54 04 96 00 00 00 01 63 00 01 77 00 00 00 01 6E"), buffer, 0, length, "CONNECT");
        }

        public static void ConnectThatDoesNotFitIsRefused()
        {
            byte[] buffer = new byte[14];
            Check.Equal(PacketWriter.DoesNotFit, Writer.WriteConnect(buffer, 0, buffer.Length, new MqttConnectOptions("a")), "needs 15 bytes");
        }

        public static void PublishQos0()
        {
            byte[] buffer = new byte[32];
            byte[] payload = HexBytes.Ascii("hi");
            int length = Writer.WritePublish(buffer, 0, buffer.Length, "a/b", payload, 0, 2, MqttQos.AtMostOnce, false, false, 0);
            Check.Bytes(HexBytes.Parse("30 07 00 03 61 2F 62 68 69"), buffer, 0, length, "PUBLISH QoS 0, no packet id (§3.3.2.2)");
        }

        public static void PublishQos1RetainFromTopicBytes()
        {
            byte[] buffer = new byte[32];
            byte[] topic = HexBytes.Ascii("xa/b");
            byte[] payload = HexBytes.Ascii("hi");
            int length = Writer.WritePublish(buffer, 0, buffer.Length, topic, 1, 3, payload, 0, 2, MqttQos.AtLeastOnce, true, false, 10);
            Check.Bytes(HexBytes.Parse("33 09 00 03 61 2F 62 00 0A 68 69"), buffer, 0, length, "PUBLISH QoS 1 retain id 10");
        }

        public static void PublishQos2Duplicate()
        {
            byte[] buffer = new byte[32];
            byte[] payload = HexBytes.Ascii("hi");
            int length = Writer.WritePublish(buffer, 0, buffer.Length, "a/b", payload, 0, 2, MqttQos.ExactlyOnce, false, true, 0x1234);
            Check.Bytes(HexBytes.Parse("3C 09 00 03 61 2F 62 12 34 68 69"), buffer, 0, length, "PUBLISH QoS 2 DUP");
        }

        public static void PublishWithEmptyPayload()
        {
            byte[] buffer = new byte[32];
            int length = Writer.WritePublish(buffer, 0, buffer.Length, "t", null, 0, 0, MqttQos.AtMostOnce, true, false, 0);
            Check.Bytes(HexBytes.Parse("31 03 00 01 74"), buffer, 0, length, "retained empty payload clears a retained message (§3.3.1.3)");
        }

        public static void PublishNonAsciiTopicIsUtf8()
        {
            byte[] buffer = new byte[32];
            int length = Writer.WritePublish(buffer, 0, buffer.Length, "K\u00FCche/\uD83D\uDCA1", null, 0, 0, MqttQos.AtMostOnce, false, false, 0);

            // ü = C3 BC, U+1F4A1 = F0 9F 92 A1
            Check.Bytes(HexBytes.Parse("30 0D 00 0B 4B C3 BC 63 68 65 2F F0 9F 92 A1"), buffer, 0, length, "UTF-8 topic");
        }

        public static void PublishWithUnencodableTopicIsRefused()
        {
            byte[] buffer = new byte[32];
            if (!RuntimeText.HoldsNul || !RuntimeText.HoldsLoneSurrogates)
            {
                throw new DeviceLimitation("this runtime's strings cannot hold U+0000 or a lone surrogate, so no such topic can be passed (the bytes path is checked in MqttClientPublishTests)");
            }

            Check.Equal(PacketWriter.NotEncodable, Writer.WritePublish(buffer, 0, buffer.Length, "a\u0000b", null, 0, 0, MqttQos.AtMostOnce, false, false, 0), "U+0000");
            Check.Equal(PacketWriter.NotEncodable, Writer.WritePublish(buffer, 0, buffer.Length, "a\uD800", null, 0, 0, MqttQos.AtMostOnce, false, false, 0), "lone surrogate");
        }

        public static void PublishThatDoesNotFitIsRefused()
        {
            byte[] buffer = new byte[10];
            byte[] payload = new byte[4];
            Check.Equal(PacketWriter.DoesNotFit, Writer.WritePublish(buffer, 0, buffer.Length, "a/b", payload, 0, 4, MqttQos.AtMostOnce, false, false, 0), "11 bytes into 10");
            Check.Equal(9, Writer.WritePublish(buffer, 0, buffer.Length, "a/b", payload, 0, 2, MqttQos.AtMostOnce, false, false, 0), "9 bytes fit");
        }

        public static void Acknowledgements()
        {
            byte[] buffer = new byte[4];
            Writer.WriteAcknowledgement(buffer, 0, MqttPacketType.PubAck, 0x1234);
            Check.Bytes(HexBytes.Parse("40 02 12 34"), buffer, "PUBACK");
            Writer.WriteAcknowledgement(buffer, 0, MqttPacketType.PubRec, 0x1234);
            Check.Bytes(HexBytes.Parse("50 02 12 34"), buffer, "PUBREC");
            Writer.WriteAcknowledgement(buffer, 0, MqttPacketType.PubRel, 0x1234);
            Check.Bytes(HexBytes.Parse("62 02 12 34"), buffer, "PUBREL has flags 0010 (MQTT-3.6.1-1)");
            Writer.WriteAcknowledgement(buffer, 0, MqttPacketType.PubComp, 0x1234);
            Check.Bytes(HexBytes.Parse("70 02 12 34"), buffer, "PUBCOMP");
        }

        public static void SubscribeTwoFilters()
        {
            byte[] buffer = new byte[32];
            string[] filters = new string[] { "a/+", "#" };
            MqttQos[] qos = new MqttQos[] { MqttQos.AtLeastOnce, MqttQos.AtMostOnce };
            int length = Writer.WriteSubscribe(buffer, 0, buffer.Length, 1, filters, qos, null, 2, 0);
            Check.Bytes(HexBytes.Parse("82 0C 00 01 00 03 61 2F 2B 01 00 01 23 00"), buffer, 0, length, "SUBSCRIBE has flags 0010 (MQTT-3.8.1-1)");
        }

        public static void Unsubscribe()
        {
            byte[] buffer = new byte[32];
            int length = Writer.WriteUnsubscribe(buffer, 0, buffer.Length, 2, new string[] { "a/+" }, 1);
            Check.Bytes(HexBytes.Parse("A2 07 00 02 00 03 61 2F 2B"), buffer, 0, length, "UNSUBSCRIBE has flags 0010 (MQTT-3.10.1-1)");
        }

        public static void PingAndDisconnect()
        {
            byte[] buffer = new byte[2];
            Writer.WritePingRequest(buffer, 0);
            Check.Bytes(HexBytes.Parse("C0 00"), buffer, "PINGREQ");
            Writer.WriteDisconnect(buffer, 0);
            Check.Bytes(HexBytes.Parse("E0 00"), buffer, "DISCONNECT");
        }

        public static void PublishRemainingLengthBoundaries()
        {
            // topic "t" and QoS 0: remaining length = 3 + payload
            CheckPublishHeader(124, "30 7F");
            CheckPublishHeader(125, "30 80 01");
            CheckPublishHeader(16380, "30 FF 7F");
            CheckPublishHeader(16381, "30 80 80 01");
        }

        private static void CheckPublishHeader(int payloadLength, string expectedHeader)
        {
            byte[] payload = new byte[payloadLength];
            byte[] buffer = new byte[payloadLength + 16];
            int length = Writer.WritePublish(buffer, 0, buffer.Length, "t", payload, 0, payloadLength, MqttQos.AtMostOnce, false, false, 0);
            byte[] expected = HexBytes.Parse(expectedHeader);
            Check.Equal(expected.Length + 3 + payloadLength, length, "packet length for payload " + payloadLength.ToString());
            Check.Bytes(expected, buffer, 0, expected.Length, "fixed header for payload " + payloadLength.ToString());
        }
    }
}
