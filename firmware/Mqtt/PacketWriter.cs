namespace HomeNode.Mqtt
{
    /// <summary>
    /// Encodes control packets into a caller's buffer: measure first, then write in place; nothing is allocated.
    /// Every Write method returns the packet's total length, -1 when it does not fit in <c>capacity</c> bytes, or
    /// -2 when a string argument cannot be encoded (U+0000, lone surrogate, longer than 65535 bytes).
    /// </summary>
    /// <remarks>
    /// The protocol version is a parameter: for <see cref="MqttProtocolVersion.V500"/> each variable header carries
    /// its property block (OASIS MQTT 5.0 §2.2.2), acknowledgements a reason code, SUBSCRIBE options per filter.
    /// </remarks>
    public sealed class PacketWriter
    {
        public const int DoesNotFit = -1;
        public const int NotEncodable = -2;

        // "MQTT" protocol name, §3.1.2.1
        private const byte ProtocolNameLength = 4;

        // What CONNECT sends when the options have no properties: nothing but the limits (see WriteConnect).
        private readonly MqttConnectProperties noConnectProperties = new MqttConnectProperties();

        public PacketWriter(MqttProtocolVersion version)
        {
            this.Version = version;
        }

        /// <summary>The version written; the client sets it per connection.</summary>
        public MqttProtocolVersion Version;

        /// <summary>
        /// CONNECT, §3.1. The options must have passed <see cref="MqttConnectOptions.Validate"/>. For MQTT 5.0 the
        /// limits (-1 = none) cap what the options' properties ask for (see <see cref="MqttConnectProperties.Write"/>):
        /// the client passes those its buffers set, sent even when the options have no properties.
        /// </summary>
        [SteadyState]
        public int WriteConnect(byte[] buffer, int offset, int capacity, MqttConnectOptions options, long receiveMaximumLimit = -1, long maximumPacketSizeLimit = -1, long topicAliasMaximumLimit = -1)
        {
            MqttConnectProperties properties = options.Properties ?? this.noConnectProperties;
            int remaining = this.WriteConnectBody(null, 0, options, properties, receiveMaximumLimit, maximumPacketSizeLimit, topicAliasMaximumLimit);
            if (remaining < 0)
            {
                return NotEncodable;
            }

            int p = WriteHeader(buffer, offset, capacity, (int)MqttPacketType.Connect << 4, remaining);
            if (p < 0)
            {
                return p;
            }

            return this.WriteConnectBody(buffer, p, options, properties, receiveMaximumLimit, maximumPacketSizeLimit, topicAliasMaximumLimit) - offset;
        }

        /// <summary>
        /// CONNECT's variable header and payload at <paramref name="p"/>; returns the position after them. With
        /// <paramref name="buffer"/> null only measures (as <see cref="MqttPropertyWriter"/> does): -1 when a string or
        /// binary field cannot be encoded.
        /// </summary>
        [SteadyState]
        private int WriteConnectBody(byte[] buffer, int p, MqttConnectOptions options, MqttConnectProperties properties, long receiveMaximumLimit, long maximumPacketSizeLimit, long topicAliasMaximumLimit)
        {
            bool hasWill = options.WillTopic != null;
            if (buffer != null)
            {
                buffer[p] = 0;
                buffer[p + 1] = ProtocolNameLength;
                buffer[p + 2] = (byte)'M';
                buffer[p + 3] = (byte)'Q';
                buffer[p + 4] = (byte)'T';
                buffer[p + 5] = (byte)'T';
                buffer[p + 6] = (byte)this.Version;

                // Connect flags, §3.1.2.3; bit 0 is reserved and stays 0 [MQTT-3.1.2-3].
                int flags = 0;
                if (options.CleanSession)
                {
                    flags |= 0x02;
                }

                if (hasWill)
                {
                    flags |= 0x04 | ((int)options.WillQos << 3);
                    if (options.WillRetain)
                    {
                        flags |= 0x20;
                    }
                }

                if (options.Password != null)
                {
                    flags |= 0x40;
                }

                if (options.Username != null)
                {
                    flags |= 0x80;
                }

                buffer[p + 7] = (byte)flags;
                buffer[p + 8] = (byte)(options.KeepAliveSeconds >> 8);
                buffer[p + 9] = (byte)options.KeepAliveSeconds;
            }

            // protocol name, level, flags, keep alive (§3.1.2); MQTT 5.0: a property block after them (§3.1.2.11) and
            // one before the will topic (§3.1.3.2)
            p += 10;
            bool version5 = this.Version == MqttProtocolVersion.V500;
            if (version5)
            {
                p = MqttPropertyWriter.WriteLength(buffer, p, properties.Write(null, 0, receiveMaximumLimit, maximumPacketSizeLimit, topicAliasMaximumLimit));
                p = properties.Write(buffer, p, receiveMaximumLimit, maximumPacketSizeLimit, topicAliasMaximumLimit);
            }

            // Payload order is fixed by §3.1.3: client id, will topic, will message, user name, password.
            p = WriteString(buffer, p, options.ClientId);
            if (hasWill)
            {
                if (version5)
                {
                    p = MqttPropertyWriter.WriteLength(buffer, p, properties.WriteWill(null, 0));
                    p = properties.WriteWill(buffer, p);
                }

                p = WriteString(buffer, p, options.WillTopic);
                p = WriteBinary(buffer, p, options.WillPayload, 0, options.WillPayload == null ? 0 : options.WillPayload.Length);
            }

            if (options.Username != null)
            {
                p = WriteString(buffer, p, options.Username);
            }

            if (options.Password != null)
            {
                p = WriteBinary(buffer, p, options.Password, 0, options.Password.Length);
            }

            return p;
        }

        /// <summary>
        /// PUBLISH, §3.3, with the topic given as UTF-8 bytes (checked by the caller). MQTT 5.0 properties (§3.3.2.3) may
        /// be given (null for none; ignored for 3.1.1), and a Topic Alias (§3.3.2.3.4) written before
        /// <paramref name="properties"/>' own (0 = none); <paramref name="topicCount"/> 0 sends the alias alone.
        /// </summary>
        [SteadyState]
        public int WritePublish(byte[] buffer, int offset, int capacity, byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, MqttQos qos, bool retain, bool duplicate, ushort packetId, MqttPublishProperties properties = null, int topicAlias = 0)
        {
            return this.WritePublish(buffer, offset, capacity, topic, null, topicOffset, topicCount, payload, payloadOffset, payloadCount, qos, retain, duplicate, packetId, properties, topicAlias);
        }

        /// <summary>PUBLISH, §3.3, with the topic given as a string, encoded straight into the packet; MQTT 5.0 properties may be given (null for none).</summary>
        [SteadyState]
        public int WritePublish(byte[] buffer, int offset, int capacity, string topic, byte[] payload, int payloadOffset, int payloadCount, MqttQos qos, bool retain, bool duplicate, ushort packetId, MqttPublishProperties properties = null)
        {
            return this.WritePublish(buffer, offset, capacity, null, topic, 0, MqttUtf8.Measure(topic), payload, payloadOffset, payloadCount, qos, retain, duplicate, packetId, properties, 0);
        }

        /// <summary>
        /// PUBLISH with its topic as bytes of <paramref name="topic"/>, or else as <paramref name="topicText"/>, measured
        /// by the caller (<paramref name="topicCount"/> -1: not encodable).
        /// </summary>
        [SteadyState]
        internal int WritePublish(byte[] buffer, int offset, int capacity, byte[] topic, string topicText, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, MqttQos qos, bool retain, bool duplicate, ushort packetId, MqttPublishProperties properties, int topicAlias)
        {
            if (topicCount < 0 || topicCount > 65535)
            {
                return NotEncodable;
            }

            bool version5 = this.Version == MqttProtocolVersion.V500;
            int remaining = 2 + topicCount + payloadCount;
            if (qos != MqttQos.AtMostOnce)
            {
                remaining += 2;
            }

            // MQTT 5.0 §3.3.2.3: a property block after the packet id, the Topic Alias first
            int propertiesSize = 0;
            if (version5)
            {
                propertiesSize = properties == null ? 0 : properties.Write(null, 0);
                if (propertiesSize < 0)
                {
                    return NotEncodable;
                }

                if (topicAlias != 0)
                {
                    propertiesSize += MqttPropertyWriter.TwoByteSize;
                }

                remaining += RemainingLength.Size(propertiesSize) + propertiesSize; // the Property Length is a Variable Byte Integer (§2.2.2.1)
            }

            // §3.3.1: DUP bit 3, QoS bits 2-1, RETAIN bit 0.
            int first = ((int)MqttPacketType.Publish << 4) | ((int)qos << 1);
            if (duplicate)
            {
                first |= 0x08;
            }

            if (retain)
            {
                first |= 0x01;
            }

            int p = WriteHeader(buffer, offset, capacity, first, remaining);
            if (p < 0)
            {
                return p;
            }

            p = WriteUInt16(buffer, p, topicCount);
            if (topicText != null)
            {
                MqttUtf8.Write(topicText, buffer, p);
            }
            else
            {
                System.Array.Copy(topic, topicOffset, buffer, p, topicCount);
            }

            p += topicCount;
            if (qos != MqttQos.AtMostOnce)
            {
                p = WriteUInt16(buffer, p, packetId);
            }

            if (version5)
            {
                p = MqttPropertyWriter.WriteLength(buffer, p, propertiesSize);
                if (topicAlias != 0)
                {
                    p = MqttPropertyWriter.WriteTwoByte(buffer, p, MqttPropertyId.TopicAlias, topicAlias);
                }

                if (properties != null)
                {
                    p = properties.Write(buffer, p);
                }
            }

            if (payloadCount > 0)
            {
                System.Array.Copy(payload, payloadOffset, buffer, p, payloadCount);
                p += payloadCount;
            }

            return p - offset;
        }

        /// <summary>
        /// PUBACK, PUBREC, PUBREL or PUBCOMP (§3.4-§3.7); PUBREL carries flags 0010 [MQTT-3.6.1-1]. Four bytes, or five
        /// with an MQTT 5.0 reason code (§3.4.2.1) other than 0x00 Success (the property block left out, as §3.4.2.2
        /// allows). 3.1.1 has no reason codes: the code is ignored.
        /// </summary>
        [SteadyState]
        public int WriteAcknowledgement(byte[] buffer, int offset, MqttPacketType type, ushort packetId, int reasonCode = 0)
        {
            int header = (int)type << 4;
            if (type == MqttPacketType.PubRel)
            {
                header |= 0x02;
            }

            bool withReason = this.Version == MqttProtocolVersion.V500 && reasonCode != 0;
            buffer[offset] = (byte)header;
            buffer[offset + 1] = (byte)(withReason ? 3 : 2);
            WriteUInt16(buffer, offset + 2, packetId);
            if (!withReason)
            {
                return 4;
            }

            buffer[offset + 4] = (byte)reasonCode;
            return 5;
        }

        /// <summary>
        /// SUBSCRIBE, §3.8: fixed header flags 0010 [MQTT-3.8.1-1], then filter and requested QoS pairs. MQTT 5.0 adds
        /// subscription options per filter (§3.8.3.1: QoS bits 0-1, No Local bit 2, Retain As Published bit 3, Retain
        /// Handling bits 4-5; see <see cref="SubscriptionOptions"/>) and a Subscription Identifier (§3.8.2.1.2, 0 = none).
        /// With <paramref name="options"/> null each filter's byte is its QoS.
        /// </summary>
        [SteadyState]
        public int WriteSubscribe(byte[] buffer, int offset, int capacity, ushort packetId, string[] filters, MqttQos[] qos, byte[] options, int count, int subscriptionIdentifier)
        {
            return this.WriteSubscription(buffer, offset, capacity, true, packetId, filters, qos, options, count, subscriptionIdentifier);
        }

        /// <summary>UNSUBSCRIBE, §3.10: fixed header flags 0010 [MQTT-3.10.1-1], then the filters.</summary>
        [SteadyState]
        public int WriteUnsubscribe(byte[] buffer, int offset, int capacity, ushort packetId, string[] filters, int count)
        {
            return this.WriteSubscription(buffer, offset, capacity, false, packetId, filters, null, null, count, 0);
        }

        /// <summary>SUBSCRIBE or UNSUBSCRIBE: the same shape but for the options byte after each filter of a SUBSCRIBE.</summary>
        [SteadyState]
        private int WriteSubscription(byte[] buffer, int offset, int capacity, bool subscribe, ushort packetId, string[] filters, MqttQos[] qos, byte[] options, int count, int subscriptionIdentifier)
        {
            bool version5 = this.Version == MqttProtocolVersion.V500;
            int identifierSize = MqttPropertyWriter.WriteVariable(null, 0, MqttPropertyId.SubscriptionIdentifier, subscriptionIdentifier);
            if (identifierSize < 0)
            {
                return NotEncodable; // 1 to 268,435,455 (MQTT 5.0 §3.8.2.1.2), 0 = none
            }

            // the packet id; MQTT 5.0: a property block after it (§3.8.2.1; empty for UNSUBSCRIBE, §3.10.2.1)
            int propertiesLength = version5 && subscriptionIdentifier != 0 ? identifierSize : 0;
            int remaining = 2 + (version5 ? RemainingLength.Size(propertiesLength) + propertiesLength : 0);
            for (int i = 0; i < count; i++)
            {
                remaining = WriteString(null, remaining, filters[i]);
                if (remaining < 0)
                {
                    return NotEncodable;
                }

                if (subscribe)
                {
                    remaining++;
                }
            }

            int p = WriteHeader(buffer, offset, capacity, ((int)(subscribe ? MqttPacketType.Subscribe : MqttPacketType.Unsubscribe) << 4) | 0x02, remaining);
            if (p < 0)
            {
                return p;
            }

            p = WriteUInt16(buffer, p, packetId);
            if (version5)
            {
                p = MqttPropertyWriter.WriteLength(buffer, p, propertiesLength);
                if (subscriptionIdentifier != 0)
                {
                    p = MqttPropertyWriter.WriteVariable(buffer, p, MqttPropertyId.SubscriptionIdentifier, subscriptionIdentifier);
                }
            }

            for (int i = 0; i < count; i++)
            {
                p = WriteString(buffer, p, filters[i]);
                if (subscribe)
                {
                    buffer[p++] = options == null ? (byte)qos[i] : (byte)(version5 ? options[i] : options[i] & 0x03);
                }
            }

            return p - offset;
        }

        /// <summary>PINGREQ, §3.12.</summary>
        [SteadyState]
        public int WritePingRequest(byte[] buffer, int offset)
        {
            buffer[offset] = (int)MqttPacketType.PingReq << 4;
            buffer[offset + 1] = 0;
            return 2;
        }

        /// <summary>
        /// DISCONNECT, §3.14, with an MQTT 5.0 reason code (§3.14.2.1): 0x00 keeps the will unpublished, 0x04 asks the broker to
        /// publish it. Two bytes for 0x00 (both fields left out, as §3.14.2.1 allows), three otherwise; 3.1.1 ignores it.
        /// </summary>
        [SteadyState]
        public int WriteDisconnect(byte[] buffer, int offset, int reasonCode = 0)
        {
            buffer[offset] = (int)MqttPacketType.Disconnect << 4;
            if (this.Version == MqttProtocolVersion.V500 && reasonCode != 0)
            {
                buffer[offset + 1] = 1;
                buffer[offset + 2] = (byte)reasonCode;
                return 3;
            }

            buffer[offset + 1] = 0;
            return 2;
        }

        [SteadyState]
        private static int WriteHeader(byte[] buffer, int offset, int capacity, int firstByte, int remaining)
        {
            int size = RemainingLength.Size(remaining);
            if (size < 0 || 1 + size + remaining > capacity)
            {
                return DoesNotFit;
            }

            buffer[offset] = (byte)firstByte;
            return offset + 1 + RemainingLength.Write(buffer, offset + 1, remaining);
        }

        [SteadyState]
        private static int WriteUInt16(byte[] buffer, int p, int value)
        {
            buffer[p] = (byte)(value >> 8);
            buffer[p + 1] = (byte)value;
            return p + 2;
        }

        /// <summary>
        /// A length-prefixed UTF-8 string (§1.5.3; MQTT 5.0 §1.5.4); with <paramref name="buffer"/> null measures, -1 when
        /// not encodable or <paramref name="p"/> is negative (see <see cref="MqttPropertyWriter"/>, which writes its strings here).
        /// </summary>
        [SteadyState]
        internal static int WriteString(byte[] buffer, int p, string text)
        {
            int length;
            if (buffer == null)
            {
                length = MqttUtf8.Measure(text);
                return p < 0 || length < 0 || length > 65535 ? -1 : p + 2 + length;
            }

            length = MqttUtf8.Write(text, buffer, p + 2);
            return WriteUInt16(buffer, p, length) + length;
        }

        /// <summary>Length-prefixed binary data (MQTT 5.0 §1.5.6); with <paramref name="buffer"/> null measures, -1 for a count outside 0 to 65,535.</summary>
        [SteadyState]
        internal static int WriteBinary(byte[] buffer, int p, byte[] data, int dataOffset, int count)
        {
            if (buffer == null)
            {
                return p < 0 || count < 0 || count > 65535 ? -1 : p + 2 + count;
            }

            p = WriteUInt16(buffer, p, count);
            if (count > 0)
            {
                System.Array.Copy(data, dataOffset, buffer, p, count);
            }

            return p + count;
        }
    }
}
