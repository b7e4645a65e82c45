namespace HomeNode.App.Topics
{
    /// <summary>
    /// The last topic levels under a node's base topic (<c>ourhome/firstfloor/kitchen</c>): <c>&lt;light&gt;/set</c>
    /// for commands, <c>status</c> for availability (online/offline, the will) and <c>diag</c> for diagnostics counters
    /// (<c>diag/get</c> takes MQTT 5.0 requests for them).
    /// A measurement's level is in its row of <see cref="HomeNode.App.Sensors.SensorKindTable"/>.
    /// </summary>
    public static class TopicLevels
    {
        public const string Set = "set";
        public const string Status = "status";
        public const string Diag = "diag";

        /// <summary>Below <see cref="Diag"/>: MQTT 5.0 requests (with a Response Topic) for the diagnostics JSON.</summary>
        public const string Get = "get";
    }
}
