using HomeNode.Mqtt;

namespace HomeNode.Tests.WebSockets
{
    /// <summary>A clock that moves on by a step each time it is read (so a loop that waits for a time-out ends).</summary>
    public sealed class SteppingClock : IMonotonicClock
    {
        public long Now;

        public long Step = 1;

        public long ElapsedMilliseconds
        {
            get
            {
                this.Now += this.Step;
                return this.Now;
            }
        }
    }
}
