using System;
using HomeNode.App.Time;

namespace HomeNode.Tests.App
{
    public static class SteppedClockFilterTests
    {
        // A reading from 2026-01-01T00:00:00Z in ms since 0001-01-01 (DateTime.Ticks / 10000): what SNTP sets.
        private const long SntpTimeMilliseconds = 63_902_908_800_000;

        public static void FirstReadingOnlySetsTheBase()
        {
            SteppedClockFilter filter = new SteppedClockFilter(10_000, 0);
            Check.Equal(0L, filter.ElapsedMilliseconds, "before any reading");
            Check.Equal(0L, filter.Update(123_456), "first reading");
            Check.Equal(0, filter.StepsAbsorbed, "steps");
        }

        public static void SmallForwardDeltasAccumulate()
        {
            SteppedClockFilter filter = new SteppedClockFilter(10_000, 0);
            filter.Update(1_000);
            Check.Equal(5L, filter.Update(1_005), "after 5 ms");
            Check.Equal(5L, filter.Update(1_005), "same reading");
            Check.Equal(2_005L, filter.Update(3_005), "after 2 s more");
            Check.Equal(2_005L, filter.ElapsedMilliseconds, "property matches the last result");
            Check.Equal(0, filter.StepsAbsorbed, "steps");
        }

        public static void ForwardDeltaEqualToTheBoundIsElapsedTime()
        {
            SteppedClockFilter filter = new SteppedClockFilter(10_000, 0);
            filter.Update(0);
            Check.Equal(10_000L, filter.Update(10_000), "delta == bound");
            Check.Equal(0, filter.StepsAbsorbed, "steps");
        }

        public static void ForwardJumpBeyondTheBoundAdvancesBySubstitute()
        {
            SteppedClockFilter filter = new SteppedClockFilter(10_000, 0);
            filter.Update(0);
            Check.Equal(10L, filter.Update(10), "before the jump");
            Check.Equal(10L, filter.Update(10_011), "delta 10001 ms is a step");
            Check.Equal(1, filter.StepsAbsorbed, "steps");
        }

        public static void BackwardStepNeverDecreasesTheOutput()
        {
            SteppedClockFilter filter = new SteppedClockFilter(10_000, 0);
            filter.Update(50_000);
            Check.Equal(20L, filter.Update(50_020), "before");
            Check.Equal(20L, filter.Update(49_000), "clock set back 1020 ms");
            Check.Equal(1, filter.StepsAbsorbed, "steps");
        }

        public static void DeltasAfterAStepAreMeasuredFromTheNewValue()
        {
            SteppedClockFilter filter = new SteppedClockFilter(10_000, 0);
            filter.Update(0);
            filter.Update(7);
            filter.Update(SntpTimeMilliseconds);
            Check.Equal(7L, filter.ElapsedMilliseconds, "step absorbed");
            Check.Equal(19L, filter.Update(SntpTimeMilliseconds + 12), "12 ms after the step");
            filter.Update(SntpTimeMilliseconds - 3_600_000);
            Check.Equal(24L, filter.Update(SntpTimeMilliseconds - 3_600_000 + 5), "5 ms after setting back one hour");
            Check.Equal(2, filter.StepsAbsorbed, "steps");
        }

        public static void StepSubstituteIsAddedOnEachStep()
        {
            SteppedClockFilter filter = new SteppedClockFilter(10_000, 10);
            filter.Update(500);
            Check.Equal(10L, filter.Update(SntpTimeMilliseconds), "forward step adds 10");
            Check.Equal(20L, filter.Update(100), "backward step adds 10");
            Check.Equal(21L, filter.Update(101), "then 1 ms of real time");
        }

        public static void SntpSetDuringAFastLoopNeitherFiresNorStarvesTimers()
        {
            // A 10 ms poll loop from boot; SNTP sets the clock after 3 s; a 60 s keep-alive deadline must
            // come due after 60 s of loop time, not at the step and not never.
            SteppedClockFilter filter = new SteppedClockFilter(10_000, 0);
            long raw = 0;
            long deadline = -1;
            long dueAtLoop = -1;
            for (int loop = 0; loop <= 7_000; loop++)
            {
                if (loop == 300)
                {
                    raw = SntpTimeMilliseconds;
                }
                else
                {
                    raw += 10;
                }

                long now = filter.Update(raw);
                if (loop == 100)
                {
                    deadline = now + 60_000;
                }

                if (dueAtLoop < 0 && deadline >= 0 && now >= deadline)
                {
                    dueAtLoop = loop;
                }
            }

            // one 10 ms tick is lost at the step (substitute 0)
            Check.Equal(100L + 6_001L, dueAtLoop, "loop iteration at which the deadline comes due");
            Check.Equal(1, filter.StepsAbsorbed, "steps");
        }

        public static void RejectsBadArguments()
        {
            Check.Throws(typeof(ArgumentOutOfRangeException), ZeroBound, "bound 0");
            Check.Throws(typeof(ArgumentOutOfRangeException), NegativeSubstitute, "substitute -1");
            Check.Throws(typeof(ArgumentOutOfRangeException), SubstituteAboveBound, "substitute > bound");
        }

        private static void ZeroBound()
        {
            new SteppedClockFilter(0, 0);
        }

        private static void NegativeSubstitute()
        {
            new SteppedClockFilter(10_000, -1);
        }

        private static void SubstituteAboveBound()
        {
            new SteppedClockFilter(10, 11);
        }
    }
}
