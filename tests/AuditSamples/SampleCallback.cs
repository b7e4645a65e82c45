namespace HomeNode.AuditSamples
{
    /// <summary>Our own delegate type: the device mscorlib has no System.Action.</summary>
    public delegate void SampleCallback();
}
