using System;
using HomeNode.App.Time;
using HomeNode.Mqtt;

namespace HomeNode.Device
{
    /// <summary>
    /// Monotonic milliseconds on nanoFramework, whose only clock is DateTime.UtcNow: it starts near zero at boot and
    /// jumps when SNTP sets it (nanoFramework's Stopwatch reads the same clock). The step absorbing is portable and
    /// tested on the host (<see cref="SteppedClockFilter"/>); this class only feeds it.
    /// </summary>
    public sealed class DeviceClock : IMonotonicClock
    {
        /// <summary>
        /// Longer than the longest call that blocks the firmware loop between two reads (DNS + TCP connect + TLS
        /// handshake, bounded by the transports' time-outs at about 20 s), far shorter than the first SNTP set (years)
        /// and than any time-out the client measures. A real gap longer than this is lost, so timers fire late, never early.
        /// </summary>
        public const long MaxForwardStepMilliseconds = 30000;

        private readonly SteppedClockFilter filter = new SteppedClockFilter(MaxForwardStepMilliseconds, 0);
        private readonly object gate = new object();

        public long ElapsedMilliseconds
        {
            get
            {
                lock (this.gate)
                {
                    return this.filter.Update(DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond);
                }
            }
        }

        /// <summary>Clock steps absorbed so far (SNTP sets and corrections), for the diagnostics topic.</summary>
        public int StepsAbsorbed
        {
            get
            {
                lock (this.gate)
                {
                    return this.filter.StepsAbsorbed;
                }
            }
        }
    }
}
