using HomeNode.Drivers;

namespace HomeNode.Tests.Runtime
{
    /// <summary>An output pin that keeps only its level and a count of writes: allocation-free, for steady-state tests.</summary>
    public sealed class LevelPin : IOutputPin
    {
        public bool Level;
        public long Writes;

        public void Write(bool high)
        {
            this.Level = high;
            this.Writes++;
        }
    }
}
