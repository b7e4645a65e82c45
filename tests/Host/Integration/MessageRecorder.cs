using System;
using System.Collections.Generic;
using System.Text;
using HomeNode.Mqtt;

namespace HomeNode.Tests.Host.Integration
{
    /// <summary>
    /// Records everything an <see cref="MqttClient"/> reports, copying each message out of the receive buffer. Every
    /// member takes one lock, so a test thread may read while another thread polls the client.
    /// </summary>
    public sealed class MessageRecorder : IMqttHandler, IMqttVersion5Handler
    {
        private readonly List<(MqttPacketType Packet, ushort PacketId, byte[] Codes)> reasonCodes = new List<(MqttPacketType, ushort, byte[])>();
        private readonly List<(MqttPacketType Packet, int ReasonCode, string ReasonString, string ServerReference)> serverPackets = new List<(MqttPacketType, int, string, string)>();

        /// <summary>Called (on the polling thread) for each message after it was recorded, when set.</summary>
        public Action<MqttReceivedMessage> OnMessageReaction { get; set; }

        /// <summary>MQTT 5.0 reason codes (<see cref="IMqttVersion5Handler.OnReasonCodes"/>), in order.</summary>
        public (MqttPacketType Packet, ushort PacketId, byte[] Codes)[] ReasonCodes
        {
            get { lock (this.gate) { return this.reasonCodes.ToArray(); } }
        }

        /// <summary>MQTT 5.0 CONNACK, DISCONNECT and AUTH from the server, with the texts copied.</summary>
        public (MqttPacketType Packet, int ReasonCode, string ReasonString, string ServerReference)[] ServerPackets
        {
            get { lock (this.gate) { return this.serverPackets.ToArray(); } }
        }

        public void OnReasonCodes(MqttPacketType packet, ushort packetId, byte[] buffer, int offset, int count)
        {
            byte[] codes = new byte[count];
            Array.Copy(buffer, offset, codes, 0, count);
            lock (this.gate)
            {
                this.reasonCodes.Add((packet, packetId, codes));
            }
        }

        public void OnServerPacket(MqttPacketType packet, MqttServerProperties server)
        {
            string reason = server.ReasonStringLength < 0 ? null : Encoding.UTF8.GetString(server.Buffer, server.ReasonStringOffset, server.ReasonStringLength);
            string reference = server.ServerReferenceLength < 0 ? null : Encoding.UTF8.GetString(server.Buffer, server.ServerReferenceOffset, server.ServerReferenceLength);
            lock (this.gate)
            {
                this.serverPackets.Add((packet, server.ReasonCode, reason, reference));
            }
        }
        private readonly object gate = new object();
        private readonly List<ReceivedMessage> messages = new List<ReceivedMessage>();
        private readonly List<MqttStatus> closeReasons = new List<MqttStatus>();
        private readonly List<MqttStatus> notices = new List<MqttStatus>();
        private readonly HashSet<ushort> acknowledged = new HashSet<ushort>();
        private readonly Dictionary<ushort, byte[]> subscribeCodes = new Dictionary<ushort, byte[]>();
        private readonly HashSet<ushort> unsubscribed = new HashSet<ushort>();
        private readonly List<(ushort PacketId, MqttStatus Reason)> abandoned = new List<(ushort, MqttStatus)>();
        private int connects;
        private bool lastSessionPresent;

        public int Connects
        {
            get { lock (this.gate) { return this.connects; } }
        }

        public bool LastSessionPresent
        {
            get { lock (this.gate) { return this.lastSessionPresent; } }
        }

        public int MessageCount
        {
            get { lock (this.gate) { return this.messages.Count; } }
        }

        public MqttStatus[] CloseReasons
        {
            get { lock (this.gate) { return this.closeReasons.ToArray(); } }
        }

        public MqttStatus[] Notices
        {
            get { lock (this.gate) { return this.notices.ToArray(); } }
        }

        /// <summary>Requests the client gave up on (<see cref="IMqttHandler.OnRequestAbandoned"/>), in order.</summary>
        public (ushort PacketId, MqttStatus Reason)[] Abandoned
        {
            get { lock (this.gate) { return this.abandoned.ToArray(); } }
        }

        /// <summary>A snapshot of every message so far, in arrival order.</summary>
        public ReceivedMessage[] Messages
        {
            get { lock (this.gate) { return this.messages.ToArray(); } }
        }

        /// <summary>A snapshot of the messages on exactly <paramref name="topic"/>.</summary>
        public ReceivedMessage[] On(string topic)
        {
            lock (this.gate)
            {
                return this.messages.FindAll(m => m.Topic == topic).ToArray();
            }
        }

        /// <summary>The last message on <paramref name="topic"/>, or null.</summary>
        public ReceivedMessage Last(string topic)
        {
            lock (this.gate)
            {
                return this.messages.FindLast(m => m.Topic == topic);
            }
        }

        public bool WasAcknowledged(ushort packetId)
        {
            lock (this.gate)
            {
                return this.acknowledged.Contains(packetId);
            }
        }

        /// <summary>The SUBACK return codes for <paramref name="packetId"/>, or null while none has arrived.</summary>
        public byte[] SubscribeCodes(ushort packetId)
        {
            lock (this.gate)
            {
                return this.subscribeCodes.TryGetValue(packetId, out byte[] codes) ? codes : null;
            }
        }

        public bool WasUnsubscribed(ushort packetId)
        {
            lock (this.gate)
            {
                return this.unsubscribed.Contains(packetId);
            }
        }

        public void Clear()
        {
            lock (this.gate)
            {
                this.messages.Clear();
                this.notices.Clear();
                this.closeReasons.Clear();
            }
        }

        /// <summary>The last few messages, for failure messages.</summary>
        public string Describe(int last = 12)
        {
            lock (this.gate)
            {
                int from = Math.Max(0, this.messages.Count - last);
                List<string> lines = new List<string>();
                for (int i = from; i < this.messages.Count; i++)
                {
                    lines.Add("  " + this.messages[i]);
                }

                return this.messages.Count + " messages" + (from > 0 ? " (last " + last + ")" : string.Empty) + (lines.Count > 0 ? ":\n" + string.Join("\n", lines) : string.Empty)
                    + "; closes [" + string.Join(", ", this.closeReasons) + "]; notices [" + string.Join(", ", this.notices) + "]";
            }
        }

        public void OnConnected(bool sessionPresent)
        {
            lock (this.gate)
            {
                this.connects++;
                this.lastSessionPresent = sessionPresent;
            }
        }

        public void OnConnectionClosed(MqttStatus reason)
        {
            lock (this.gate)
            {
                this.closeReasons.Add(reason);
            }
        }

        public void OnMessage(MqttReceivedMessage message)
        {
            ReceivedMessage copy = ReceivedMessage.Copy(message);
            lock (this.gate)
            {
                this.messages.Add(copy);
            }

            this.OnMessageReaction?.Invoke(message);
        }

        public void OnPublishAcknowledged(ushort packetId)
        {
            lock (this.gate)
            {
                this.acknowledged.Add(packetId);
            }
        }

        public void OnSubscribeAcknowledged(ushort packetId, byte[] buffer, int offset, int count)
        {
            byte[] codes = new byte[count];
            Array.Copy(buffer, offset, codes, 0, count);
            lock (this.gate)
            {
                this.subscribeCodes[packetId] = codes;
            }
        }

        public void OnUnsubscribeAcknowledged(ushort packetId)
        {
            lock (this.gate)
            {
                this.unsubscribed.Add(packetId);
            }
        }

        public void OnNotice(MqttStatus notice)
        {
            lock (this.gate)
            {
                this.notices.Add(notice);
            }
        }

        public void OnRequestAbandoned(ushort packetId, MqttStatus reason)
        {
            lock (this.gate)
            {
                this.abandoned.Add((packetId, reason));
            }
        }
    }
}
