namespace HomeNode.Bench
{
    /// <summary>The memory one of our client's connections is given in the bench (the footprint section prints it).</summary>
    public sealed class PolledClientConfiguration
    {
        /// <summary>
        /// A 4 KiB payload plus its header fits every buffer and slot. The receive buffer is larger so one Poll
        /// takes many small messages per socket read, as a host application would size it.
        /// </summary>
        public static readonly PolledClientConfiguration Bench = new PolledClientConfiguration
        {
            SendBufferBytes = 4352,
            ReceiveBufferBytes = 16384,
            InflightSlots = 2,
            InflightSlotBytes = 4352,
            IncomingQos2Slots = 1,
        };

        public int SendBufferBytes { get; set; }

        public int ReceiveBufferBytes { get; set; }

        public int InflightSlots { get; set; }

        public int InflightSlotBytes { get; set; }

        public int IncomingQos2Slots { get; set; }
    }
}
