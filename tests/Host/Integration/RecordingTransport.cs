using System;
using HomeNode.Mqtt;

namespace HomeNode.Tests.Host.Integration
{
    /// <summary>Passes everything to a real transport and keeps a copy of the first bytes sent, to read back what went on the wire.</summary>
    public sealed class RecordingTransport : IMqttTransport
    {
        private readonly IMqttTransport inner;
        private readonly byte[] sent;
        private readonly object gate = new object();
        private int sentCount;

        public RecordingTransport(IMqttTransport inner, int capacity = 1 << 20)
        {
            this.inner = inner;
            this.sent = new byte[capacity];
        }

        /// <summary>What was sent so far (up to the capacity), all connections one after another.</summary>
        public byte[] Sent
        {
            get
            {
                lock (this.gate)
                {
                    byte[] copy = new byte[this.sentCount];
                    Array.Copy(this.sent, copy, this.sentCount);
                    return copy;
                }
            }
        }

        /// <summary>Forgets what was sent (call between connections, so one stream holds one connection's packets).</summary>
        public void Clear()
        {
            lock (this.gate)
            {
                this.sentCount = 0;
            }
        }

        public bool Open() => this.inner.Open();

        public int Send(byte[] buffer, int offset, int count)
        {
            int written = this.inner.Send(buffer, offset, count);
            lock (this.gate)
            {
                int keep = Math.Min(written, this.sent.Length - this.sentCount);
                if (keep > 0)
                {
                    Array.Copy(buffer, offset, this.sent, this.sentCount, keep);
                    this.sentCount += keep;
                }
            }

            return written;
        }

        public int Receive(byte[] buffer, int offset, int count) => this.inner.Receive(buffer, offset, count);

        public void Close() => this.inner.Close();
    }
}
