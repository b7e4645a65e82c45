namespace HomeNode.App.Connection
{
    /// <summary>How a <see cref="DeadlineWorker.Run"/> ended.</summary>
    public enum DeadlineOutcome
    {
        /// <summary>The operation succeeded within the time-out.</summary>
        Succeeded,

        /// <summary>The operation failed (returned false or threw) within the time-out.</summary>
        Failed,

        /// <summary>The time-out passed first: the operation was cancelled and finishes on its own.</summary>
        TimedOut,

        /// <summary>An operation that timed out earlier is still running: nothing was started.</summary>
        Busy,
    }
}
