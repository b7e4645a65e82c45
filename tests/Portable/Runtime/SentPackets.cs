using System;
using System.Collections;
using HomeNode.App.Config;
using HomeNode.Mqtt;

namespace HomeNode.Tests.Runtime
{
    /// <summary>Splits the bytes a client sent into packets and finds them by type and topic.</summary>
    public sealed class SentPackets
    {
        private readonly ArrayList packets = new ArrayList();
        private readonly ArrayList ends = new ArrayList();

        public SentPackets(byte[] bytes, int count)
            : this(bytes, count, false)
        {
        }

        /// <param name="version5">The packets are MQTT 5.0: PUBLISH and SUBSCRIBE carry property blocks, topics may be aliases.</param>
        public SentPackets(byte[] bytes, int count, bool version5)
        {
            string[] aliases = new string[64];
            int p = 0;
            while (p < count)
            {
                int remaining;
                int lengthBytes = RemainingLength.TryRead(bytes, p + 1, count - p - 1, out remaining);
                if (lengthBytes <= 0)
                {
                    throw new Exception("sent bytes end inside a fixed header at " + p.ToString());
                }

                int body = p + 1 + lengthBytes;
                SentPacket packet = new SentPacket();
                packet.Type = (MqttPacketType)(bytes[p] >> 4);
                packet.Flags = bytes[p] & 0x0F;
                if (packet.Type == MqttPacketType.Publish)
                {
                    int topicLength = (bytes[body] << 8) | bytes[body + 1];
                    packet.Topic = Utf8.ToString(bytes, body + 2, topicLength);
                    int payloadStart = body + 2 + topicLength;
                    if (packet.Qos > 0)
                    {
                        packet.PacketId = (ushort)((bytes[payloadStart] << 8) | bytes[payloadStart + 1]);
                        payloadStart += 2;
                    }

                    if (version5)
                    {
                        payloadStart = ReadPublishProperties(bytes, payloadStart, packet);
                        if (packet.TopicAlias > 0 && packet.TopicAlias < aliases.Length)
                        {
                            packet.TopicByAliasOnly = topicLength == 0;
                            if (topicLength == 0)
                            {
                                packet.Topic = aliases[packet.TopicAlias];
                            }
                            else
                            {
                                aliases[packet.TopicAlias] = packet.Topic;
                            }
                        }
                    }

                    packet.Payload = Utf8.ToString(bytes, payloadStart, body + remaining - payloadStart);
                }
                else if (packet.Type == MqttPacketType.Subscribe || packet.Type == MqttPacketType.Unsubscribe)
                {
                    packet.PacketId = (ushort)((bytes[body] << 8) | bytes[body + 1]);
                    int f = body + 2;
                    if (version5)
                    {
                        int propertiesLength;
                        int lengthSize = RemainingLength.TryRead(bytes, f, body + remaining - f, out propertiesLength);
                        f += lengthSize + propertiesLength;
                    }

                    string filters = string.Empty;
                    string options = string.Empty;
                    while (f < body + remaining)
                    {
                        int length = (bytes[f] << 8) | bytes[f + 1];
                        filters = filters + (filters.Length > 0 ? " " : string.Empty) + Utf8.ToString(bytes, f + 2, length);
                        if (packet.Type == MqttPacketType.Subscribe)
                        {
                            options = options + (options.Length > 0 ? " " : string.Empty) + bytes[f + 2 + length].ToString("X2");
                        }

                        f += 2 + length + (packet.Type == MqttPacketType.Subscribe ? 1 : 0);
                    }

                    packet.Filters = filters;
                    packet.Options = options;
                }
                else if (remaining >= 2 && packet.Type != MqttPacketType.Connect)
                {
                    packet.PacketId = (ushort)((bytes[body] << 8) | bytes[body + 1]);
                }

                this.packets.Add(packet);
                p = body + remaining;
                this.ends.Add(p);
            }
        }

        /// <summary>
        /// Reads an MQTT 5.0 PUBLISH property block at <paramref name="p"/> (§3.3.2.3): the Topic Alias and the
        /// Correlation Data into <paramref name="packet"/>; returns where the payload starts.
        /// </summary>
        private static int ReadPublishProperties(byte[] bytes, int p, SentPacket packet)
        {
            int length;
            int lengthSize = RemainingLength.TryRead(bytes, p, 4, out length);
            int q = p + lengthSize;
            int end = q + length;
            while (q < end)
            {
                byte id = bytes[q++];
                if (id == 0x23)
                {
                    packet.TopicAlias = (bytes[q] << 8) | bytes[q + 1];
                    q += 2;
                }
                else if (id == 0x09 || id == 0x08 || id == 0x03)
                {
                    int valueLength = (bytes[q] << 8) | bytes[q + 1];
                    if (id == 0x09)
                    {
                        string hex = string.Empty;
                        for (int i = 0; i < valueLength; i++)
                        {
                            hex = hex + (i > 0 ? " " : string.Empty) + bytes[q + 2 + i].ToString("X2");
                        }

                        packet.CorrelationData = hex;
                    }

                    q += 2 + valueLength;
                }
                else if (id == 0x01)
                {
                    q += 1;
                }
                else if (id == 0x02)
                {
                    q += 4;
                }
                else
                {
                    throw new Exception("a PUBLISH property the runtime does not send: " + id.ToString());
                }
            }

            return end;
        }

        public int Count
        {
            get { return this.packets.Count; }
        }

        public SentPacket this[int index]
        {
            get { return (SentPacket)this.packets[index]; }
        }

        /// <summary>Byte offset just after packet <paramref name="index"/> in the sent stream.</summary>
        public int EndOf(int index)
        {
            return (int)this.ends[index];
        }

        /// <summary>PUBLISH packets to <paramref name="topic"/>, in order.</summary>
        public int CountPublishes(string topic)
        {
            int count = 0;
            for (int i = 0; i < this.packets.Count; i++)
            {
                if (this[i].Type == MqttPacketType.Publish && this[i].Topic == topic)
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>The last PUBLISH to <paramref name="topic"/>, or null.</summary>
        public SentPacket LastPublish(string topic)
        {
            for (int i = this.packets.Count - 1; i >= 0; i--)
            {
                if (this[i].Type == MqttPacketType.Publish && this[i].Topic == topic)
                {
                    return this[i];
                }
            }

            return null;
        }

        public int IndexOfPublish(string topic)
        {
            for (int i = 0; i < this.packets.Count; i++)
            {
                if (this[i].Type == MqttPacketType.Publish && this[i].Topic == topic)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Index of the first packet of <paramref name="type"/>, or -1.</summary>
        public int IndexOf(MqttPacketType type)
        {
            for (int i = 0; i < this.packets.Count; i++)
            {
                if (this[i].Type == type)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Packets of <paramref name="type"/>.</summary>
        public int CountOf(MqttPacketType type)
        {
            int count = 0;
            for (int i = 0; i < this.packets.Count; i++)
            {
                if (this[i].Type == type)
                {
                    count++;
                }
            }

            return count;
        }

        public SentPacket First(MqttPacketType type)
        {
            for (int i = 0; i < this.packets.Count; i++)
            {
                if (this[i].Type == type)
                {
                    return this[i];
                }
            }

            return null;
        }

        /// <summary>The payloads of every PUBLISH to <paramref name="topic"/>, joined with spaces.</summary>
        public string Payloads(string topic)
        {
            string result = string.Empty;
            for (int i = 0; i < this.packets.Count; i++)
            {
                if (this[i].Type == MqttPacketType.Publish && this[i].Topic == topic)
                {
                    result = result + (result.Length > 0 ? " " : string.Empty) + this[i].Payload;
                }
            }

            return result;
        }
    }
}
