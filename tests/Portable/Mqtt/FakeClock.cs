using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>A clock the test moves by hand.</summary>
    public sealed class FakeClock : IMonotonicClock
    {
        public long Now;

        public long ElapsedMilliseconds
        {
            get { return this.Now; }
        }

        public void Advance(long milliseconds)
        {
            this.Now += milliseconds;
        }
    }
}
