using System;
using HomeNode.Mqtt;

namespace HomeNode.Bench
{
    /// <summary>
    /// An in-memory transport for the decode workload: <see cref="Load"/> queues one packet, the next Receive hands it
    /// to the client, and whatever the client sends (CONNECT, PUBACK) is accepted and dropped. Allocates nothing.
    /// </summary>
    public sealed class LoopbackPacketTransport : IMqttTransport
    {
        private byte[] pending;
        private int pendingOffset;
        private int pendingCount;

        public void Load(byte[] buffer, int offset, int count)
        {
            pending = buffer;
            pendingOffset = offset;
            pendingCount = count;
        }

        public bool Open()
        {
            return true;
        }

        public int Send(byte[] buffer, int offset, int count)
        {
            return count;
        }

        public int Receive(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(count, pendingCount);
            if (n == 0)
            {
                return 0;
            }

            Array.Copy(pending, pendingOffset, buffer, offset, n);
            pendingOffset += n;
            pendingCount -= n;
            return n;
        }

        public void Close()
        {
        }
    }
}
