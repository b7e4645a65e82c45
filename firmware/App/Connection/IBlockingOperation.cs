namespace HomeNode.App.Connection
{
    /// <summary>A call that may block for longer than its caller can wait (a TCP connect), run by <see cref="DeadlineWorker"/>.</summary>
    /// <remarks>
    /// Contract: <see cref="Run"/> runs on the worker's thread, one call at a time. <see cref="Cancel"/> comes from the
    /// caller's thread once the caller stopped waiting, possibly while <see cref="Run"/> is still running or just after
    /// it returned; it makes a running <see cref="Run"/> return soon (closing the socket it waits on). <see cref="Discard"/>
    /// comes from the worker's thread when <see cref="Run"/> succeeded after the caller stopped waiting, and releases
    /// what it produced. Cancel and Discard must tolerate each other and being called twice, and must not throw.
    /// </remarks>
    public interface IBlockingOperation
    {
        /// <summary>Does the work; true when it produced a result for the caller.</summary>
        bool Run();

        void Cancel();

        void Discard();
    }
}
