using HomeNode.Drivers;

namespace HomeNode.Simulator
{
    /// <summary>A GPIO that remembers its level and how often it was written, for the live view.</summary>
    public sealed class SimulatedPin : IOutputPin
    {
        private volatile bool high;
        private long writes;

        public SimulatedPin(int number)
        {
            this.Number = number;
        }

        public int Number { get; }

        public bool IsHigh => this.high;

        public long Writes => System.Threading.Interlocked.Read(ref this.writes);

        public void Write(bool high)
        {
            this.high = high;
            System.Threading.Interlocked.Increment(ref this.writes);
        }
    }
}
