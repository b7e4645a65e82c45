using System;
using HomeNode.App.Connection;

namespace HomeNode.Tests.App
{
    public static class JitterSeedTests
    {
        private static byte[] Mac(int last)
        {
            return new byte[] { 0x24, 0x0A, 0xC4, 0x12, 0x34, (byte)last };
        }

        /// <summary>Boards powered up together, SNTP not yet answered: same clock, MACs one apart.</summary>
        public static void SameClockDifferentMacsDiffer()
        {
            uint[] seeds = new uint[16];
            int[] delays = new int[16];
            for (int i = 0; i < seeds.Length; i++)
            {
                seeds[i] = JitterSeed.Mix(Mac(i), 0, 6, 0);
                ReconnectBackoff backoff = new ReconnectBackoff(seeds[i]);
                for (int k = 0; k < 4; k++)
                {
                    delays[i] = backoff.NextDelayMilliseconds();
                }

                for (int j = 0; j < i; j++)
                {
                    Check.True(seeds[i] != seeds[j], "seed " + i.ToString() + " vs " + j.ToString());
                    Check.True(delays[i] != delays[j], "delay " + i.ToString() + " vs " + j.ToString());
                }
            }
        }

        public static void TheClockStillCounts()
        {
            Check.True(JitterSeed.Mix(Mac(1), 0, 6, 1000) != JitterSeed.Mix(Mac(1), 0, 6, 1001), "one tick");
            Check.True(JitterSeed.Mix(null, 0, 0, 1L << 40) != JitterSeed.Mix(null, 0, 0, 1L << 41), "no id: clock");
            Check.Equal((long)JitterSeed.Mix(Mac(7), 0, 6, 42), (long)JitterSeed.Mix(Mac(7), 0, 6, 42), "stable");
        }

        public static void UsesOnlyTheGivenRange()
        {
            byte[] padded = new byte[] { 9, 0x24, 0x0A, 0xC4, 0x12, 0x34, 3, 9 };
            Check.Equal((long)JitterSeed.Mix(Mac(3), 0, 6, 5), (long)JitterSeed.Mix(padded, 1, 6, 5), "range");
            Check.Throws(typeof(ArgumentOutOfRangeException), delegate { JitterSeed.Mix(padded, 3, 6, 0); }, "past the end");
        }
    }
}
