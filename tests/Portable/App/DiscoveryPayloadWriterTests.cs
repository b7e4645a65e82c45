using HomeNode.App.Discovery;
using HomeNode.App.Sensors;

namespace HomeNode.Tests.App
{
    public static class DiscoveryPayloadWriterTests
    {
        private const string HumidityConfig =
            "{\"name\":\"Kitchen humidity\",\"unique_id\":\"esp32-a1b2c3_humidity\",\"state_topic\":\"ourhome/firstfloor/kitchen/humidity\","
            + "\"device_class\":\"humidity\",\"unit_of_measurement\":\"%\",\"state_class\":\"measurement\","
            + "\"availability_topic\":\"ourhome/firstfloor/kitchen/status\",\"payload_available\":\"online\",\"payload_not_available\":\"offline\","
            + "\"device\":{\"identifiers\":[\"esp32-a1b2c3\"],\"name\":\"Kitchen node\",\"manufacturer\":\"HomeNode\",\"model\":\"ESP32 + SHT31\",\"sw_version\":\"0.3.0\"},"
            + "\"origin\":{\"name\":\"HomeNode\",\"sw_version\":\"0.3.0\"}}";

        private const string LightConfig =
            "{\"name\":\"Ceiling\",\"unique_id\":\"esp32-a1b2c3_ceiling\",\"command_topic\":\"ourhome/firstfloor/kitchen/ceiling/set\","
            + "\"state_topic\":\"ourhome/firstfloor/kitchen/ceiling\",\"payload_on\":\"ON\",\"payload_off\":\"OFF\","
            + "\"availability_topic\":\"ourhome/firstfloor/kitchen/status\",\"payload_available\":\"online\",\"payload_not_available\":\"offline\","
            + "\"device\":{\"identifiers\":[\"esp32-a1b2c3\"],\"name\":\"Kitchen node\",\"manufacturer\":\"HomeNode\",\"model\":\"ESP32 + SHT31\",\"sw_version\":\"0.3.0\"},"
            + "\"origin\":{\"name\":\"HomeNode\",\"sw_version\":\"0.3.0\"}}";

        public static DiscoveryPayloadWriter KitchenNode()
        {
            return new DiscoveryPayloadWriter("esp32-a1b2c3", "Kitchen node", "ESP32 + SHT31", "0.3.0", "ourhome/firstfloor/kitchen/status");
        }

        public static void WritesTheSensorConfigExactly()
        {
            byte[] buffer = new byte[1024];
            int length = KitchenNode().WriteSensorConfig(MeasurementKind.Humidity, "humidity", "Kitchen humidity", "ourhome/firstfloor/kitchen/humidity", buffer, 5, 1000);
            Ascii.Equal(HumidityConfig, buffer, 5, length, "humidity config");
        }

        public static void WritesTheLightConfigExactly()
        {
            byte[] buffer = new byte[1024];
            int length = KitchenNode().WriteLightConfig("ceiling", "Ceiling", "ourhome/firstfloor/kitchen/ceiling/set", "ourhome/firstfloor/kitchen/ceiling", buffer, 0, 1024);
            Ascii.Equal(LightConfig, buffer, 0, length, "light config");
        }

        public static void FailsAtEveryLengthShortOfTheConfig()
        {
            DiscoveryPayloadWriter writer = KitchenNode();
            byte[] buffer = new byte[HumidityConfig.Length];
            for (int count = 0; count < HumidityConfig.Length; count++)
            {
                int length = writer.WriteSensorConfig(MeasurementKind.Humidity, "humidity", "Kitchen humidity", "ourhome/firstfloor/kitchen/humidity", buffer, 0, count);
                Check.Equal(-1L, length, "config in " + count.ToString() + " bytes");
            }

            Check.Equal((long)HumidityConfig.Length, writer.WriteSensorConfig(MeasurementKind.Humidity, "humidity", "Kitchen humidity", "ourhome/firstfloor/kitchen/humidity", buffer, 0, buffer.Length), "exact fit");
        }

        public static void RejectsBadArguments()
        {
            DiscoveryPayloadWriter writer = KitchenNode();
            byte[] buffer = new byte[1024];
            Check.Equal(-1L, writer.WriteSensorConfig((MeasurementKind)9, "x", "X", "a/b", buffer, 0, 1024), "unknown kind");
            Check.Equal(-1L, writer.WriteSensorConfig(MeasurementKind.Temperature, "x", null, "a/b", buffer, 0, 1024), "null name");
            Check.Equal(-1L, writer.WriteSensorConfig(MeasurementKind.Temperature, "x", "X", null, buffer, 0, 1024), "null state topic");
            Check.Equal(-1L, writer.WriteSensorConfig(MeasurementKind.Temperature, string.Empty, "X", "a/b", buffer, 0, 1024), "empty entity id");
            if (RuntimeText.HoldsLoneSurrogates)
            {
                Check.Equal(-1L, writer.WriteSensorConfig(MeasurementKind.Temperature, "x", "bad \uDC00", "a/b", buffer, 0, 1024), "lone surrogate in the name");
            }
            Check.Equal(-1L, writer.WriteLightConfig("x", "X", "a/b/set", "a/b", null, 0, 0), "null buffer");
            Check.Throws(typeof(System.ArgumentNullException), ConstructWithoutName, "constructor without a device name");

            // the writer is still usable after failures
            Check.True(writer.WriteLightConfig("x", "X", "a/b/set", "a/b", buffer, 0, 1024) > 0, "usable after failures");
        }

        public static void WritesTheConfigTopic()
        {
            DiscoveryPayloadWriter writer = KitchenNode();
            byte[] buffer = new byte[128];
            int length = writer.WriteConfigTopic(DiscoveryPayloadWriter.DefaultPrefix, DiscoveryPayloadWriter.SensorComponent, "temperature", buffer, 1, 127);
            Ascii.Equal("homeassistant/sensor/esp32-a1b2c3/Kitchen_node_temperature/config", buffer, 1, length, "sensor config topic");
            length = writer.WriteConfigTopic("ha", DiscoveryPayloadWriter.LightComponent, "ceiling light", buffer, 0, 128);
            Ascii.Equal("ha/light/esp32-a1b2c3/Kitchen_node_ceiling_light/config", buffer, 0, length, "light config topic");
            Check.Equal(-1L, writer.WriteConfigTopic("ha", "light", "x", buffer, 0, 42), "one byte short");
            Check.Equal(43L, writer.WriteConfigTopic("ha", "light", "x", buffer, 0, 43), "exact fit");
            Check.Equal(-1L, writer.WriteConfigTopic("h+a", "light", "x", buffer, 0, 128), "wildcard in the prefix");
            Check.Equal(-1L, writer.WriteConfigTopic(string.Empty, "light", "x", buffer, 0, 128), "empty prefix");
        }

        public static void SanitizesObjectIds()
        {
            byte[] buffer = new byte[64];
            int length = DiscoveryPayloadWriter.WriteObjectId("K\u00FCche 2.OG", "Licht/Decke", buffer, 0, 64);
            Ascii.Equal("K_che_2_OG_Licht_Decke", buffer, 0, length, "umlaut, space, dot, slash");
            length = DiscoveryPayloadWriter.WriteObjectId("node-1", "a\uD83D\uDCA1b", buffer, 0, 64);
            Ascii.Equal("node-1_a_b", buffer, 0, length, "a surrogate pair becomes one underscore");
            length = DiscoveryPayloadWriter.WriteObjectId("AZaz09", "_-", buffer, 0, 64);
            Ascii.Equal("AZaz09__-", buffer, 0, length, "allowed characters kept");
            Check.Equal(-1L, DiscoveryPayloadWriter.WriteObjectId("abc", "def", buffer, 0, 6), "one byte short");
            Check.Equal(7L, DiscoveryPayloadWriter.WriteObjectId("abc", "def", buffer, 0, 7), "exact fit");
            Check.Equal(-1L, DiscoveryPayloadWriter.WriteObjectId(string.Empty, "def", buffer, 0, 64), "empty first");
            Check.Equal(-1L, DiscoveryPayloadWriter.WriteObjectId("abc", null, buffer, 0, 64), "null second");
        }

        public static void NodeIdFilterAndIdentifiers()
        {
            DiscoveryPayloadWriter writer = new DiscoveryPayloadWriter("node 1/\u00E9", "K", "m", "1", "a/status");
            Check.Equal("node_1__", writer.NodeId, "the device identifier, sanitized");
            Check.Equal("ha/+/node_1__/+/config", writer.NodeConfigFilter("ha"), "every config of the node");
            byte[] identifiers = KitchenNode().IdentifiersJson();
            Ascii.Equal("\"identifiers\":[\"esp32-a1b2c3\"]", identifiers, 0, identifiers.Length, "as the device block writes it");
        }

        private static void ConstructWithoutName()
        {
            new DiscoveryPayloadWriter("id", null, "m", "1", "t");
        }
    }
}
