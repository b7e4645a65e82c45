namespace HomeNode.Bench
{
    /// <summary>One nano assembly's size in the JSON report.</summary>
    public sealed class FootprintEntry
    {
        public string Assembly { get; set; }

        public int IlBytes { get; set; }

        public int MethodBodies { get; set; }

        public long FileBytes { get; set; }
    }
}
