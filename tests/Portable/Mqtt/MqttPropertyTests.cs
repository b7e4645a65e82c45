using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>MQTT 5.0 properties (§2.2.2, data representations §1.5) written and read on byte vectors.</summary>
    public static class MqttPropertyTests
    {
        private static readonly long ConnAckSet =
            MqttPropertyReader.Bit(MqttPropertyId.SessionExpiryInterval) | MqttPropertyReader.Bit(MqttPropertyId.ReceiveMaximum) |
            MqttPropertyReader.Bit(MqttPropertyId.MaximumQos) | MqttPropertyReader.Bit(MqttPropertyId.AssignedClientIdentifier) |
            MqttPropertyReader.Bit(MqttPropertyId.ReasonString) | MqttPropertyReader.Bit(MqttPropertyId.UserProperty) |
            MqttPropertyReader.Bit(MqttPropertyId.TopicAliasMaximum) | MqttPropertyReader.Bit(MqttPropertyId.MaximumPacketSize);

        private static readonly long PublishSet =
            MqttPropertyReader.Bit(MqttPropertyId.PayloadFormatIndicator) | MqttPropertyReader.Bit(MqttPropertyId.MessageExpiryInterval) |
            MqttPropertyReader.Bit(MqttPropertyId.ContentType) | MqttPropertyReader.Bit(MqttPropertyId.ResponseTopic) |
            MqttPropertyReader.Bit(MqttPropertyId.CorrelationData) | MqttPropertyReader.Bit(MqttPropertyId.SubscriptionIdentifier) |
            MqttPropertyReader.Bit(MqttPropertyId.TopicAlias) | MqttPropertyReader.Bit(MqttPropertyId.UserProperty);

        public static void EveryTypeIsWrittenByteExact()
        {
            byte[] buffer = new byte[64];
            int end = MqttPropertyWriter.WriteByte(buffer, 0, MqttPropertyId.PayloadFormatIndicator, 1);
            Check.Bytes(HexBytes.Parse("01 01"), buffer, 0, end, "Byte (§1.5.1)");
            end = MqttPropertyWriter.WriteTwoByte(buffer, 0, MqttPropertyId.ReceiveMaximum, 0x0102);
            Check.Bytes(HexBytes.Parse("21 01 02"), buffer, 0, end, "Two Byte Integer, big-endian (§1.5.2)");
            end = MqttPropertyWriter.WriteFourByte(buffer, 0, MqttPropertyId.SessionExpiryInterval, 0xFFFFFFFFL);
            Check.Bytes(HexBytes.Parse("11 FF FF FF FF"), buffer, 0, end, "Four Byte Integer, never expires (§3.1.2.11.2)");
            end = MqttPropertyWriter.WriteVariable(buffer, 0, MqttPropertyId.SubscriptionIdentifier, 128);
            Check.Bytes(HexBytes.Parse("0B 80 01"), buffer, 0, end, "Variable Byte Integer 128 (§1.5.5)");
            Check.Equal(3, MqttPropertyWriter.WriteVariable(null, 0, MqttPropertyId.SubscriptionIdentifier, 128), "its size, measured");
            end = MqttPropertyWriter.WriteString(buffer, 0, MqttPropertyId.ContentType, "text/plain");
            Check.Bytes(HexBytes.Parse("03 00 0A 74 65 78 74 2F 70 6C 61 69 6E"), buffer, 0, end, "UTF-8 string (§1.5.4)");
            Check.Equal(13, MqttPropertyWriter.WriteString(null, 0, MqttPropertyId.ContentType, "text/plain"), "its size, measured with no buffer");
            byte[] correlation = { 0xCA, 0xFE };
            end = MqttPropertyWriter.WriteBinary(buffer, 0, MqttPropertyId.CorrelationData, correlation, 0, 2);
            Check.Bytes(HexBytes.Parse("09 00 02 CA FE"), buffer, 0, end, "Binary Data (§1.5.6)");
            end = MqttPropertyWriter.WritePair(buffer, 0, "room", "K\u00FCche");
            Check.Bytes(HexBytes.Parse("26 00 04 72 6F 6F 6D 00 06 4B C3 BC 63 68 65"), buffer, 0, end, "UTF-8 string pair (§1.5.7)");
            Check.Equal(end, MqttPropertyWriter.PairSize("room", "K\u00FCche"), "its size");
        }

        public static void ABlockStartsWithItsLength()
        {
            byte[] buffer = new byte[300];
            Check.Equal(1, MqttPropertyWriter.WriteLength(null, 0, 0), "no properties: one zero byte (§2.2.2.1), measured");
            Check.Equal(2, MqttPropertyWriter.WriteLength(null, 0, 128), "128 bytes need two");
            Check.Equal(-1, MqttPropertyWriter.WriteLength(null, 0, -1), "a block that cannot be encoded");
            int end = MqttPropertyWriter.WriteLength(buffer, 0, 0);
            Check.Bytes(HexBytes.Parse("00"), buffer, 0, end, "empty block");
        }

        public static void AConnAckBlockReadsBackEveryProperty()
        {
            // Session Expiry 3600, Receive Maximum 4, Maximum QoS 1, Assigned Client Identifier "abc", two User Properties
            MqttPropertyReader reader = new MqttPropertyReader();
            byte[] block = Block("11 00 00 0E 10  21 00 04  24 01  12 00 03 61 62 63  26 00 01 61 00 01 62  26 00 01 61 00 00");
            Check.Equal(block.Length, reader.Begin(block, 0, block.Length, ConnAckSet), "whole block");
            Expect(reader, MqttPropertyId.SessionExpiryInterval, 3600, "session expiry");
            Expect(reader, MqttPropertyId.ReceiveMaximum, 4, "receive maximum");
            Expect(reader, MqttPropertyId.MaximumQos, 1, "maximum QoS");
            Check.True(reader.Next(), "assigned client id");
            Check.Equal((long)MqttPropertyReader.Utf8String, (long)reader.Type, "a string");
            Check.Bytes(HexBytes.Parse("61 62 63"), block, reader.ValueOffset, reader.ValueLength, "a view of it");
            Check.True(reader.Next(), "first user property");
            Check.Bytes(HexBytes.Parse("61"), block, reader.NameOffset, reader.NameLength, "name");
            Check.Bytes(HexBytes.Parse("62"), block, reader.ValueOffset, reader.ValueLength, "value");
            Check.True(reader.Next(), "a User Property may repeat, even with the same name (§3.2.2.3.10)");
            Check.Equal(0, reader.ValueLength, "empty value");
            Check.False(reader.Next(), "end");
            Check.Equal(MqttStatus.Ok, reader.Failure, "no failure");
        }

        public static void APublishMayCarrySeveralSubscriptionIdentifiers()
        {
            MqttPropertyReader reader = new MqttPropertyReader();
            byte[] block = Block("0B 01  0B FF FF FF 7F  23 00 07");
            reader.Begin(block, 0, block.Length, PublishSet);
            Expect(reader, MqttPropertyId.SubscriptionIdentifier, 1, "first (§3.3.2.3.8)");
            Expect(reader, MqttPropertyId.SubscriptionIdentifier, 268435455, "the largest");
            Expect(reader, MqttPropertyId.TopicAlias, 7, "topic alias");
            Check.False(reader.Next(), "end");
        }

        public static void BrokenBlocksFailWithTheRightKind()
        {
            Fails("11 00 00 00 01  11 00 00 00 02", ConnAckSet, MqttStatus.ProtocolViolation, "a property twice (§2.2.2.2)");
            Fails("23 00 01", ConnAckSet, MqttStatus.MalformedPacket, "a property the packet type may not carry");
            Fails("7F 00", ConnAckSet, MqttStatus.MalformedPacket, "an identifier MQTT 5.0 does not define");
            Fails("11 00 00", ConnAckSet, MqttStatus.MalformedPacket, "a Four Byte Integer cut short");
            Fails("12 00 05 61 62", ConnAckSet, MqttStatus.MalformedPacket, "a string longer than the block");
            Fails("12 00 02 61 00", ConnAckSet, MqttStatus.MalformedPacket, "U+0000 in a string [MQTT-1.5.4-2]");
            Fails("12 00 03 ED A0 80", ConnAckSet, MqttStatus.MalformedPacket, "an encoded surrogate [MQTT-1.5.4-1]");
            Fails("24 02", ConnAckSet, MqttStatus.ProtocolViolation, "Maximum QoS 2 (§3.2.2.3.4)");
            Fails("21 00 00", ConnAckSet, MqttStatus.ProtocolViolation, "Receive Maximum 0 (§3.2.2.3.3)");
            Fails("27 00 00 00 00", ConnAckSet, MqttStatus.ProtocolViolation, "Maximum Packet Size 0 (§3.2.2.3.6)");
            Fails("23 00 00", PublishSet, MqttStatus.ProtocolViolation, "Topic Alias 0 (§3.3.2.3.4)");
            Fails("0B 00", PublishSet, MqttStatus.ProtocolViolation, "Subscription Identifier 0 (§3.3.2.3.8)");
            Fails("0B 80 80 80 80 01", PublishSet, MqttStatus.MalformedPacket, "a five-byte Variable Byte Integer");
            Fails("01 02", PublishSet, MqttStatus.ProtocolViolation, "Payload Format Indicator 2 (§3.3.2.3.2)");

            MqttPropertyReader reader = new MqttPropertyReader();
            byte[] longer = HexBytes.Parse("05 21 00 04");
            Check.Equal(-1, reader.Begin(longer, 0, longer.Length, ConnAckSet), "a length past the packet");
            Check.False(reader.Next(), "nothing to read");
            Check.Equal(MqttStatus.MalformedPacket, reader.Failure, "malformed");
        }

        public static void NoBlockAtAllReadsAsEmpty()
        {
            // a 3.1.1 message has no property block (PropertiesSize 0), nor has the server view before any CONNACK
            MqttPropertyReader reader = new MqttPropertyReader();
            byte[] none = new byte[4];
            Check.Equal(0, reader.Begin(none, 2, 0, ConnAckSet), "no block: size 0");
            Check.False(reader.Next(), "nothing to read");
            Check.Equal(MqttStatus.Ok, reader.Failure, "and nothing wrong (was MalformedPacket)");
        }

        public static void WhatIsWrittenReadsBack()
        {
            byte[] buffer = new byte[128];
            byte[] correlation = new byte[] { 1, 2, 3 };
            int length = MqttPropertyWriter.WriteFourByte(null, 0, MqttPropertyId.MessageExpiryInterval, 30);
            length = MqttPropertyWriter.WriteString(null, length, MqttPropertyId.ResponseTopic, "ourhome/response");
            length = MqttPropertyWriter.WriteBinary(null, length, MqttPropertyId.CorrelationData, correlation, 0, 3);
            length = MqttPropertyWriter.WritePair(null, length, "a", "b");
            Check.Equal(MqttPropertyWriter.FourByteSize + 19 + 6 + MqttPropertyWriter.PairSize("a", "b"), length, "measured with no buffer");
            int position = MqttPropertyWriter.WriteLength(buffer, 0, length);
            position = MqttPropertyWriter.WriteFourByte(buffer, position, MqttPropertyId.MessageExpiryInterval, 30);
            position = MqttPropertyWriter.WriteString(buffer, position, MqttPropertyId.ResponseTopic, "ourhome/response");
            position = MqttPropertyWriter.WriteBinary(buffer, position, MqttPropertyId.CorrelationData, correlation, 0, 3);
            position = MqttPropertyWriter.WritePair(buffer, position, "a", "b");
            MqttPropertyReader reader = new MqttPropertyReader();
            Check.Equal(position, reader.Begin(buffer, 0, position, PublishSet), "the block as measured");
            Check.Equal(1 + length, position, "written as measured");
            Expect(reader, MqttPropertyId.MessageExpiryInterval, 30, "expiry");
            Check.True(reader.Next() && reader.Id == MqttPropertyId.ResponseTopic && reader.ValueLength == 16, "response topic");
            Check.True(reader.Next() && reader.Id == MqttPropertyId.CorrelationData && buffer[reader.ValueOffset + 2] == 3, "correlation data");
            Check.True(reader.Next() && reader.Id == MqttPropertyId.UserProperty, "user property");
            Check.False(reader.Next(), "end");
            Check.Equal(MqttStatus.Ok, reader.Failure, "read well");
        }

        public static void AMeasureThatCannotBeEncodedStaysNegative()
        {
            string tooLong = new string('x', 65536);
            int measured = MqttPropertyWriter.WriteString(null, 0, MqttPropertyId.ContentType, tooLong);
            Check.Equal(-1, measured, "a string over 65,535 bytes (§1.5.4)");
            Check.Equal(-1, MqttPropertyWriter.WriteByte(null, measured, MqttPropertyId.PayloadFormatIndicator, 1), "what follows it stays -1");
            Check.Equal(-1, MqttPropertyWriter.WriteBinary(null, 2, MqttPropertyId.CorrelationData, null, 0, 65536), "binary data over 65,535 bytes (§1.5.6)");
            Check.Equal(7, MqttPropertyWriter.WriteTwoByte(null, 4, MqttPropertyId.TopicAlias, 1), "a fixed size adds to the position");
        }

        private static void Expect(MqttPropertyReader reader, int id, long value, string what)
        {
            Check.True(reader.Next(), what + ": read");
            Check.Equal(id, reader.Id, what + ": identifier");
            Check.Equal(value, reader.Value, what);
        }

        private static void Fails(string properties, long allowed, MqttStatus expected, string what)
        {
            MqttPropertyReader reader = new MqttPropertyReader();
            byte[] block = Block(properties);
            reader.Begin(block, 0, block.Length, allowed);
            while (reader.Next())
            {
            }

            Check.Equal(expected, reader.Failure, what);
        }

        /// <summary>The properties given in hex behind their Property Length (one byte: every block here is short).</summary>
        private static byte[] Block(string properties)
        {
            byte[] body = HexBytes.Parse(properties);
            byte[] block = new byte[body.Length + 1];
            block[0] = (byte)body.Length;
            System.Array.Copy(body, 0, block, 1, body.Length);
            return block;
        }
    }
}
