using System;
using System.Collections;
using HomeNode.Mqtt;

namespace HomeNode.Tests.Runtime
{
    /// <summary>Splits the bytes a client sent into packets and finds them by type and topic.</summary>
    public sealed class SentPackets
    {
        private readonly ArrayList packets = new ArrayList();
        private readonly ArrayList ends = new ArrayList();

        public SentPackets(byte[] bytes, int count)
        {
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
                    packet.Topic = MqttUtf8.ToString(bytes, body + 2, topicLength);
                    int payloadStart = body + 2 + topicLength;
                    if (packet.Qos > 0)
                    {
                        packet.PacketId = (ushort)((bytes[payloadStart] << 8) | bytes[payloadStart + 1]);
                        payloadStart += 2;
                    }

                    packet.Payload = MqttUtf8.ToString(bytes, payloadStart, body + remaining - payloadStart);
                }
                else if (packet.Type == MqttPacketType.Subscribe || packet.Type == MqttPacketType.Unsubscribe)
                {
                    packet.PacketId = (ushort)((bytes[body] << 8) | bytes[body + 1]);
                    int f = body + 2;
                    string filters = string.Empty;
                    while (f < body + remaining)
                    {
                        int length = (bytes[f] << 8) | bytes[f + 1];
                        filters = filters + (filters.Length > 0 ? " " : string.Empty) + MqttUtf8.ToString(bytes, f + 2, length);
                        f += 2 + length + (packet.Type == MqttPacketType.Subscribe ? 1 : 0);
                    }

                    packet.Filters = filters;
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
