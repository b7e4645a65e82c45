using HomeNode.Mqtt;

namespace HomeNode.Tests.Reliability
{
    /// <summary>
    /// A handler that only counts, so it allocates nothing. It reads every byte of each message view, so a view that
    /// points outside the receive buffer throws here instead of going unnoticed.
    /// </summary>
    public sealed class CountingHandler : IMqttHandler
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
            int end = message.TopicOffset + message.TopicLength;
            for (int i = message.TopicOffset; i < end; i++)
            {
                this.checksum += buffer[i];
            }

            end = message.PayloadOffset + message.PayloadLength;
            for (int i = message.PayloadOffset; i < end; i++)
            {
                this.checksum += buffer[i];
            }

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
    }
}
