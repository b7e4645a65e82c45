namespace HomeNode.Bench
{
    /// <summary>One timed figure on nanoCLR: a client, an operation, how many were timed and the time per operation.</summary>
    public sealed class NanoClrTimingEntry
    {
        /// <summary>"nanoclr32" (32-bit, as on ESP32) or "nanoclr" (64-bit).</summary>
        public string Runtime { get; set; }

        /// <summary>"HomeNode" or "M2Mqtt".</summary>
        public string Client { get; set; }

        /// <summary>qos0-cycle, qos1-cycle, 1000-readings, qos0-codec, qos1-codec.</summary>
        public string Operation { get; set; }

        /// <summary>Operations timed, all rounds together.</summary>
        public int Count { get; set; }

        /// <summary>The median over <see cref="Rounds"/> (one round as parsed from a line).</summary>
        public double MicrosecondsPerOperation { get; set; }

        public int Rounds { get; set; } = 1;

        public double MinMicroseconds { get; set; }

        public double MaxMicroseconds { get; set; }

        /// <summary>What was timed, in the device program's words (e.g. "encode/decode alone").</summary>
        public string What { get; set; }
    }
}
