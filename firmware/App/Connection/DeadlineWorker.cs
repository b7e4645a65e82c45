using System;
using System.Threading;

namespace HomeNode.App.Connection
{
    /// <summary>
    /// Runs a blocking operation on a thread of its own so that the caller waits no longer than a time-out: the
    /// firmware loop connects to the broker through it and goes back to its lights and sensors when the broker does not
    /// answer, instead of sitting through TCP's SYN retries.
    /// </summary>
    /// <remarks>
    /// One thread, started at the first <see cref="Run"/> and reused; one operation at a time. When the time-out passes
    /// the operation is cancelled (<see cref="IBlockingOperation.Cancel"/>) and left to finish on the worker; until it
    /// has, <see cref="Run"/> answers <see cref="DeadlineOutcome.Busy"/> at once, so threads never pile up. A late
    /// success nobody waits for is discarded (<see cref="IBlockingOperation.Discard"/>). <see cref="Run"/> is meant
    /// for one calling thread.
    /// </remarks>
    public sealed class DeadlineWorker
    {
        private readonly IBlockingOperation operation;
        private readonly object gate = new object();
        private readonly AutoResetEvent started = new AutoResetEvent(false);
        private readonly ManualResetEvent finished = new ManualResetEvent(false);
        private Thread thread;
        private bool running;
        private bool callerWaiting;
        private bool succeeded;
        private bool stopRequested;

        public DeadlineWorker(IBlockingOperation operation)
        {
            if (operation == null)
            {
                throw new ArgumentNullException("operation");
            }

            this.operation = operation;
        }

        /// <summary>An operation is running (one whose caller stopped waiting, seen from the caller's side).</summary>
        public bool IsBusy
        {
            get
            {
                lock (this.gate)
                {
                    return this.running;
                }
            }
        }

        /// <summary>Starts the operation on the worker thread and waits for it at most <paramref name="timeoutMilliseconds"/>.</summary>
        /// <exception cref="InvalidOperationException">After <see cref="Stop"/>.</exception>
        public DeadlineOutcome Run(int timeoutMilliseconds)
        {
            if (timeoutMilliseconds < 0)
            {
                throw new ArgumentOutOfRangeException("timeoutMilliseconds");
            }

            lock (this.gate)
            {
                if (this.stopRequested)
                {
                    throw new InvalidOperationException("stopped");
                }

                if (this.running)
                {
                    return DeadlineOutcome.Busy;
                }

                this.running = true;
                this.callerWaiting = true;
                this.succeeded = false;
                this.finished.Reset();
                if (this.thread == null)
                {
                    this.thread = new Thread(this.Work);
                    this.thread.Start();
                }
            }

            this.started.Set();
            this.finished.WaitOne(timeoutMilliseconds, false);
            lock (this.gate)
            {
                this.callerWaiting = false;
                if (!this.running)
                {
                    return this.succeeded ? DeadlineOutcome.Succeeded : DeadlineOutcome.Failed;
                }
            }

            this.operation.Cancel();
            return DeadlineOutcome.TimedOut;
        }

        /// <summary>Lets the worker thread end once the operation in progress, if any, has returned. Does not wait for it.</summary>
        public void Stop()
        {
            lock (this.gate)
            {
                this.stopRequested = true;
            }

            this.started.Set();
        }

        private void Work()
        {
            while (true)
            {
                this.started.WaitOne();
                lock (this.gate)
                {
                    if (!this.running)
                    {
                        // woken by Stop
                        return;
                    }
                }

                bool ok;
                try
                {
                    ok = this.operation.Run();
                }
                catch (Exception)
                {
                    // the operation reports its own failures; to the caller it is a failure like any other
                    ok = false;
                }

                bool discard;
                lock (this.gate)
                {
                    discard = ok && !this.callerWaiting;
                }

                // A late success is discarded before the worker counts as idle again, so whoever sees it idle sees the
                // discard done (a caller arriving meanwhile is told Busy: the run is still running).
                if (discard)
                {
                    this.operation.Discard();
                }

                bool stop;
                lock (this.gate)
                {
                    this.running = false;
                    this.succeeded = ok;
                    stop = this.stopRequested;
                    this.finished.Set();
                }

                if (stop)
                {
                    return;
                }
            }
        }
    }
}
