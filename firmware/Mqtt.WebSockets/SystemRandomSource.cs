using System;

namespace HomeNode.Mqtt.WebSockets
{
    /// <summary>
    /// WebSocket keys and masks from the runtime's <see cref="Random"/> (in the device mscorlib and in .NET), seeded by
    /// the caller. On the board that is the only generator mscorlib offers; the glue seeds it from what differs between
    /// boards and boots (firmware/Device/Program.cs). The host uses the operating system's generator instead
    /// (tools/Host/HostRandomSource).
    /// </summary>
    public sealed class SystemRandomSource : IRandomSource
    {
        private readonly Random random;

        public SystemRandomSource(int seed)
        {
            this.random = new Random(seed);
        }

        [SteadyState]
        public void Fill(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                buffer[offset + i] = (byte)this.random.Next(256);
            }
        }
    }
}
