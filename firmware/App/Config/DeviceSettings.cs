namespace HomeNode.App.Config
{
    /// <summary>The <c>[device]</c> section. Fields hold the defaults until parsed.</summary>
    public sealed class DeviceSettings
    {
        public const int DefaultDiagnosticsPeriodSeconds = 60;
        public const int DefaultOfflineQueue = 64;
        public const string DefaultDiscoveryPrefix = "homeassistant";

        /// <summary>
        /// Longest diagnostics JSON, as the configuration check counts it (PUBLISH at QoS 0 from the 1 KiB send buffer).
        /// Today's JSON has 19 properties, at most about 740 bytes with every number at its longest (20 characters);
        /// tests/Portable/Runtime/ConfigLimitRuntimeTests holds the runtime's JSON to this bound, so a new counter that
        /// would pass it fails a test rather than a board.
        /// </summary>
        public const int MaxDiagnosticsBytes = 768;

        /// <summary>1 to 32 characters of A-Z, a-z, 0-9, '_' and '-'; part of the client id and of discovery unique ids.</summary>
        public string Name;

        /// <summary>Topic under which sensors and lights publish by default, e.g. <c>ourhome/firstfloor/kitchen</c>.</summary>
        public string BaseTopic;

        /// <summary>Period of the diagnostics message (uptime, free memory, reconnects); 0 = off.</summary>
        public int DiagnosticsPeriodSeconds = DefaultDiagnosticsPeriodSeconds;

        /// <summary>Readings kept while the broker is unreachable, sent after reconnecting; 0 = drop them.</summary>
        public int OfflineQueue = DefaultOfflineQueue;

        /// <summary>Announce sensors and lights with Home Assistant MQTT discovery.</summary>
        public bool Discovery = true;

        public string DiscoveryPrefix = DefaultDiscoveryPrefix;
    }
}
