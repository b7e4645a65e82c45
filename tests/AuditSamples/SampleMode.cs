namespace HomeNode.AuditSamples
{
    public enum SampleMode
    {
        Off = 0,
        On = 1,
    }
}
