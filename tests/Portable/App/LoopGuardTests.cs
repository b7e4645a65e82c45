using System;
using HomeNode.App.Runtime;

namespace HomeNode.Tests.App
{
    public static class LoopGuardTests
    {
        public static void OneFailureIsReportedAndTheLoopGoesOn()
        {
            RecordingLog log = new RecordingLog();
            LoopGuard guard = new LoopGuard(log, 3);
            Check.False(guard.Failed(new InvalidOperationException("boom")), "no reboot");
            Check.Equal("homenode: poll failed (1 in a row, 1 since start): System.InvalidOperationException: boom", log[0], "line");
            guard.Succeeded();
            Check.Equal("homenode: polling again after 1 failed polls", log[1], "recovery");
            Check.Equal(0, guard.ConsecutiveFailures, "run over");
            guard.Succeeded();
            Check.Equal(2, log.Count, "quiet while polls complete");
        }

        public static void RebootsAfterTheLimitInARow()
        {
            RecordingLog log = new RecordingLog();
            LoopGuard guard = new LoopGuard(log, 3);
            Check.False(guard.Failed(new Exception()), "1");
            Check.False(guard.Failed(new Exception()), "2");
            Check.True(guard.Failed(new Exception()), "3: reboot");
            Check.Equal("homenode: 3 polls in a row failed", log[3], "said why");
        }

        public static void ACompletedPollStartsTheCountAgain()
        {
            LoopGuard guard = new LoopGuard(new RecordingLog(), 3);
            guard.Failed(new Exception());
            guard.Failed(new Exception());
            guard.Succeeded();
            Check.False(guard.Failed(new Exception()), "1 of a new run");
            Check.False(guard.Failed(new Exception()), "2 of a new run");
            Check.Equal(4, guard.TotalFailures, "total");
        }

        public static void RejectsBadConstruction()
        {
            Check.Throws(typeof(ArgumentNullException), delegate { new LoopGuard(null, 3); }, "log");
            Check.Throws(typeof(ArgumentOutOfRangeException), delegate { new LoopGuard(new RecordingLog(), 0); }, "limit");
        }
    }
}
