namespace HomeNode.AuditSamples
{
    /// <summary>A reference type for <see cref="AllocatingSamples.NewObject"/> to allocate.</summary>
    public sealed class SampleRecord
    {
        public int Value;
    }
}
