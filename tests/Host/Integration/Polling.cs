using System;
using System.Diagnostics;
using System.Text;
using System.Threading;

namespace HomeNode.Tests.Host.Integration
{
    /// <summary>Bounded waits that drive the given clients and runtimes from the test thread.</summary>
    public static class Polling
    {
        /// <summary>Pause between turns: short enough for fast tests, long enough not to spin a core.</summary>
        public const int TurnMilliseconds = 2;

        /// <summary>
        /// Polls every party, then checks <paramref name="condition"/>, until it holds or <paramref name="timeout"/>
        /// has passed; then throws with <paramref name="what"/> and what each party saw.
        /// </summary>
        public static void Until(Func<bool> condition, TimeSpan timeout, string what, params IPollable[] parties)
        {
            if (!TryUntil(condition, timeout, parties))
            {
                throw new TimeoutException("after " + timeout.TotalSeconds + " s still waiting for: " + what + "\n" + DescribeAll(parties));
            }
        }

        /// <summary>Like <see cref="Until"/> but returns false instead of throwing.</summary>
        public static bool TryUntil(Func<bool> condition, TimeSpan timeout, params IPollable[] parties)
        {
            return TryUntil(condition, timeout, () =>
            {
                foreach (IPollable party in parties)
                {
                    party.PollOnce();
                }
            });
        }

        /// <summary>
        /// Runs <paramref name="turn"/>, then checks <paramref name="condition"/>, until it holds or
        /// <paramref name="timeout"/> has passed on the host's monotonic clock; false if it never held.
        /// </summary>
        public static bool TryUntil(Func<bool> condition, TimeSpan timeout, Action turn)
        {
            Stopwatch watch = Stopwatch.StartNew();
            while (true)
            {
                turn();
                if (condition())
                {
                    return true;
                }

                if (watch.Elapsed >= timeout)
                {
                    return false;
                }

                Thread.Sleep(TurnMilliseconds);
            }
        }

        /// <summary>Keeps every party polled for <paramref name="duration"/> (to show that something does not happen).</summary>
        public static void For(TimeSpan duration, params IPollable[] parties)
        {
            TryUntil(() => false, duration, parties);
        }

        public static string DescribeAll(IPollable[] parties)
        {
            StringBuilder text = new StringBuilder();
            foreach (IPollable party in parties)
            {
                text.Append("- ").Append(party.Describe()).Append('\n');
            }

            return text.ToString();
        }
    }
}
