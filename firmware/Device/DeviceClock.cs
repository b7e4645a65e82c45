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
        /// Longer than the gaps between two reads of this clock: the firmware loop reads it at every poll and
        /// <see cref="SoftwareWatchdog"/> every 10 s even while the loop waits (for a TCP connect, at most
        /// <see cref="SocketTransport.TimeoutMilliseconds"/>), so only a native call that holds the whole runtime makes a
        /// longer gap: a DNS lookup nobody answers (about 7 s per DNS server, up to 3 servers, see <see cref="DnsResolver"/>)
        /// or a TLS handshake (seconds). Far shorter than the first SNTP set (years). A real gap longer than this is
        /// lost, so timers fire late, never early.
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
