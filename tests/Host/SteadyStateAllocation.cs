using System;
using System.Collections.Generic;
using Xunit;

namespace HomeNode.Tests.Host
{
    /// <summary>
    /// Measures what a steady-state workload allocates on the current thread. The runtime itself sometimes allocates
    /// once on the measuring thread while our code runs (seen under heavy load: a few KB in one window out of many,
    /// from tiered compilation and on-stack replacement of the measuring loop). That is not per message, so a window is
    /// measured again, up to three times: code that allocates per message fails every window; a one-off does not.
    /// </summary>
    public static class SteadyStateAllocation
    {
        private const int Windows = 3;

        /// <summary>Passes when one of up to three runs of <paramref name="window"/> allocates nothing; fails with every amount otherwise.</summary>
        public static void AssertNone(Action window)
        {
            List<long> measured = new List<long>();
            for (int i = 0; i < Windows; i++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                window();
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                if (allocated == 0)
                {
                    return;
                }

                measured.Add(allocated);
            }

            Assert.Fail("allocated in each of " + Windows + " windows: " + string.Join(", ", measured) + " bytes");
        }
    }
}
