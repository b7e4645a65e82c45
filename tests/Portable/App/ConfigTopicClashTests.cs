using HomeNode.App.Config;

namespace HomeNode.Tests.App
{
    /// <summary>
    /// Every topic the firmware derives from the configuration is reserved: a light, a sensor's readings, the
    /// availability and diagnostics topics, Home Assistant's status and discovery topics never share one.
    /// </summary>
    public static class ConfigTopicClashTests
    {
        // not a const (ConfigText.Minimal says why)
        private static string M => ConfigText.Minimal;

        public static void LightNamedStatusWouldTakeTheAvailabilityTopic()
        {
            ConfigError error = ConfigText.OnlyError(M + "[light status]\npin = 4\n", 6, "light status", "topic", "(availability)");
            Check.Equal("topic \"home/hall/status\" (light state) is already used by [device] base_topic at line 5 (availability)", error.Message, "message");
        }

        public static void LightNamedDiagClashesOnlyWhileDiagnosticsAreOn()
        {
            ConfigText.OnlyError(M + "[light diag]\npin = 4\n", 6, "light diag", "topic", "already used by [device] base_topic at line 5 (diagnostics)");
            ConfigText.Valid(M + "diagnostics_period = 0\n[light diag]\npin = 4\n");
        }

        public static void LightOnAnotherLightsCommandTopic()
        {
            ConfigText.OnlyError(M + "[light a]\npin = 4\n[light b]\npin = 5\ntopic = home/hall/a/set\n", 10, "light b", "topic", "already used by [light a] topic at line 6 (light commands)");
        }

        public static void LightOnASensorsReadings()
        {
            ConfigText.OnlyError(M + "[sensor s]\ntype = sht3x\n[light t]\npin = 4\ntopic = home/hall/s/humidity\n", 10, "light t", "topic", "[sensor s] topic at line 6 (humidity readings)");
        }

        public static void BaseTopicOnHomeAssistantsStatusTopic()
        {
            // our "offline" will would tell Home Assistant that Home Assistant went offline
            string text = "[broker]\nhost = b\n[device]\nname = n\nbase_topic = homeassistant\n";
            ConfigText.OnlyError(text, 3, "device", "discovery_prefix", "(Home Assistant status) is already used by [device] base_topic at line 5 (availability)");
            ConfigText.Valid(text + "discovery = off\n");
        }

        public static void LightOnADiscoveryConfigTopic()
        {
            ConfigText.OnlyError(M + "[light a]\npin = 4\n[light b]\npin = 5\ntopic = homeassistant/light/homenode-node1/node1_a/config\n", 6, "light a", string.Empty, "(Home Assistant discovery config) is already used by [light b] topic at line 10 (light state)");
        }

        public static void SensorNamedStatusIsFine()
        {
            // its readings are .../status/temperature and .../status/humidity; nothing else is there
            ConfigText.Valid(M + "[sensor status]\ntype = sht3x\n[sensor diag]\ntype = sht3x\naddress = 0x45\n");
        }

        public static void OneErrorPerFieldHoweverManyTopicsClash()
        {
            ConfigText.OnlyError(M + "[sensor a]\ntype = sht3x\n[sensor b]\ntype = sht3x\naddress = 0x45\ntopic = home/hall/a\n", 11, "sensor b", "topic", "already used by [sensor a] topic at line 6");
        }
    }
}
