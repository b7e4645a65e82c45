using System.Collections.Generic;
using HomeNode.Mqtt;

namespace HomeNode.Tests.Host.Reliability
{
    /// <summary>
    /// Wraps a transport and timestamps what crosses it: every Open, every CONNECT sent (first byte 0x10, MQTT 3.1.1
    /// §3.1.1), and the return code of every CONNACK received (§3.2.2.3). Everything else passes through unchanged.
    /// </summary>
    public sealed class CountingTransport : IMqttTransport
    {
        private readonly IMqttTransport inner;
        private readonly IMonotonicClock clock;

        public CountingTransport(IMqttTransport inner, IMonotonicClock clock)
        {
            this.inner = inner;
            this.clock = clock;
        }

        public List<long> Opens { get; } = new List<long>();

        public List<long> Connects { get; } = new List<long>();

        public List<int> ConnAckCodes { get; } = new List<int>();

        public bool Open()
        {
            this.Opens.Add(this.clock.ElapsedMilliseconds);
            return this.inner.Open();
        }

        public int Send(byte[] buffer, int offset, int count)
        {
            if (count > 0 && buffer[offset] == 0x10)
            {
                this.Connects.Add(this.clock.ElapsedMilliseconds);
            }

            int sent = this.inner.Send(buffer, offset, count);
            return sent;
        }

        public int Receive(byte[] buffer, int offset, int count)
        {
            int received = this.inner.Receive(buffer, offset, count);
            if (received >= 4 && buffer[offset] == 0x20 && buffer[offset + 1] == 0x02)
            {
                this.ConnAckCodes.Add(buffer[offset + 3]);
            }

            return received;
        }

        public void Close()
        {
            this.inner.Close();
        }

        public override string ToString() => this.inner.ToString();
    }
}
