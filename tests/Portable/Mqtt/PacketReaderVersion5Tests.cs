using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>Byte vectors of MQTT 5.0 packets a server sends (OASIS MQTT 5.0 chapter 3), decoded by the same reader.</summary>
    public static class PacketReaderVersion5Tests
    {
        public static void ConnAckCarriesAReasonCodeAndProperties()
        {
            // session present, Success, properties: Receive Maximum 10, Topic Alias Maximum 5, Assigned Client Identifier "x"
            PacketReader reader = Read("20 0D 01 00 0A 21 00 0A 22 00 05 12 00 01 78");
            Check.True(reader.SessionPresent, "session present");
            Check.Equal(0, reader.ReasonCode, "Success");
            Check.Equal(4, reader.PropertiesOffset, "the block starts after flags and reason code");
            Check.Equal(11, reader.PropertiesSize, "length field and 10 bytes of properties");
            MqttPropertyReader properties = new MqttPropertyReader();
            properties.Begin(Last, reader.PropertiesOffset, reader.PropertiesSize, reader.AllowedProperties);
            Check.True(properties.Next() && properties.Id == MqttPropertyId.ReceiveMaximum && properties.Value == 10, "Receive Maximum");
            Check.True(properties.Next() && properties.Id == MqttPropertyId.TopicAliasMaximum && properties.Value == 5, "Topic Alias Maximum");
            Check.True(properties.Next() && properties.Id == MqttPropertyId.AssignedClientIdentifier, "Assigned Client Identifier");
            Check.False(properties.Next(), "end");
        }

        public static void ConnAckRefusalsAndBrokenOnes()
        {
            Check.Equal(0x84, Read("20 03 00 84 00").ReasonCode, "Unsupported Protocol Version (the 3.1.1 fallback signal)");
            Check.Equal(0x87, Read("20 03 00 87 00").ReasonCode, "Not authorized");
            Expect(MqttStatus.MalformedPacket, "20 03 00 05 00", "a 3.1.1 return code is not a 5.0 reason code");
            Expect(MqttStatus.MalformedPacket, "20 02 00 00", "no property length (§3.2.2.3)");
            Expect(MqttStatus.ProtocolViolation, "20 09 00 00 06 21 00 01 21 00 02", "Receive Maximum twice");
            Expect(MqttStatus.MalformedPacket, "20 05 00 00 02 23 00", "Topic Alias is not a CONNACK property");
        }

        public static void PublishSkipsItsPropertiesToThePayload()
        {
            // QoS 1, topic "t", id 5, properties: Topic Alias 1, Message Expiry 60; payload "on"
            PacketReader reader = Read("32 10 00 01 74 00 05 08 23 00 01 02 00 00 00 3C 6F 6E");
            Check.Equal(5, reader.PacketId, "id");
            Check.Equal(7, reader.PropertiesOffset, "properties after the id");
            Check.Equal(9, reader.PropertiesSize, "their size");
            Check.Equal(16, reader.PayloadOffset, "payload after them");
            Check.Equal(2, reader.PayloadLength, "payload");
            reader = Read("30 08 00 00 03 23 00 02 6F 6E");
            Check.Equal(0, reader.TopicLength, "an empty topic with a Topic Alias (§3.3.2.3.4)");
            Expect(MqttStatus.MalformedPacket, "30 03 00 01 74", "no property length");
            Expect(MqttStatus.ProtocolViolation, "30 07 00 01 74 03 23 00 00", "Topic Alias 0");
            Expect(MqttStatus.MalformedPacket, "30 07 00 01 74 03 21 00 01", "Receive Maximum is not a PUBLISH property");
        }

        public static void AcknowledgementsMayLeaveOutReasonAndProperties()
        {
            PacketReader reader = Read("40 02 00 07");
            Check.Equal(7, reader.PacketId, "PUBACK with only an id means Success (§3.4.2.1)");
            Check.Equal(0, reader.ReasonCode, "Success");
            Check.Equal(0x10, Read("40 03 00 07 10").ReasonCode, "No matching subscribers");
            reader = Read("50 08 00 07 87 04 1F 00 01 78");
            Check.Equal(0x87, reader.ReasonCode, "PUBREC Not authorized");
            Check.Equal(5, reader.PropertiesSize, "with a Reason String");
            Check.Equal(0x92, Read("62 03 00 07 92").ReasonCode, "PUBREL Packet Identifier not found");
            Expect(MqttStatus.MalformedPacket, "70 03 00 07 80", "0x80 is not a PUBCOMP reason code");
            Expect(MqttStatus.MalformedPacket, "40 03 00 07 92", "0x92 is not a PUBACK reason code");
            Expect(MqttStatus.MalformedPacket, "60 02 00 07", "PUBREL flags [MQTT-3.6.1-1]");
        }

        public static void SubAckAndUnsubAckListReasonCodesAfterTheProperties()
        {
            PacketReader reader = Read("90 06 00 0A 00 01 97 A1");
            Check.Equal(5, reader.ReturnCodesOffset, "codes after the empty property block");
            Check.Equal(3, reader.ReturnCodesCount, "granted QoS 1, Quota exceeded, Subscription Identifiers not supported");
            reader = Read("B0 05 00 0A 00 00 11");
            Check.Equal(2, reader.ReturnCodesCount, "UNSUBACK: Success, No subscription existed");
            Expect(MqttStatus.MalformedPacket, "90 04 00 0A 00 03", "QoS 3 is no SUBACK reason code");
            Expect(MqttStatus.MalformedPacket, "B0 04 00 0A 00 02", "0x02 is no UNSUBACK reason code");
            Expect(MqttStatus.MalformedPacket, "90 03 00 0A 00", "no reason code at all");
        }

        public static void TheServerMayDisconnectWithAReason()
        {
            Check.Equal(0, Read("E0 00").ReasonCode, "no reason code means Normal disconnection (§3.14.2.1)");
            PacketReader reader = Read("E0 09 9C 07 1C 00 04 68 6F 73 74");
            Check.Equal(0x9C, reader.ReasonCode, "Use another server");
            Check.Equal(8, reader.PropertiesSize, "with a Server Reference");
            Check.Equal(0x18, Read("F0 02 18 00").ReasonCode, "AUTH Continue authentication (§3.15.2.1)");
            Expect(MqttStatus.MalformedPacket, "E2 00", "DISCONNECT flags");
        }

        private static byte[] Last;

        private static PacketReader Read(string hex)
        {
            PacketReader reader = new PacketReader(MqttProtocolVersion.V500);
            Check.Equal(MqttStatus.Ok, Decode(reader, hex), "decoded: " + hex);
            return reader;
        }

        private static void Expect(MqttStatus expected, string hex, string what)
        {
            Check.Equal(expected, Decode(new PacketReader(MqttProtocolVersion.V500), hex), what);
        }

        private static MqttStatus Decode(PacketReader reader, string hex)
        {
            byte[] bytes = HexBytes.Parse(hex);
            Last = bytes;
            int headerSize;
            int remaining;
            Check.Equal(bytes.Length, PacketReader.TryReadFrame(bytes, 0, bytes.Length, out headerSize, out remaining), "frame of " + hex);
            return reader.Read(bytes, 0, headerSize, remaining);
        }
    }
}
