using System;
using System.Diagnostics;
using HomeNode.Mqtt;

namespace HomeNode.Tests.Host.Reliability
{
    /// <summary>
    /// A monotonic clock for tests over real sockets. It follows the host's monotonic clock until <see cref="Hold"/>;
    /// then it stands still and moves only by <see cref="Advance"/>, so the test decides exactly how much time the
    /// clients see pass while the network does what it does in real time, and a time bound is checked to the
    /// millisecond instead of against a wall clock slowed by a busy machine. <see cref="Release"/> lets it follow real
    /// time again from where it stood. Readable from any thread (a proxy timestamps with it).
    /// </summary>
    public sealed class HoldableClock : IMonotonicClock
    {
        private readonly Stopwatch real = Stopwatch.StartNew();
        private readonly object gate = new object();
        private long offset;
        private long heldAt;
        private bool held;

        public long ElapsedMilliseconds
        {
            get
            {
                lock (this.gate)
                {
                    return this.held ? this.heldAt : this.real.ElapsedMilliseconds + this.offset;
                }
            }
        }

        public bool IsHeld
        {
            get
            {
                lock (this.gate)
                {
                    return this.held;
                }
            }
        }

        /// <summary>Stops following real time.</summary>
        public void Hold()
        {
            lock (this.gate)
            {
                if (!this.held)
                {
                    this.heldAt = this.real.ElapsedMilliseconds + this.offset;
                    this.held = true;
                }
            }
        }

        /// <summary>Moves a held clock forward.</summary>
        public void Advance(long milliseconds)
        {
            lock (this.gate)
            {
                if (!this.held)
                {
                    throw new InvalidOperationException("only a held clock is moved by hand");
                }

                this.heldAt += milliseconds;
            }
        }

        /// <summary>Follows real time again, continuing from the held value (never going back).</summary>
        public void Release()
        {
            lock (this.gate)
            {
                if (this.held)
                {
                    this.offset = this.heldAt - this.real.ElapsedMilliseconds;
                    this.held = false;
                }
            }
        }
    }
}
