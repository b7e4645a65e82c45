namespace HomeNode.AuditSamples
{
    public sealed class AllocatingSink : ISampleSink
    {
        public byte[] Last;

        public int Accept(int value)
        {
            Last = new byte[value];
            return value;
        }
    }
}
