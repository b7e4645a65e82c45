using HomeNode.Mqtt;

namespace HomeNode.Tests.Reliability
{
    /// <summary>
    /// A handler that only counts, so it allocates nothing. It reads every byte of each message view, so a view that
    /// points outside the receive buffer throws here instead of going unnoticed.
    /// </summary>
    public sealed class CountingHandler : IMqttHandler, IMqttVersion5Handler
    {
        public long Connected;
        public long Closed;
        public MqttStatus LastCloseReason;
        public long Messages;
        public long MessageBytes;
        public long Acknowledged;
        public long SubscribeAcks;
        public long UnsubscribeAcks;
        public long Notices;
        public long Abandoned;
        public long ReasonCodes;
        public long ServerPackets;
        public long PropertiesRead;

        /// <summary>Closes per reason, indexed by the <see cref="MqttStatus"/> value.</summary>
        public readonly long[] ClosesByReason = new long[256];

        /// <summary>Notices per kind, indexed by the <see cref="MqttStatus"/> value.</summary>
        public readonly long[] NoticesByKind = new long[256];

        private int checksum;

        public void OnConnected(bool sessionPresent)
        {
            this.Connected++;
        }

        public void OnConnectionClosed(MqttStatus reason)
        {
            this.Closed++;
            this.LastCloseReason = reason;
            this.ClosesByReason[(int)reason]++;
        }

        public void OnMessage(MqttReceivedMessage message)
        {
            this.Messages++;
            byte[] buffer = message.Buffer;
            this.Sum(message.TopicBuffer, message.TopicOffset, message.TopicLength);
            if (message.PropertiesSize > 0)
            {
                // MQTT 5.0: every view, and a walk over the whole property block
                this.Sum(buffer, message.ResponseTopicOffset, message.ResponseTopicLength);
                this.Sum(buffer, message.CorrelationDataOffset, message.CorrelationDataLength);
                this.Sum(buffer, message.ContentTypeOffset, message.ContentTypeLength);
                MqttPropertyReader properties = message.ReadProperties();
                while (properties.Next())
                {
                    this.PropertiesRead++;
                }
            }

            this.Sum(buffer, message.PayloadOffset, message.PayloadLength);

            this.MessageBytes += message.TopicLength + message.PayloadLength;
        }

        public void OnPublishAcknowledged(ushort packetId)
        {
            this.Acknowledged++;
        }

        public void OnSubscribeAcknowledged(ushort packetId, byte[] buffer, int offset, int count)
        {
            this.SubscribeAcks++;
            for (int i = offset; i < offset + count; i++)
            {
                this.checksum += buffer[i];
            }
        }

        public void OnUnsubscribeAcknowledged(ushort packetId)
        {
            this.UnsubscribeAcks++;
        }

        public void OnNotice(MqttStatus notice)
        {
            this.Notices++;
            this.NoticesByKind[(int)notice]++;
        }

        public void OnRequestAbandoned(ushort packetId, MqttStatus reason)
        {
            this.Abandoned++;
        }

        public void OnReasonCodes(MqttPacketType packet, ushort packetId, byte[] buffer, int offset, int count)
        {
            this.ReasonCodes++;
            this.Sum(buffer, offset, count);
        }

        public void OnServerPacket(MqttPacketType packet, MqttServerProperties server)
        {
            this.ServerPackets++;
            this.Sum(server.Buffer, server.ReasonStringOffset, server.ReasonStringLength);
            this.Sum(server.Buffer, server.ServerReferenceOffset, server.ServerReferenceLength);
        }

        /// <summary>Reads every byte of a view (length -1: absent), so a view outside its buffer throws.</summary>
        private void Sum(byte[] buffer, int offset, int length)
        {
            for (int i = 0; i < length; i++)
            {
                this.checksum += buffer[offset + i];
            }
        }
    }
}
