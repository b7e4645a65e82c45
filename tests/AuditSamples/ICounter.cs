namespace HomeNode.AuditSamples
{
    /// <summary>Called through the interface from clean steady-state code; its only implementation is clean too.</summary>
    public interface ICounter
    {
        int Increment();
    }
}
