namespace HomeNode.App.Connection
{
    /// <summary>
    /// The seed of the reconnect jitter (<see cref="ReconnectBackoff"/>): boards that lose power or the broker together
    /// must not reconnect in step, so the seed comes from what differs between boards (the MAC address) mixed with the
    /// clock (which differs between boots once SNTP has set it, and may not have yet).
    /// </summary>
    public static class JitterSeed
    {
        // FNV-1a, 32 bits (Fowler, Noll, Vo; draft-eastlake-fnv): offset basis and prime.
        private const uint FnvOffsetBasis = 2166136261;
        private const uint FnvPrime = 16777619;

        /// <summary>
        /// Mixes <paramref name="count"/> bytes of a board identity (MAC address; none when <paramref name="id"/> is
        /// null) with the clock's <paramref name="ticks"/>. Every input bit reaches every output bit; never 0.
        /// </summary>
        public static uint Mix(byte[] id, int offset, int count, long ticks)
        {
            uint hash = FnvOffsetBasis;
            if (id != null)
            {
                if (offset < 0 || count < 0 || offset > id.Length - count)
                {
                    throw new System.ArgumentOutOfRangeException("offset");
                }

                for (int i = 0; i < count; i++)
                {
                    hash = (hash ^ id[offset + i]) * FnvPrime;
                }
            }

            for (int shift = 0; shift < 64; shift += 8)
            {
                hash = (hash ^ (uint)((ticks >> shift) & 0xFF)) * FnvPrime;
            }

            // MurmurHash3's fmix32 finalizer: FNV's last steps leave the high bits weakly mixed.
            hash ^= hash >> 16;
            hash *= 0x85EBCA6B;
            hash ^= hash >> 13;
            hash *= 0xC2B2AE35;
            hash ^= hash >> 16;
            return hash == 0 ? 1u : hash;
        }
    }
}
