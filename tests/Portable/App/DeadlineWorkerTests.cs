using System;
using System.Threading;
using HomeNode.App.Connection;

namespace HomeNode.Tests.App
{
    /// <summary>Real threads, real waits: the outcomes do not depend on timing (a gated operation blocks until told).</summary>
    public static class DeadlineWorkerTests
    {
        private const int Long = 10000;
        private const int Short = 50;

        private static void WaitIdle(DeadlineWorker worker)
        {
            for (int i = 0; i < 2000 && worker.IsBusy; i++)
            {
                Thread.Sleep(5);
            }

            Check.False(worker.IsBusy, "worker idle again");
        }

        public static void ReturnsWhatTheOperationReturns()
        {
            GatedOperation op = new GatedOperation(true);
            DeadlineWorker worker = new DeadlineWorker(op);
            try
            {
                op.Result = true;
                Check.Equal(DeadlineOutcome.Succeeded, worker.Run(Long), "success");
                op.Result = false;
                Check.Equal(DeadlineOutcome.Failed, worker.Run(Long), "failure");
                op.Throws = true;
                Check.Equal(DeadlineOutcome.Failed, worker.Run(Long), "exception");
                Check.Equal(3, op.Runs, "one thread ran all three");
                Check.Equal(0, op.Cancels + op.Discards, "nothing cancelled");
            }
            finally
            {
                worker.Stop();
            }
        }

        public static void AHungOperationIsCancelledAtTheTimeout()
        {
            GatedOperation op = new GatedOperation(false);
            op.CancelReleases = true;
            DeadlineWorker worker = new DeadlineWorker(op);
            try
            {
                Check.Equal(DeadlineOutcome.TimedOut, worker.Run(Short), "timed out");
                Check.Equal(1, op.Cancels, "cancelled");
                WaitIdle(worker);
                op.Result = true;
                Check.Equal(DeadlineOutcome.Succeeded, worker.Run(Long), "next run");
            }
            finally
            {
                worker.Stop();
                op.Release(false);
            }
        }

        public static void BusyUntilACancelledRunEndsAndALateSuccessIsDiscarded()
        {
            GatedOperation op = new GatedOperation(false);
            DeadlineWorker worker = new DeadlineWorker(op);
            try
            {
                Check.Equal(DeadlineOutcome.TimedOut, worker.Run(Short), "timed out");
                Check.Equal(DeadlineOutcome.Busy, worker.Run(Short), "still running: busy");
                Check.Equal(0, op.Runs, "the first run still waits");
                op.Release(true);
                WaitIdle(worker);
                Check.Equal(1, op.Discards, "late success discarded");
                Check.Equal(DeadlineOutcome.Succeeded, worker.Run(Long), "then runs again");
                Check.Equal(1, op.Discards, "a success in time is not discarded");
            }
            finally
            {
                worker.Stop();
                op.Release(false);
            }
        }

        public static void StopEndsTheThreadAndLaterRunsAreRefused()
        {
            GatedOperation op = new GatedOperation(true);
            DeadlineWorker worker = new DeadlineWorker(op);
            worker.Run(Long);
            worker.Stop();
            Check.Throws(typeof(InvalidOperationException), delegate { worker.Run(Long); }, "after stop");
            Check.Throws(typeof(ArgumentNullException), delegate { new DeadlineWorker(null); }, "null");
        }
    }
}
