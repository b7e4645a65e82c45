using System;
using System.Text;
using System.Threading;
using HomeNode.Mqtt;

namespace HomeNode.Tests.Host.Transports
{
    /// <summary>Hand-written MQTT 3.1.1 packets and bounded send/receive loops over a transport, for transport tests.</summary>
    public static class RawMqtt
    {
        /// <summary>
        /// CONNECT, MQTT 3.1.1 §3.1: remaining length 13, protocol name "MQTT" (§3.1.2.1), level 4 (§3.1.2.2), flags
        /// 0x02 clean session (§3.1.2.4), keep-alive 60 s, client id "a".
        /// </summary>
        public static readonly byte[] Connect = { 0x10, 0x0D, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0x02, 0x00, 0x3C, 0x00, 0x01, 0x61 };

        /// <summary>CONNACK, session present 0, return code 0 accepted (§3.2.2.3).</summary>
        public static readonly byte[] ConnackAccepted = { 0x20, 0x02, 0x00, 0x00 };

        /// <summary>PINGREQ (§3.12) and PINGRESP (§3.13).</summary>
        public static readonly byte[] PingRequest = { 0xC0, 0x00 };

        public static readonly byte[] PingResponse = { 0xD0, 0x00 };

        /// <summary>CONNECT with clean session, keep-alive 60 s, and optional user name and password (§3.1.2.8, §3.1.2.9).</summary>
        public static byte[] ConnectPacket(string clientId, string userName = null, string password = null)
        {
            byte flags = 0x02;
            int length = 10 + 2 + Encoding.UTF8.GetByteCount(clientId);
            if (userName != null)
            {
                flags |= 0x80;
                length += 2 + Encoding.UTF8.GetByteCount(userName);
            }

            if (password != null)
            {
                flags |= 0x40;
                length += 2 + Encoding.UTF8.GetByteCount(password);
            }

            byte[] header = { 0x10, (byte)length, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, flags, 0x00, 0x3C };
            if (length > 127)
            {
                throw new ArgumentException("test packet too long for a one-byte remaining length");
            }

            byte[] packet = new byte[2 + length];
            Array.Copy(header, packet, header.Length);
            int at = header.Length;
            at = PutString(packet, at, clientId);
            if (userName != null)
            {
                at = PutString(packet, at, userName);
            }

            if (password != null)
            {
                PutString(packet, at, password);
            }

            return packet;
        }

        /// <summary>PUBLISH QoS 1 (§3.3): retain flag as given, packet id, payload.</summary>
        public static byte[] PublishQos1(string topic, ushort packetId, byte[] payload, bool retain)
        {
            int topicLength = Encoding.UTF8.GetByteCount(topic);
            int length = 2 + topicLength + 2 + payload.Length;
            byte[] packet = new byte[2 + length];
            packet[0] = (byte)(0x32 | (retain ? 0x01 : 0x00));
            packet[1] = (byte)length;
            int at = PutString(packet, 2, topic);
            packet[at++] = (byte)(packetId >> 8);
            packet[at++] = (byte)packetId;
            Array.Copy(payload, 0, packet, at, payload.Length);
            return packet;
        }

        /// <summary>PUBLISH QoS 0 (§3.3): no packet id, no retain.</summary>
        public static byte[] PublishQos0(string topic, byte[] payload)
        {
            int topicLength = Encoding.UTF8.GetByteCount(topic);
            int length = 2 + topicLength + payload.Length;
            byte[] packet = new byte[2 + length];
            packet[0] = 0x30;
            packet[1] = (byte)length;
            int at = PutString(packet, 2, topic);
            Array.Copy(payload, 0, packet, at, payload.Length);
            return packet;
        }

        /// <summary>SUBSCRIBE (§3.8): fixed header flags 0010 (§3.8.1), one filter.</summary>
        public static byte[] Subscribe(ushort packetId, string filter, byte qos)
        {
            int length = 2 + 2 + Encoding.UTF8.GetByteCount(filter) + 1;
            byte[] packet = new byte[2 + length];
            packet[0] = 0x82;
            packet[1] = (byte)length;
            packet[2] = (byte)(packetId >> 8);
            packet[3] = (byte)packetId;
            int at = PutString(packet, 4, filter);
            packet[at] = qos;
            return packet;
        }

        /// <summary>Sends all bytes; false when the transport reports closed or the time runs out.</summary>
        public static bool SendAll(IMqttTransport transport, byte[] packet, TimeSpan timeout)
        {
            DateTime deadline = DateTime.UtcNow + timeout;
            int sent = 0;
            while (sent < packet.Length)
            {
                int n = transport.Send(packet, sent, packet.Length - sent);
                if (n < 0 || DateTime.UtcNow > deadline)
                {
                    return false;
                }

                sent += n;
                if (n == 0)
                {
                    Thread.Sleep(1);
                }
            }

            return true;
        }

        /// <summary>
        /// Reads exactly count bytes, at most chunk bytes per Receive call. Returns count, or what it had when the
        /// transport closed (as a negative number: -1 - bytes read) or the time ran out (0 to count - 1).
        /// </summary>
        public static int ReceiveExactly(IMqttTransport transport, byte[] buffer, int count, TimeSpan timeout, int chunk = int.MaxValue)
        {
            DateTime deadline = DateTime.UtcNow + timeout;
            int have = 0;
            while (have < count)
            {
                int n = transport.Receive(buffer, have, Math.Min(chunk, count - have));
                if (n < 0)
                {
                    return -1 - have;
                }

                if (n == 0)
                {
                    if (DateTime.UtcNow > deadline)
                    {
                        return have;
                    }

                    Thread.Sleep(1);
                    continue;
                }

                have += n;
            }

            return have;
        }

        /// <summary>Polls Receive until it reports closed; returns false if it is still open after the time-out.</summary>
        public static bool WaitForClosed(IMqttTransport transport, TimeSpan timeout)
        {
            byte[] scratch = new byte[256];
            DateTime deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                if (transport.Receive(scratch, 0, scratch.Length) < 0)
                {
                    return true;
                }

                Thread.Sleep(5);
            }

            return false;
        }

        /// <summary>Connects with the given CONNECT and expects CONNACK 20 02 00 00.</summary>
        public static byte[] Handshake(IMqttTransport transport, byte[] connect)
        {
            if (!SendAll(transport, connect, TimeSpan.FromSeconds(3)))
            {
                return null;
            }

            byte[] connack = new byte[4];
            int n = ReceiveExactly(transport, connack, 4, TimeSpan.FromSeconds(3));
            return n == 4 ? connack : null;
        }

        private static int PutString(byte[] packet, int at, string value)
        {
            // §1.5.3: two-byte big-endian length, then UTF-8.
            int length = Encoding.UTF8.GetBytes(value, 0, value.Length, packet, at + 2);
            packet[at] = (byte)(length >> 8);
            packet[at + 1] = (byte)length;
            return at + 2 + length;
        }
    }
}
