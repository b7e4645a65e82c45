namespace HomeNode.AuditSamples
{
    public sealed class Counter : ICounter
    {
        private int count;

        public int Increment()
        {
            count++;
            return count;
        }
    }
}
