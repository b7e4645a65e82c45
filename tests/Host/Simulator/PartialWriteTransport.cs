using System.Collections.Generic;
using HomeNode.Mqtt;

namespace HomeNode.Tests.Host.Simulator
{
    /// <summary>Fake transport that takes at most <see cref="MaxPerSend"/> bytes per Send and keeps them.</summary>
    public sealed class PartialWriteTransport : IMqttTransport
    {
        public int MaxPerSend { get; set; } = int.MaxValue;

        public List<byte> Sent { get; } = new List<byte>();

        public bool Open() => true;

        public int Send(byte[] buffer, int offset, int count)
        {
            int n = count < this.MaxPerSend ? count : this.MaxPerSend;
            for (int i = 0; i < n; i++)
            {
                this.Sent.Add(buffer[offset + i]);
            }

            return n;
        }

        public int Receive(byte[] buffer, int offset, int count) => 0;

        public void Close()
        {
        }
    }
}
