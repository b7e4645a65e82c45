using System;
using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>Counts and remembers what the client reported; the last message's topic and payload are copied out.</summary>
    public sealed class RecordingHandler : IMqttHandler
    {
        public int Connected;
        public bool LastSessionPresent;
        public int Closed;
        public MqttStatus LastCloseReason;
        public int Messages;
        public MqttQos LastQos;
        public bool LastRetain;
        public bool LastDuplicate;
        public byte[] LastTopic = new byte[0];
        public byte[] LastPayload = new byte[0];
        public int Acknowledged;
        public ushort LastAcknowledgedId;
        public int SubscribeAcks;
        public byte[] LastSubscribeCodes = new byte[0];
        public int UnsubscribeAcks;
        public int Notices;
        public MqttStatus LastNotice;
        public int Abandoned;
        public ushort LastAbandonedId;
        public MqttStatus LastAbandonReason;

        /// <summary>Off for allocation tests: copying topic, payload and SUBACK codes into new arrays allocates.</summary>
        public bool CopyMessages = true;

        /// <summary>Called from OnMessage when set, to test handlers that act on the client.</summary>
        public MessageReaction OnMessageReaction;

        /// <summary>Called from OnRequestAbandoned when set (a handler that sends the request again).</summary>
        public ThrowingAction OnAbandonedReaction;

        /// <summary>Called from OnConnectionClosed when set (a handler that reconnects at once).</summary>
        public ThrowingAction OnClosedReaction;

        public void OnConnected(bool sessionPresent)
        {
            this.Connected++;
            this.LastSessionPresent = sessionPresent;
        }

        public void OnConnectionClosed(MqttStatus reason)
        {
            this.Closed++;
            this.LastCloseReason = reason;
            if (this.OnClosedReaction != null)
            {
                this.OnClosedReaction();
            }
        }

        public void OnMessage(MqttReceivedMessage message)
        {
            this.Messages++;
            this.LastQos = message.Qos;
            this.LastRetain = message.Retain;
            this.LastDuplicate = message.Duplicate;
            if (this.CopyMessages)
            {
                this.LastTopic = new byte[message.TopicLength];
                Array.Copy(message.TopicBuffer, message.TopicOffset, this.LastTopic, 0, message.TopicLength);
                this.LastPayload = new byte[message.PayloadLength];
                Array.Copy(message.Buffer, message.PayloadOffset, this.LastPayload, 0, message.PayloadLength);
            }

            if (this.OnMessageReaction != null)
            {
                this.OnMessageReaction(message);
            }
        }

        public void OnPublishAcknowledged(ushort packetId)
        {
            this.Acknowledged++;
            this.LastAcknowledgedId = packetId;
        }

        public void OnSubscribeAcknowledged(ushort packetId, byte[] buffer, int offset, int count)
        {
            this.SubscribeAcks++;
            if (this.CopyMessages)
            {
                this.LastSubscribeCodes = new byte[count];
                Array.Copy(buffer, offset, this.LastSubscribeCodes, 0, count);
            }
        }

        public void OnUnsubscribeAcknowledged(ushort packetId)
        {
            this.UnsubscribeAcks++;
        }

        public void OnNotice(MqttStatus notice)
        {
            this.Notices++;
            this.LastNotice = notice;
        }

        public void OnRequestAbandoned(ushort packetId, MqttStatus reason)
        {
            this.Abandoned++;
            this.LastAbandonedId = packetId;
            this.LastAbandonReason = reason;
            if (this.OnAbandonedReaction != null)
            {
                this.OnAbandonedReaction();
            }
        }
    }
}
