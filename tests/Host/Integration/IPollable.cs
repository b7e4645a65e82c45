namespace HomeNode.Tests.Host.Integration
{
    /// <summary>Something a test loop drives: one call does one turn of its work and returns quickly.</summary>
    public interface IPollable
    {
        void PollOnce();

        /// <summary>What it saw so far, for failure messages.</summary>
        string Describe();
    }
}
