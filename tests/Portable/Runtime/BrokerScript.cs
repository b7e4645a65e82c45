using HomeNode.Mqtt;
using HomeNode.Tests.Mqtt;

namespace HomeNode.Tests.Runtime
{
    /// <summary>What the broker says back, written into a scripted transport: acknowledgements and deliveries.</summary>
    public static class BrokerScript
    {
        /// <summary>
        /// Answers every QoS 1 PUBLISH (PUBACK), SUBSCRIBE (SUBACK, QoS 1 granted per filter) and UNSUBSCRIBE (UNSUBACK)
        /// sent after byte <paramref name="acknowledgedBytes"/>, which moves to the end of what was sent. Returns how many
        /// packets were answered.
        /// </summary>
        public static int AnswerNew(ScriptedTransport transport, ref int acknowledgedBytes)
        {
            return AnswerNew(transport, ref acknowledgedBytes, false);
        }

        /// <summary>As above; with <paramref name="version5"/> the packets are read and answered as MQTT 5.0 (SUBACK and UNSUBACK with an empty property block).</summary>
        public static int AnswerNew(ScriptedTransport transport, ref int acknowledgedBytes, bool version5)
        {
            if (transport.SentCount < acknowledgedBytes)
            {
                acknowledgedBytes = 0; // ClearSent was called
            }

            SentPackets sent = new SentPackets(transport.SentBytes, transport.SentCount, version5);
            string properties = version5 ? " 00" : string.Empty;
            int extra = version5 ? 1 : 0;
            int answered = 0;
            for (int i = 0; i < sent.Count; i++)
            {
                if (sent.EndOf(i) <= acknowledgedBytes)
                {
                    continue;
                }

                SentPacket packet = sent[i];
                string id = " " + (packet.PacketId >> 8).ToString("X2") + " " + (packet.PacketId & 0xFF).ToString("X2");
                if (packet.Type == MqttPacketType.Publish && packet.Qos == 1)
                {
                    transport.Deliver(HexBytes.Parse("40 02" + id));
                    answered++;
                }
                else if (packet.Type == MqttPacketType.Subscribe)
                {
                    // one return code per filter (MQTT-3.9.3-1): granted QoS 1
                    int filters = packet.Filters.Split(' ').Length;
                    string codes = string.Empty;
                    for (int f = 0; f < filters; f++)
                    {
                        codes = codes + " 01";
                    }

                    transport.Deliver(HexBytes.Parse("90 " + (2 + extra + filters).ToString("X2") + id + properties + codes));
                    answered++;
                }
                else if (packet.Type == MqttPacketType.Unsubscribe)
                {
                    transport.Deliver(HexBytes.Parse(version5 ? "B0 04" + id + " 00 00" : "B0 02" + id));
                    answered++;
                }
            }

            acknowledgedBytes = transport.SentCount;
            return answered;
        }

        /// <summary>The broker delivers a PUBLISH at QoS 0 (retained when it is sent because of a new subscription).</summary>
        public static void Publish(ScriptedTransport transport, string topic, string payload, bool retain)
        {
            transport.Deliver(PublishPacket(topic, payload, retain ? 0x31 : 0x30, 0));
        }

        /// <summary>The broker delivers a PUBLISH at QoS 1 with <paramref name="packetId"/> (a message it kept for the session).</summary>
        public static void PublishQos1(ScriptedTransport transport, string topic, string payload, ushort packetId)
        {
            transport.Deliver(PublishPacket(topic, payload, 0x32, packetId));
        }

        /// <summary>
        /// The broker delivers an MQTT 5.0 PUBLISH at <paramref name="qos"/> with a property block: a Response Topic
        /// (null for none), Correlation Data (hex, null for none) and a Message Expiry Interval (-1 for none).
        /// </summary>
        public static void PublishVersion5(ScriptedTransport transport, string topic, string payload, int qos, ushort packetId, string responseTopic, string correlationHex, long messageExpiry)
        {
            byte[] response = responseTopic == null ? new byte[0] : Utf8Text.Encode(responseTopic);
            byte[] correlation = correlationHex == null ? new byte[0] : HexBytes.Parse(correlationHex);
            int size = (responseTopic == null ? 0 : 3 + response.Length) + (correlationHex == null ? 0 : 3 + correlation.Length) + (messageExpiry < 0 ? 0 : 5);
            byte[] properties = new byte[1 + size];
            properties[0] = (byte)size; // the tests' blocks stay under 128 bytes: one length byte
            int p = 1;
            if (messageExpiry >= 0)
            {
                properties[p++] = 0x02; // §3.3.2.3.3
                properties[p++] = (byte)(messageExpiry >> 24);
                properties[p++] = (byte)(messageExpiry >> 16);
                properties[p++] = (byte)(messageExpiry >> 8);
                properties[p++] = (byte)messageExpiry;
            }

            if (responseTopic != null)
            {
                properties[p++] = 0x08; // §3.3.2.3.5
                properties[p++] = (byte)(response.Length >> 8);
                properties[p++] = (byte)response.Length;
                System.Array.Copy(response, 0, properties, p, response.Length);
                p += response.Length;
            }

            if (correlationHex != null)
            {
                properties[p++] = 0x09; // §3.3.2.3.6
                properties[p++] = (byte)(correlation.Length >> 8);
                properties[p++] = (byte)correlation.Length;
                System.Array.Copy(correlation, 0, properties, p, correlation.Length);
            }

            transport.Deliver(PublishPacket(topic, payload, 0x30 | (qos << 1), packetId, properties));
        }

        private static byte[] PublishPacket(string topic, string payload, int firstByte, ushort packetId)
        {
            return PublishPacket(topic, payload, firstByte, packetId, new byte[0]);
        }

        private static byte[] PublishPacket(string topic, string payload, int firstByte, ushort packetId, byte[] properties)
        {
            byte[] topicBytes = Utf8Text.Encode(topic);
            byte[] payloadBytes = Utf8Text.Encode(payload);
            int idBytes = (firstByte & 0x06) != 0 ? 2 : 0;
            int remaining = 2 + topicBytes.Length + idBytes + properties.Length + payloadBytes.Length;
            byte[] packet = new byte[1 + RemainingLength.Size(remaining) + remaining];
            packet[0] = (byte)firstByte;
            int p = 1 + RemainingLength.Write(packet, 1, remaining);
            packet[p++] = (byte)(topicBytes.Length >> 8);
            packet[p++] = (byte)topicBytes.Length;
            System.Array.Copy(topicBytes, 0, packet, p, topicBytes.Length);
            p += topicBytes.Length;
            if (idBytes > 0)
            {
                packet[p++] = (byte)(packetId >> 8);
                packet[p++] = (byte)packetId;
            }

            System.Array.Copy(properties, 0, packet, p, properties.Length);
            p += properties.Length;
            System.Array.Copy(payloadBytes, 0, packet, p, payloadBytes.Length);
            return packet;
        }

        /// <summary>SUBACK for <paramref name="packetId"/> granting <paramref name="filters"/> filters QoS 1.</summary>
        public static void SubAck(ScriptedTransport transport, ushort packetId, int filters)
        {
            byte[] packet = new byte[4 + filters];
            packet[0] = 0x90;
            packet[1] = (byte)(2 + filters);
            packet[2] = (byte)(packetId >> 8);
            packet[3] = (byte)packetId;
            for (int i = 0; i < filters; i++)
            {
                packet[4 + i] = 1;
            }

            transport.Deliver(packet);
        }
    }
}
