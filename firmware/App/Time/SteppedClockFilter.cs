using System;

namespace HomeNode.App.Time
{
    /// <summary>
    /// Turns readings of a wall clock that can be set (nanoFramework's DateTime.UtcNow, stepped by SNTP)
    /// into milliseconds that only move forward and never jump.
    /// </summary>
    /// <remarks>
    /// Each reading advances the output by the delta since the previous reading. A negative delta, or one larger
    /// than <c>maxForwardStepMilliseconds</c>, is taken to be the clock being set, not time passing: the output
    /// then advances by <c>stepSubstituteMilliseconds</c> instead, and later deltas are measured from the new
    /// wall-clock value. The bound must be longer than the longest gap between two readings the caller can
    /// produce (a blocking TLS handshake, a Wi-Fi reconnect), because a real gap longer than the bound is
    /// mistaken for a step and its time is lost; keep-alive timers then fire late, never early. Not thread-safe:
    /// one caller, or the caller locks.
    /// </remarks>
    public sealed class SteppedClockFilter
    {
        private readonly long maxForwardStepMilliseconds;
        private readonly long stepSubstituteMilliseconds;
        private bool started;
        private long lastRawMilliseconds;
        private long elapsedMilliseconds;
        private int stepsAbsorbed;

        /// <param name="maxForwardStepMilliseconds">The largest forward delta still taken as elapsed time (&gt; 0).</param>
        /// <param name="stepSubstituteMilliseconds">What a detected step advances the output by (0 .. max).</param>
        public SteppedClockFilter(long maxForwardStepMilliseconds, long stepSubstituteMilliseconds)
        {
            if (maxForwardStepMilliseconds <= 0)
            {
                throw new ArgumentOutOfRangeException("maxForwardStepMilliseconds");
            }

            if (stepSubstituteMilliseconds < 0 || stepSubstituteMilliseconds > maxForwardStepMilliseconds)
            {
                throw new ArgumentOutOfRangeException("stepSubstituteMilliseconds");
            }

            this.maxForwardStepMilliseconds = maxForwardStepMilliseconds;
            this.stepSubstituteMilliseconds = stepSubstituteMilliseconds;
        }

        /// <summary>The monotonic output after the last <see cref="Update"/>; 0 before the first.</summary>
        public long ElapsedMilliseconds
        {
            get { return this.elapsedMilliseconds; }
        }

        /// <summary>How many readings were taken as clock steps (for diagnostics).</summary>
        public int StepsAbsorbed
        {
            get { return this.stepsAbsorbed; }
        }

        /// <summary>Feeds one raw wall-clock reading in milliseconds and returns the monotonic milliseconds.</summary>
        /// <remarks>The first reading only sets the base; the output starts at 0.</remarks>
        public long Update(long rawMilliseconds)
        {
            if (!this.started)
            {
                this.started = true;
                this.lastRawMilliseconds = rawMilliseconds;
                return this.elapsedMilliseconds;
            }

            long delta = rawMilliseconds - this.lastRawMilliseconds;
            this.lastRawMilliseconds = rawMilliseconds;
            if (delta < 0 || delta > this.maxForwardStepMilliseconds)
            {
                this.stepsAbsorbed++;
                delta = this.stepSubstituteMilliseconds;
            }

            this.elapsedMilliseconds += delta;
            return this.elapsedMilliseconds;
        }
    }
}
