namespace HomeNode.App.Runtime
{
    /// <summary>What the runtime counts; published in diagnostics and shown by the simulator.</summary>
    public sealed class RuntimeCounters
    {
        /// <summary>Connections accepted by the broker after the first one.</summary>
        public long Reconnects;

        /// <summary>CONNECT attempts that did not end in an accepted connection.</summary>
        public long FailedConnects;

        /// <summary>Sensor reads that failed (no answer, checksum, out of range); nothing was published for them.</summary>
        public long FailedReads;

        /// <summary>
        /// Measurements a read returned outside the sensor's range and dropped while the read's other measurements were
        /// kept: a BME280 pressure outside 300-1100 hPa (BME280 datasheet §1) with a valid temperature and humidity.
        /// </summary>
        public long OutOfRangeValues;

        /// <summary>Connections dropped because the broker acknowledged nothing for two keep-alives (at least 30 s) while packets waited.</summary>
        public long AcknowledgementStalls;

        /// <summary>Readings handed to the broker (accepted into the client's session).</summary>
        public long PublishedReadings;

        /// <summary>Readings acknowledged by the broker (PUBACK).</summary>
        public long AcknowledgedPublishes;

        /// <summary>Light commands that were not ON, OFF, TOGGLE, 1, 0, true or false.</summary>
        public long InvalidCommands;

        /// <summary>Light commands carried out.</summary>
        public long Commands;

        /// <summary>
        /// Light commands that arrived after CONNACK but before the connection's SUBACK: kept by the broker for the session
        /// while the node was offline, and not carried out (the retained state is the truth, not a replay of old commands).
        /// </summary>
        public long StaleCommands;

        /// <summary>
        /// MQTT 5.0 light commands whose Message Expiry Interval had run out when they were handled (§3.3.2.3.3: the
        /// broker forwards what is left of it); not carried out.
        /// </summary>
        public long ExpiredCommands;

        /// <summary>MQTT 5.0 requests (a Response Topic: light commands, diagnostics get) answered.</summary>
        public long AnsweredRequests;

        /// <summary>MQTT 5.0 requests whose answer the client could not take (busy, too large for the broker); the requester times out.</summary>
        public long UnansweredRequests;

        /// <summary>1 once the broker refused MQTT 5.0 and the node went on with 3.1.1 (until restart).</summary>
        public long ProtocolFallbacks;

        /// <summary>Filters the broker refused (SUBACK 0x80, or an MQTT 5.0 reason code of 0x80 and above) or that could not be sent; light commands on them never arrive.</summary>
        public long SubscriptionFailures;

        /// <summary>Retained Home Assistant configs of entities the configuration no longer has, cleared after connecting.</summary>
        public long ClearedDiscoveryConfigs;

        /// <summary>Readings that could not be published at all (too large, invalid topic).</summary>
        public long RejectedPublishes;
    }
}
