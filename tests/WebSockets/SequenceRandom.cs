using HomeNode.Mqtt.WebSockets;

namespace HomeNode.Tests.WebSockets
{
    /// <summary>A deterministic random source: fixed bytes first (when set), then a counter, so tests know every key and mask.</summary>
    public sealed class SequenceRandom : IRandomSource
    {
        private readonly byte[] prefix;
        private int used;
        private byte next;

        public SequenceRandom()
        {
        }

        /// <summary>Hands out <paramref name="prefix"/> first (e.g. the 16 bytes of a handshake key).</summary>
        public SequenceRandom(byte[] prefix)
        {
            this.prefix = prefix;
        }

        public int Calls;

        public void Fill(byte[] buffer, int offset, int count)
        {
            this.Calls++;
            for (int i = 0; i < count; i++)
            {
                if (this.prefix != null && this.used < this.prefix.Length)
                {
                    buffer[offset + i] = this.prefix[this.used++];
                }
                else
                {
                    this.next = (byte)((this.next * 37) + 11);
                    buffer[offset + i] = this.next;
                }
            }
        }
    }
}
