namespace HomeNode.Bench
{
    /// <summary>The memory our client holds for one configuration (buffers and in-flight table, <c>MqttClient.FootprintBytes</c>).</summary>
    public sealed class ClientMemoryEntry
    {
        public string Configuration { get; set; }

        public int SendBufferBytes { get; set; }

        public int ReceiveBufferBytes { get; set; }

        public int InflightSlots { get; set; }

        public int InflightSlotBytes { get; set; }

        public int IncomingQos2Slots { get; set; }

        public int FootprintBytes { get; set; }
    }
}
