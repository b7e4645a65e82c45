using System.Threading;
using HomeNode.App.Diagnostics;
using HomeNode.App.Runtime;
using HomeNode.Mqtt;

namespace HomeNode.Device
{
    /// <summary>
    /// Reboots the board when the firmware loop stops completing polls: a timer checks the portable
    /// <see cref="LoopWatchdog"/> that the loop feeds. The managed stand-in for the hardware watchdog that nanoFramework
    /// does not give managed code (README, "Watchdogs").
    /// </summary>
    /// <remarks>
    /// System.Threading.Timer (device mscorlib) calls back on a managed thread of its own, so it runs while the loop's
    /// thread is stuck in managed code or a managed wait. It does not run while a native call holds the whole runtime
    /// (a DNS lookup, a TLS handshake): such a gap, when it ends, is measured on <see cref="DeviceClock"/>, which
    /// absorbs steps over <see cref="DeviceClock.MaxForwardStepMilliseconds"/>, and checks every
    /// <see cref="CheckIntervalMilliseconds"/> keep real time counted in smaller steps than that.
    /// </remarks>
    internal sealed class SoftwareWatchdog
    {
        /// <summary>How often the timer looks; well under <see cref="DeviceClock.MaxForwardStepMilliseconds"/>.</summary>
        public const int CheckIntervalMilliseconds = 10000;

        private readonly LoopWatchdog watchdog;
        private readonly IMonotonicClock clock;
        private readonly ILog log;
        private readonly Timer timer;
        private bool rebooting;

        public SoftwareWatchdog(LoopWatchdog watchdog, IMonotonicClock clock, ILog log)
        {
            this.watchdog = watchdog;
            this.clock = clock;
            this.log = log;
            this.timer = new Timer(this.Check, null, CheckIntervalMilliseconds, CheckIntervalMilliseconds);
        }

        private void Check(object state)
        {
            long now = this.clock.ElapsedMilliseconds;
            if (this.rebooting || !this.watchdog.IsOverdue(now))
            {
                return;
            }

            this.rebooting = true;
            this.timer.Dispose();

            // From the timer's thread: this line may interleave with one the stuck loop had begun.
            this.log.Write("homenode: no poll completed for ");
            this.log.Write(this.watchdog.SinceFed(now) / 1000);
            this.log.WriteLine(" s; rebooting");
            nanoFramework.Runtime.Native.Power.RebootDevice();
        }
    }
}
