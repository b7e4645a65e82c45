using System;
using HomeNode.App.Diagnostics;

namespace HomeNode.App.Runtime
{
    /// <summary>
    /// Keeps the firmware loop going through unexpected exceptions: the loop reports each poll to it, it counts and
    /// reports the failures, and it says when so many polls in a row failed that only a reboot can help.
    /// </summary>
    /// <remarks>
    /// One exception (a driver bug, a native call throwing something nobody expected) must not stop a board for good;
    /// a loop that throws on every poll is stuck, and a reboot starts it from a clean state. Not thread-safe: the
    /// firmware loop owns it.
    /// </remarks>
    public sealed class LoopGuard
    {
        /// <summary>Polls in a row that may fail before <see cref="Failed"/> asks for a reboot.</summary>
        public const int DefaultRebootAfterFailures = 10;

        private readonly ILog log;
        private readonly int rebootAfterFailures;
        private int consecutiveFailures;
        private int totalFailures;

        public LoopGuard(ILog log, int rebootAfterFailures)
        {
            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            if (rebootAfterFailures < 1)
            {
                throw new ArgumentOutOfRangeException("rebootAfterFailures");
            }

            this.log = log;
            this.rebootAfterFailures = rebootAfterFailures;
        }

        /// <summary>Failed polls since the last one that completed.</summary>
        public int ConsecutiveFailures
        {
            get { return this.consecutiveFailures; }
        }

        /// <summary>Failed polls since start-up.</summary>
        public int TotalFailures
        {
            get { return this.totalFailures; }
        }

        /// <summary>A poll completed: the run of failures, if any, is over.</summary>
        public void Succeeded()
        {
            if (this.consecutiveFailures != 0)
            {
                this.log.Write("homenode: polling again after ");
                this.log.Write(this.consecutiveFailures);
                this.log.WriteLine(" failed polls");
                this.consecutiveFailures = 0;
            }
        }

        /// <summary>A poll threw <paramref name="exception"/>: reports it and counts it.</summary>
        /// <returns>True when this was the last failure allowed in a row: reboot now.</returns>
        public bool Failed(Exception exception)
        {
            if (this.consecutiveFailures < int.MaxValue)
            {
                this.consecutiveFailures++;
            }

            if (this.totalFailures < int.MaxValue)
            {
                this.totalFailures++;
            }

            this.log.Write("homenode: poll failed (");
            this.log.Write(this.consecutiveFailures);
            this.log.Write(" in a row, ");
            this.log.Write(this.totalFailures);
            this.log.Write(" since start): ");
            ExceptionText.WriteLine(this.log, exception);
            if (this.consecutiveFailures < this.rebootAfterFailures)
            {
                return false;
            }

            this.log.Write("homenode: ");
            this.log.Write(this.consecutiveFailures);
            this.log.WriteLine(" polls in a row failed");
            return true;
        }
    }
}
