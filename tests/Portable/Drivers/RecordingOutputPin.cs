using System.Collections;
using HomeNode.Drivers;

namespace HomeNode.Tests.Drivers
{
    /// <summary>An output pin that records every level written (true = high), or throws while <see cref="Fails"/> is set.</summary>
    public sealed class RecordingOutputPin : IOutputPin
    {
        public readonly ArrayList Levels = new ArrayList();
        public bool Fails;

        public void Write(bool high)
        {
            if (this.Fails)
            {
                throw new System.InvalidOperationException("gpio");
            }

            this.Levels.Add(high);
        }

        public int WriteCount
        {
            get { return this.Levels.Count; }
        }

        public bool LastLevel
        {
            get { return (bool)this.Levels[this.Levels.Count - 1]; }
        }
    }
}
