namespace HomeNode.AuditSamples
{
    /// <summary>Called through a virtual method from steady state; <see cref="AllocatingFormatter"/> allocates in its override.</summary>
    public abstract class SampleFormatter
    {
        public abstract int Format(int value);
    }
}
