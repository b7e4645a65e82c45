using HomeNode.Mqtt;

namespace HomeNode.App.Connection
{
    /// <summary>
    /// Marsaglia's xorshift32 generator (Marsaglia, "Xorshift RNGs", J. Stat. Soft. 8(14), 2003, shifts 13/17/5):
    /// small, seedable and allocation-free, for jitter only, never for anything secret.
    /// </summary>
    public sealed class Xorshift32
    {
        // The state 0 is a fixed point of xorshift; a zero seed is replaced by this odd constant.
        private const uint ZeroSeedReplacement = 0x9E3779B9;

        private uint state;

        public Xorshift32(uint seed)
        {
            this.state = seed == 0 ? ZeroSeedReplacement : seed;
        }

        [SteadyState]
        public uint Next()
        {
            uint x = this.state;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            this.state = x;
            return x;
        }

        /// <summary>A value in [0, maxInclusive]; the modulo bias is below 2^-32 * maxInclusive, negligible for jitter.</summary>
        [SteadyState]
        public uint NextAtMost(uint maxInclusive)
        {
            uint value = this.Next();
            return maxInclusive == uint.MaxValue ? value : value % (maxInclusive + 1);
        }
    }
}
