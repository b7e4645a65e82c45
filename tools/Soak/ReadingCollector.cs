using System;
using System.Globalization;
using System.Text;
using HomeNode.Mqtt;

namespace HomeNode.Soak
{
    /// <summary>The subscriber's handler: marks which reading of which device arrived (topic soak/devN/temperature).</summary>
    public sealed class ReadingCollector : IMqttHandler
    {
        public const int MaxReadings = 165000;
        private readonly bool[][] received;

        public ReadingCollector(int devices)
        {
            this.received = new bool[devices][];
            for (int i = 0; i < devices; i++)
            {
                this.received[i] = new bool[MaxReadings];
            }
        }

        public long Received { get; private set; }

        public long Duplicates { get; private set; }

        public long Distinct { get; private set; }

        public bool SessionLost { get; private set; }

        public int Connections { get; private set; }

        /// <summary>Runs after CONNACK with the session-present flag (subscribe when false).</summary>
        public Action<bool> Connected { get; set; }

        /// <summary>Runs when a SUBSCRIBE was unanswered at a reconnect (subscribe again).</summary>
        public Action SubscribeAbandoned { get; set; }

        public long DistinctFor(int device)
        {
            long n = 0;
            foreach (bool b in this.received[device])
            {
                n += b ? 1 : 0;
            }

            return n;
        }

        public void OnConnected(bool sessionPresent)
        {
            this.Connections++;
            if (!sessionPresent && this.Connections > 1)
            {
                this.SessionLost = true;
            }

            this.Connected?.Invoke(sessionPresent);
        }

        public void OnConnectionClosed(MqttStatus reason)
        {
        }

        public void OnMessage(MqttReceivedMessage message)
        {
            string topic = Encoding.UTF8.GetString(message.TopicBuffer, message.TopicOffset, message.TopicLength);
            string[] levels = topic.Split('/');
            if (levels.Length != 3 || !levels[1].StartsWith("dev", StringComparison.Ordinal) || !int.TryParse(levels[1].AsSpan(3), out int device) || device >= this.received.Length)
            {
                return;
            }

            string text = Encoding.ASCII.GetString(message.Buffer, message.PayloadOffset, message.PayloadLength);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                return;
            }

            int n = (int)Math.Round((value + 40.0) * 1000.0);
            if (n < 0 || n >= MaxReadings)
            {
                return;
            }

            this.Received++;
            if (this.received[device][n])
            {
                this.Duplicates++;
            }
            else
            {
                this.received[device][n] = true;
                this.Distinct++;
            }
        }

        public void OnPublishAcknowledged(ushort packetId)
        {
        }

        public void OnSubscribeAcknowledged(ushort packetId, byte[] buffer, int offset, int count)
        {
            this.Subscribed = true;
        }

        public bool Subscribed { get; private set; }

        public void OnUnsubscribeAcknowledged(ushort packetId)
        {
        }

        public void OnNotice(MqttStatus notice)
        {
        }

        public void OnRequestAbandoned(ushort packetId, MqttStatus reason)
        {
            if (reason == MqttStatus.SubscribeAbandoned)
            {
                this.SubscribeAbandoned?.Invoke(); // the SUBACK never came: the subscription may not exist
            }
        }
    }
}
