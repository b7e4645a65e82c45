namespace HomeNode.AuditSamples
{
    /// <summary>A generic type: the device runtime (CoreLibrary 1.17.11) cannot load it.</summary>
    public sealed class SampleBox<T>
    {
        public T Content;

        public T Take()
        {
            return Content;
        }
    }
}
