namespace HomeNode.AuditSamples
{
    /// <summary>A value type: <c>new ByteWindow(...)</c> is a newobj that does not allocate.</summary>
    public struct ByteWindow
    {
        public ByteWindow(byte[] buffer, int offset, int count)
        {
            Buffer = buffer;
            Offset = offset;
            Count = count;
        }

        public byte[] Buffer;
        public int Offset;
        public int Count;
    }
}
