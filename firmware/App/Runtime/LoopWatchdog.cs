using System;

namespace HomeNode.App.Runtime
{
    /// <summary>
    /// A software watchdog for the firmware loop: the loop feeds it after every poll, a checker on another thread asks
    /// whether it is overdue and reboots the board when it is. Times are milliseconds on one monotonic clock.
    /// </summary>
    /// <remarks>
    /// nanoFramework gives managed code no hardware watchdog (README, "Watchdogs"), so this catches what managed code
    /// can see: a loop stuck in a managed wait, a deadlock, an endless loop. The deadline must be longer than the
    /// longest legitimate poll (a reconnect: DNS, TCP connect, TLS handshake and a blocked send) so that it never
    /// reboots a board that is only slow. Thread-safe: fed from the loop, read from the checker.
    /// </remarks>
    public sealed class LoopWatchdog
    {
        /// <summary>Five minutes: several times the longest legitimate poll (about a minute, see README "Watchdogs").</summary>
        public const long DefaultDeadlineMilliseconds = 300000;

        private readonly object gate = new object();
        private readonly long deadlineMilliseconds;
        private long lastFedAt;

        /// <param name="deadlineMilliseconds">How long the loop may go without completing a poll.</param>
        /// <param name="now">The clock now: the loop counts as fed at construction.</param>
        public LoopWatchdog(long deadlineMilliseconds, long now)
        {
            if (deadlineMilliseconds < 1)
            {
                throw new ArgumentOutOfRangeException("deadlineMilliseconds");
            }

            this.deadlineMilliseconds = deadlineMilliseconds;
            this.lastFedAt = now;
        }

        public long DeadlineMilliseconds
        {
            get { return this.deadlineMilliseconds; }
        }

        /// <summary>The loop completed a poll at <paramref name="now"/>.</summary>
        public void Feed(long now)
        {
            lock (this.gate)
            {
                if (now > this.lastFedAt)
                {
                    this.lastFedAt = now;
                }
            }
        }

        /// <summary>Milliseconds since the loop last completed a poll (0 if the clock reads earlier than that).</summary>
        public long SinceFed(long now)
        {
            lock (this.gate)
            {
                return now > this.lastFedAt ? now - this.lastFedAt : 0;
            }
        }

        /// <summary>True once the loop has gone the whole deadline without completing a poll.</summary>
        public bool IsOverdue(long now)
        {
            return this.SinceFed(now) >= this.deadlineMilliseconds;
        }
    }
}
