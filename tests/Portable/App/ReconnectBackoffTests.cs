using HomeNode.App.Connection;

namespace HomeNode.Tests.App
{
    public static class ReconnectBackoffTests
    {
        /// <summary>Attempt k waits within [max(1000, ceil(e/2)), max(1000, e)], e = min(cap, base * 2^k).</summary>
        private static void CheckSchedule(uint seed, int baseMs, int capMs, int attempts)
        {
            ReconnectBackoff backoff = new ReconnectBackoff(seed, baseMs, capMs);
            long exponential = baseMs;
            for (int k = 0; k < attempts; k++)
            {
                long low = (exponential + 1) / 2;
                long high = exponential;
                if (low < 1000)
                {
                    low = 1000;
                }

                if (high < 1000)
                {
                    high = 1000;
                }

                int delay = backoff.NextDelayMilliseconds();
                string what = "seed " + seed.ToString() + " attempt " + k.ToString() + " delay " + delay.ToString();
                Check.True(delay >= low, what + " >= " + low.ToString());
                Check.True(delay <= high, what + " <= " + high.ToString());
                exponential = exponential * 2 > capMs ? capMs : exponential * 2;
            }

            Check.Equal((long)attempts, (long)backoff.Attempts, "attempts");
        }

        public static void StaysWithinTheScheduleBounds()
        {
            uint[] seeds = { 1, 2, 12345, 0xDEADBEEF, 0 };
            for (int i = 0; i < seeds.Length; i++)
            {
                CheckSchedule(seeds[i], 1000, 60000, 40);
                CheckSchedule(seeds[i], 250, 10000, 40);
                CheckSchedule(seeds[i], 1000, int.MaxValue, 40);
            }
        }

        public static void FirstAttemptWaitsOneSecond()
        {
            // base 1 s, equal jitter gives [0.5 s, 1 s], and the 1 s floor lifts it to exactly 1 s
            ReconnectBackoff backoff = new ReconnectBackoff(99);
            Check.Equal(1000L, backoff.NextDelayMilliseconds(), "first delay");
        }

        public static void GrowsThenHoldsAtTheCap()
        {
            ReconnectBackoff backoff = new ReconnectBackoff(7);
            int[] delays = new int[30];
            for (int i = 0; i < delays.Length; i++)
            {
                delays[i] = backoff.NextDelayMilliseconds();
            }

            // the lower bound doubles: attempt 3 waits at least 4 s, attempt 5 at least 16 s
            Check.True(delays[3] >= 4000, "attempt 3");
            Check.True(delays[5] >= 16000, "attempt 5");
            bool varies = false;
            for (int i = 6; i < delays.Length; i++)
            {
                Check.True(delays[i] >= 30000 && delays[i] <= 60000, "capped attempt " + i.ToString() + ": " + delays[i].ToString());
                varies |= delays[i] != delays[6];
            }

            Check.True(varies, "jitter varies the capped delays");
        }

        public static void NeverBelowOneSecond()
        {
            ReconnectBackoff backoff = new ReconnectBackoff(3, 1, 1500);
            for (int i = 0; i < 50; i++)
            {
                Check.True(backoff.NextDelayMilliseconds() >= ReconnectBackoff.MinimumMilliseconds, "attempt " + i.ToString());
            }
        }

        public static void ResetStartsOver()
        {
            ReconnectBackoff backoff = new ReconnectBackoff(5, 2000, 60000);
            for (int i = 0; i < 10; i++)
            {
                backoff.NextDelayMilliseconds();
            }

            backoff.Reset();
            Check.Equal(0L, backoff.Attempts, "attempts after reset");
            int delay = backoff.NextDelayMilliseconds();
            Check.True(delay >= 1000 && delay <= 2000, "first delay after reset: " + delay.ToString());
        }

        public static void SameSeedSameScheduleDifferentSeedDifferentSchedule()
        {
            ReconnectBackoff a = new ReconnectBackoff(42);
            ReconnectBackoff b = new ReconnectBackoff(42);
            ReconnectBackoff c = new ReconnectBackoff(43);
            bool differs = false;
            for (int i = 0; i < 20; i++)
            {
                int da = a.NextDelayMilliseconds();
                Check.Equal((long)da, (long)b.NextDelayMilliseconds(), "same seed, attempt " + i.ToString());
                differs |= da != c.NextDelayMilliseconds();
            }

            Check.True(differs, "another seed gives another schedule");
        }

        public static void RejectsBadConstruction()
        {
            Check.Throws(typeof(System.ArgumentOutOfRangeException), ZeroBase, "base 0");
            Check.Throws(typeof(System.ArgumentOutOfRangeException), CapBelowBase, "cap below base");
        }

        private static void ZeroBase()
        {
            new ReconnectBackoff(1, 0, 1000);
        }

        private static void CapBelowBase()
        {
            new ReconnectBackoff(1, 2000, 1000);
        }
    }
}
