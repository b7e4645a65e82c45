namespace HomeNode.AuditSamples
{
    /// <summary>Called through the interface from steady state; <see cref="AllocatingSink"/> allocates behind it.</summary>
    public interface ISampleSink
    {
        int Accept(int value);
    }
}
