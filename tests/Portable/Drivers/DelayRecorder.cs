using System.Collections;

namespace HomeNode.Tests.Drivers
{
    /// <summary>Stands in for Thread.Sleep: records each requested wait and returns at once.</summary>
    public sealed class DelayRecorder
    {
        public readonly ArrayList Delays = new ArrayList();

        public int TotalMilliseconds;

        public void Wait(int milliseconds)
        {
            this.Delays.Add(milliseconds);
            this.TotalMilliseconds += milliseconds;
        }

        public int Count
        {
            get { return this.Delays.Count; }
        }

        public int At(int index)
        {
            return (int)this.Delays[index];
        }
    }
}
