using System.Diagnostics;
using HomeNode.Mqtt;

namespace HomeNode.Host
{
    /// <summary>The host's monotonic clock (Stopwatch never steps with the wall clock).</summary>
    public sealed class StopwatchClock : IMonotonicClock
    {
        private readonly Stopwatch stopwatch = Stopwatch.StartNew();

        public long ElapsedMilliseconds => this.stopwatch.ElapsedMilliseconds;
    }
}
