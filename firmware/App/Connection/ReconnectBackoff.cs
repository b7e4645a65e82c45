using System;
using HomeNode.Mqtt;

namespace HomeNode.App.Connection
{
    /// <summary>
    /// Delay before the next CONNECT attempt: exponential (base, 2 x base, 4 x base ... up to the cap) with
    /// "equal jitter": half of the exponential value fixed plus a random part up to the other half.
    /// </summary>
    /// <remarks>
    /// Equal rather than full jitter: full jitter (random in [0, exp]) may pick almost zero on any attempt,
    /// so a board whose broker stays down keeps coming back quickly; equal jitter keeps the growth (at least
    /// exp / 2) while still spreading a house full of nodes that all lost the broker at the same moment.
    /// Never below 1000 ms: AWS IoT Core allows one CONNECT per second per client id.
    /// Not thread-safe: the connection loop owns it.
    /// </remarks>
    public sealed class ReconnectBackoff
    {
        public const int DefaultBaseMilliseconds = 1000;
        public const int DefaultCapMilliseconds = 60000;

        /// <summary>AWS IoT Core: 1 CONNECT per second per client id.</summary>
        public const int MinimumMilliseconds = 1000;

        private readonly Xorshift32 random;
        private readonly int baseMilliseconds;
        private readonly int capMilliseconds;
        private int exponentialMilliseconds;
        private int attempts;

        public ReconnectBackoff(uint seed)
            : this(seed, DefaultBaseMilliseconds, DefaultCapMilliseconds)
        {
        }

        /// <param name="seed">Seed of the jitter; differ it per board (chip id, MAC) so boards do not move in step.</param>
        public ReconnectBackoff(uint seed, int baseMilliseconds, int capMilliseconds)
        {
            if (baseMilliseconds < 1 || capMilliseconds < baseMilliseconds)
            {
                throw new ArgumentOutOfRangeException();
            }

            this.random = new Xorshift32(seed);
            this.baseMilliseconds = baseMilliseconds;
            this.capMilliseconds = capMilliseconds;
            this.exponentialMilliseconds = baseMilliseconds;
        }

        /// <summary>Delays handed out since construction or the last <see cref="Reset"/>.</summary>
        public int Attempts
        {
            get { return this.attempts; }
        }

        /// <summary>The delay before the next attempt; then doubles the exponential part (up to the cap).</summary>
        [SteadyState]
        public int NextDelayMilliseconds()
        {
            int exponential = this.exponentialMilliseconds;
            int half = exponential / 2;
            int delay = (exponential - half) + (int)this.random.NextAtMost((uint)half);
            if (delay < MinimumMilliseconds)
            {
                delay = MinimumMilliseconds;
            }

            // compare before doubling so it cannot overflow
            this.exponentialMilliseconds = exponential > this.capMilliseconds / 2 ? this.capMilliseconds : exponential * 2;
            if (this.attempts < int.MaxValue)
            {
                this.attempts++;
            }

            return delay;
        }

        /// <summary>After a connection that lasted (not at CONNACK: see ConnectionSupervisor): the next delay is the base one.</summary>
        [SteadyState]
        public void Reset()
        {
            this.exponentialMilliseconds = this.baseMilliseconds;
            this.attempts = 0;
        }
    }
}
