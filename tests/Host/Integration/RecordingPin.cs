using HomeNode.Drivers;

namespace HomeNode.Tests.Host.Integration
{
    /// <summary>A simulated light output: the current level and how many times it was written.</summary>
    public sealed class RecordingPin : IOutputPin
    {
        private volatile bool level;
        private int writes;

        public bool Level => this.level;

        public int Writes => System.Threading.Volatile.Read(ref this.writes);

        public void Write(bool high)
        {
            this.level = high;
            System.Threading.Interlocked.Increment(ref this.writes);
        }
    }
}
