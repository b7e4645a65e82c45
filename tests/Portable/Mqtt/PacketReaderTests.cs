using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>Byte vectors of every packet a server sends, MQTT 3.1.1 chapter 3, decoded by the standalone reader.</summary>
    public static class PacketReaderTests
    {
        public static void FramesReadTheRemainingLengthOrAskForMore()
        {
            int headerSize;
            int remaining;
            byte[] publish = HexBytes.Parse("30 80 01");
            Check.Equal(PacketReader.Incomplete, PacketReader.TryReadFrame(publish, 0, 1, out headerSize, out remaining), "one byte");
            Check.Equal(PacketReader.Incomplete, PacketReader.TryReadFrame(publish, 0, 2, out headerSize, out remaining), "length continues");
            Check.Equal(131, PacketReader.TryReadFrame(publish, 0, 3, out headerSize, out remaining), "128 + 3 header bytes (§2.2.3)");
            Check.Equal(3, headerSize, "header size");
            Check.Equal(128, remaining, "remaining");
            byte[] fiveBytes = HexBytes.Parse("30 FF FF FF FF 01");
            Check.Equal(PacketReader.Malformed, PacketReader.TryReadFrame(fiveBytes, 0, 6, out headerSize, out remaining), "five length bytes");
            byte[] offset = HexBytes.Parse("00 00 D0 00");
            Check.Equal(2, PacketReader.TryReadFrame(offset, 2, 2, out headerSize, out remaining), "PINGRESP at an offset");
        }

        public static void ConnAckCarriesSessionPresentAndTheReturnCode()
        {
            PacketReader reader = Read("20 02 01 00");
            Check.Equal(MqttPacketType.ConnAck, reader.Type, "type");
            Check.True(reader.SessionPresent, "session present (§3.2.2.2)");
            Check.Equal(0, reader.ReasonCode, "accepted");
            reader = Read("20 02 00 05");
            Check.False(reader.SessionPresent, "no session");
            Check.Equal(5, reader.ReasonCode, "not authorized (table 3.1)");
            Expect(MqttStatus.MalformedPacket, "20 02 02 00", "reserved acknowledge flag bit (§3.2.2.1)");
            Expect(MqttStatus.MalformedPacket, "21 02 00 00", "reserved header flag");
            Expect(MqttStatus.MalformedPacket, "20 03 00 00 00", "length 3");
        }

        public static void PublishQos0IsAViewOfTopicAndPayload()
        {
            // §3.3: topic "a/b", payload "hi"
            PacketReader reader = Read("31 07 00 03 61 2F 62 68 69");
            Check.Equal(MqttPacketType.Publish, reader.Type, "type");
            Check.Equal(MqttQos.AtMostOnce, reader.Qos, "QoS");
            Check.True(reader.Retain, "retain");
            Check.False(reader.Duplicate, "dup");
            Check.Equal(0, reader.PacketId, "no packet id at QoS 0");
            Check.Equal(4, reader.TopicOffset, "topic offset");
            Check.Equal(3, reader.TopicLength, "topic length");
            Check.Equal(7, reader.PayloadOffset, "payload offset");
            Check.Equal(2, reader.PayloadLength, "payload length");
        }

        public static void PublishQos1And2CarryAPacketId()
        {
            PacketReader reader = Read("3A 07 00 01 74 12 34 6F 6B");
            Check.Equal(MqttQos.AtLeastOnce, reader.Qos, "QoS 1");
            Check.True(reader.Duplicate, "dup");
            Check.Equal(0x1234, reader.PacketId, "packet id");
            Check.Equal(7, reader.PayloadOffset, "payload after the id");
            Check.Equal(2, reader.PayloadLength, "payload length");
            reader = Read("34 05 00 01 74 00 07");
            Check.Equal(MqttQos.ExactlyOnce, reader.Qos, "QoS 2");
            Check.Equal(7, reader.PacketId, "id");
            Check.Equal(0, reader.PayloadLength, "empty payload");
        }

        public static void PublishBreakingAPacketRuleIsRefused()
        {
            Expect(MqttStatus.MalformedPacket, "36 05 00 01 74 00 01", "QoS 3 [MQTT-3.3.1-4]");
            Expect(MqttStatus.MalformedPacket, "38 03 00 01 74", "DUP at QoS 0 [MQTT-3.3.1-2]");
            Expect(MqttStatus.MalformedPacket, "32 05 00 01 74 00 00", "packet id 0 [MQTT-2.3.1-1]");
            Expect(MqttStatus.MalformedPacket, "30 03 00 05 74", "topic longer than the packet");
            Expect(MqttStatus.MalformedPacket, "32 04 00 01 74 00", "no room for the packet id");
            Expect(MqttStatus.MalformedPacket, "30 01 00", "no topic length");
            Expect(MqttStatus.MalformedTopic, "30 03 00 01 2B", "wildcard in a topic name [MQTT-3.3.2-2]");
            Expect(MqttStatus.MalformedTopic, "30 04 00 02 61 00", "U+0000 [MQTT-1.5.3-2]");
            Expect(MqttStatus.MalformedTopic, "30 05 00 03 ED A0 80", "encoded surrogate [MQTT-1.5.3-1]");
            Expect(MqttStatus.MalformedTopic, "30 02 00 00", "empty topic [MQTT-4.7.3-1]");
        }

        public static void AcknowledgementsCarryTheirPacketId()
        {
            Check.Equal(0x0102, Read("40 02 01 02").PacketId, "PUBACK");
            Check.Equal(MqttPacketType.PubRec, Read("50 02 00 09").Type, "PUBREC");
            Check.Equal(9, Read("62 02 00 09").PacketId, "PUBREL with flags 0010");
            Check.Equal(MqttPacketType.PubComp, Read("70 02 00 09").Type, "PUBCOMP");
            Check.Equal(MqttPacketType.UnsubAck, Read("B0 02 00 09").Type, "UNSUBACK");
            Expect(MqttStatus.MalformedPacket, "60 02 00 09", "PUBREL without its 0010 flags [MQTT-3.6.1-1]");
            Expect(MqttStatus.MalformedPacket, "42 02 00 09", "PUBACK with flags");
            Expect(MqttStatus.MalformedPacket, "40 03 00 09 00", "PUBACK of length 3");
        }

        public static void SubAckListsOneCodePerFilter()
        {
            PacketReader reader = Read("90 05 00 0A 00 02 80");
            Check.Equal(10, reader.PacketId, "id");
            Check.Equal(4, reader.ReturnCodesOffset, "codes start after the id");
            Check.Equal(3, reader.ReturnCodesCount, "three codes");
            Expect(MqttStatus.MalformedPacket, "90 03 00 0A 03", "reserved return code (§3.9.3)");
            Expect(MqttStatus.MalformedPacket, "90 02 00 0A", "no return code");
        }

        public static void PingResponseAndPacketsOnlyAClientSendsAreTellApart()
        {
            Check.Equal(MqttPacketType.PingResp, Read("D0 00").Type, "PINGRESP");
            Expect(MqttStatus.MalformedPacket, "D0 01 00", "PINGRESP with a body");
            Expect(MqttStatus.MalformedPacket, "10 00", "CONNECT from a server");
            Expect(MqttStatus.MalformedPacket, "82 00", "SUBSCRIBE from a server");
            Expect(MqttStatus.MalformedPacket, "C0 00", "PINGREQ from a server");
            Expect(MqttStatus.MalformedPacket, "E0 00", "DISCONNECT from a server (3.1.1)");
            Expect(MqttStatus.MalformedPacket, "00 00", "reserved type 0");
            Expect(MqttStatus.MalformedPacket, "F0 00", "reserved type 15");
        }

        public static void PeeksThePacketIdOfAPublishTooLargeToHold()
        {
            // QoS 1, remaining 300, topic "t", id 0x0042, then (not here) 295 payload bytes
            byte[] start = HexBytes.Parse("32 AC 02 00 01 74 00 42");
            Check.Equal(0x42, PacketReader.PeekPublishId(start, 0, 3, start.Length, 64), "id seen");
            Check.Equal(-1, PacketReader.PeekPublishId(start, 0, 3, 6, 64), "id not arrived yet");
            Check.Equal(-3, PacketReader.PeekPublishId(start, 0, 3, start.Length, 7), "id beyond the buffer");
            byte[] qos0 = HexBytes.Parse("30 AC 02 00 01 74");
            Check.Equal(0, PacketReader.PeekPublishId(qos0, 0, 3, qos0.Length, 64), "QoS 0 has none");
            byte[] qos3 = HexBytes.Parse("36 AC 02 00 01 74");
            Check.Equal(-2, PacketReader.PeekPublishId(qos3, 0, 3, qos3.Length, 64), "QoS 3");
        }

        private static PacketReader Read(string hex)
        {
            PacketReader reader = new PacketReader(MqttProtocolVersion.V311);
            Check.Equal(MqttStatus.Ok, Decode(reader, hex), "decoded: " + hex);
            return reader;
        }

        private static void Expect(MqttStatus expected, string hex, string what)
        {
            Check.Equal(expected, Decode(new PacketReader(MqttProtocolVersion.V311), hex), what);
        }

        private static MqttStatus Decode(PacketReader reader, string hex)
        {
            byte[] bytes = HexBytes.Parse(hex);
            int headerSize;
            int remaining;
            int total = PacketReader.TryReadFrame(bytes, 0, bytes.Length, out headerSize, out remaining);
            Check.Equal(bytes.Length, total, "frame of " + hex);
            return reader.Read(bytes, 0, headerSize, remaining);
        }
    }
}
