using System;
using System.Text;
using System.Text.Json;
using HomeNode.App.Discovery;
using HomeNode.App.Sensors;
using Xunit;

namespace HomeNode.Tests.Host.App
{
    /// <summary>The discovery payloads parsed back with System.Text.Json, field by field.</summary>
    public class DiscoveryJsonTests
    {
        private static readonly DiscoveryPayloadWriter Writer =
            new DiscoveryPayloadWriter("esp32-a1b2c3", "Kitchen node", "ESP32 + BME280", "0.3.0", "ourhome/firstfloor/kitchen/status");

        private static JsonElement Parse(byte[] buffer, int offset, int length)
        {
            Assert.True(length > 0, "writer failed");
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(buffer, offset, length));
            return JsonElement.ParseValue(ref reader);
        }

        private static void AssertDevice(JsonElement config, string softwareVersion = "0.3.0")
        {
            Assert.Equal("ourhome/firstfloor/kitchen/status", config.GetProperty("availability_topic").GetString());
            Assert.Equal("online", config.GetProperty("payload_available").GetString());
            Assert.Equal("offline", config.GetProperty("payload_not_available").GetString());
            JsonElement device = config.GetProperty("device");
            Assert.Equal(JsonValueKind.Array, device.GetProperty("identifiers").ValueKind);
            Assert.Equal(1, device.GetProperty("identifiers").GetArrayLength());
            Assert.Equal("esp32-a1b2c3", device.GetProperty("identifiers")[0].GetString());
            Assert.Equal("Kitchen node", device.GetProperty("name").GetString());
            Assert.Equal("HomeNode", device.GetProperty("manufacturer").GetString());
            Assert.Equal("ESP32 + BME280", device.GetProperty("model").GetString());
            Assert.Equal(softwareVersion, device.GetProperty("sw_version").GetString());
            Assert.Equal(5, CountProperties(device));
            Assert.Equal("HomeNode", config.GetProperty("origin").GetProperty("name").GetString());
        }

        private static int CountProperties(JsonElement element)
        {
            int count = 0;
            foreach (JsonProperty unused in element.EnumerateObject())
            {
                count++;
            }

            return count;
        }

        [Theory]
        [InlineData(MeasurementKind.Temperature, "temperature", "\u00B0C")]
        [InlineData(MeasurementKind.Humidity, "humidity", "%")]
        [InlineData(MeasurementKind.Pressure, "pressure", "hPa")]
        public void SensorConfigHasEveryField(MeasurementKind kind, string deviceClass, string unit)
        {
            byte[] buffer = new byte[1024];
            int length = Writer.WriteSensorConfig(kind, "bme280_" + deviceClass, "Kitchen " + deviceClass, "ourhome/firstfloor/kitchen/" + deviceClass, buffer, 7, 1000);
            JsonElement config = Parse(buffer, 7, length);

            Assert.Equal("Kitchen " + deviceClass, config.GetProperty("name").GetString());
            Assert.Equal("esp32-a1b2c3_bme280_" + deviceClass, config.GetProperty("unique_id").GetString());
            Assert.Equal("ourhome/firstfloor/kitchen/" + deviceClass, config.GetProperty("state_topic").GetString());
            Assert.Equal(deviceClass, config.GetProperty("device_class").GetString());
            Assert.Equal(unit, config.GetProperty("unit_of_measurement").GetString());
            Assert.Equal("measurement", config.GetProperty("state_class").GetString());
            AssertDevice(config);
            Assert.Equal(11, CountProperties(config));
            Assert.False(config.TryGetProperty("command_topic", out _));
        }

        [Fact]
        public void LightConfigHasEveryField()
        {
            byte[] buffer = new byte[1024];
            int length = Writer.WriteLightConfig("ceiling", "Ceiling", "ourhome/firstfloor/kitchen/ceiling/set", "ourhome/firstfloor/kitchen/ceiling", buffer, 0, buffer.Length);
            JsonElement config = Parse(buffer, 0, length);

            Assert.Equal("Ceiling", config.GetProperty("name").GetString());
            Assert.Equal("esp32-a1b2c3_ceiling", config.GetProperty("unique_id").GetString());
            Assert.Equal("ourhome/firstfloor/kitchen/ceiling/set", config.GetProperty("command_topic").GetString());
            Assert.Equal("ourhome/firstfloor/kitchen/ceiling", config.GetProperty("state_topic").GetString());
            Assert.Equal("ON", config.GetProperty("payload_on").GetString());
            Assert.Equal("OFF", config.GetProperty("payload_off").GetString());
            AssertDevice(config);
            Assert.Equal(11, CountProperties(config));
            Assert.False(config.TryGetProperty("device_class", out _));
        }

        [Theory]
        [InlineData("plain")]
        [InlineData("Say \"hi\"")]
        [InlineData("back\\slash and / slash")]
        [InlineData("controls \u0000 \u0001 \b \f \n \r \t \u001F end")]
        [InlineData("DEL \u007F and NEL \u0085")]
        [InlineData("K\u00FCche \u20AC \u65E5\u672C \uD83D\uDCA1")]
        [InlineData("\u2028\u2029 separators")]
        [InlineData("")]
        public void EscapedStringsParseBackToTheOriginal(string text)
        {
            var writer = new DiscoveryPayloadWriter("id-1", text, text, text, "a/status");
            byte[] buffer = new byte[2048];
            int length = writer.WriteSensorConfig(MeasurementKind.Temperature, "t", text, "a/" + text, buffer, 0, buffer.Length);
            JsonElement config = Parse(buffer, 0, length);

            Assert.Equal(text, config.GetProperty("name").GetString());
            Assert.Equal("a/" + text, config.GetProperty("state_topic").GetString());
            Assert.Equal(text, config.GetProperty("device").GetProperty("name").GetString());
            Assert.Equal(text, config.GetProperty("device").GetProperty("model").GetString());
            Assert.Equal(text, config.GetProperty("device").GetProperty("sw_version").GetString());

            // control characters never appear raw, and the escapes are the \u00XX form
            string json = Encoding.UTF8.GetString(buffer, 0, length);
            foreach (char c in json)
            {
                Assert.True(c >= 0x20, "raw control character in " + json);
            }

            if (text.Contains('\n'))
            {
                Assert.Contains("\\u000A", json);
                Assert.Contains("\\u0000", json);
            }
        }

        [Fact]
        public void ObjectIdAndUniqueIdAreSanitized()
        {
            var writer = new DiscoveryPayloadWriter("node 1/\u00E9", "Küche OG", "m", "1", "a/status");
            byte[] buffer = new byte[1024];
            int length = writer.WriteSensorConfig(MeasurementKind.Humidity, "h.1", "H", "a/h", buffer, 0, buffer.Length);
            Assert.Equal("node_1___h_1", Parse(buffer, 0, length).GetProperty("unique_id").GetString());

            length = writer.WriteConfigTopic("homeassistant", "sensor", "h.1", buffer, 0, buffer.Length);
            Assert.Equal("homeassistant/sensor/node_1__/K_che_OG_h_1/config", Encoding.UTF8.GetString(buffer, 0, length));
        }

        [Fact]
        public void MatchesSystemTextJsonsOwnEncodingOfUnicode()
        {
            // what we write is UTF-8 byte-for-byte what Encoding.UTF8 makes of the name
            string name = "Temp\u00E9rature \uD83C\uDF21";
            byte[] buffer = new byte[1024];
            int length = Writer.WriteSensorConfig(MeasurementKind.Temperature, "t", name, "a/t", buffer, 0, buffer.Length);
            byte[] expected = Encoding.UTF8.GetBytes("{\"name\":\"" + name + "\",");
            Assert.Equal(expected, new ReadOnlySpan<byte>(buffer, 0, expected.Length).ToArray());
        }
    }
}
