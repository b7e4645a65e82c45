using System;
using HomeNode.App.Runtime;

namespace HomeNode.Tests.App
{
    public static class LoopWatchdogTests
    {
        public static void OverdueExactlyAtTheDeadline()
        {
            LoopWatchdog dog = new LoopWatchdog(300000, 5000);
            Check.False(dog.IsOverdue(304999), "just before");
            Check.True(dog.IsOverdue(305000), "at the deadline");
            Check.Equal(300000L, dog.SinceFed(305000), "since fed");
        }

        public static void FeedingPutsTheDeadlineOff()
        {
            LoopWatchdog dog = new LoopWatchdog(1000, 0);
            for (long now = 500; now <= 10000; now += 500)
            {
                dog.Feed(now);
                Check.False(dog.IsOverdue(now + 999), "fed every 500 ms");
            }

            Check.True(dog.IsOverdue(11000), "then starved");
        }

        public static void AnOlderTimeNeitherFeedsNorCountsBack()
        {
            LoopWatchdog dog = new LoopWatchdog(1000, 5000);
            dog.Feed(4000);
            Check.True(dog.IsOverdue(6000), "older feed ignored");
            Check.Equal(0L, dog.SinceFed(4000), "never negative");
        }

        public static void RejectsBadConstruction()
        {
            Check.Throws(typeof(ArgumentOutOfRangeException), delegate { new LoopWatchdog(0, 0); }, "deadline");
        }
    }
}
