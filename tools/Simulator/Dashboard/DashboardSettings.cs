using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using HomeNode.App.Config;
using HomeNode.App.Sensors;

namespace HomeNode.Simulator.Dashboard
{
    /// <summary>
    /// What the page is told when it loads (/config.json): which broker to connect to over MQTT over WebSockets, with
    /// which credentials, which topic filters cover the house, and the unit of each measured quantity. It is the
    /// set-up a phone app would be given, not the house's state: everything shown comes from the broker.
    /// </summary>
    public sealed class DashboardSettings
    {
        [JsonPropertyName("broker")]
        public string Broker { get; set; }

        [JsonPropertyName("username")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string Username { get; set; }

        [JsonPropertyName("password")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string Password { get; set; }

        /// <summary>Topic filters the page subscribes to: each root level of the devices' topics, and discovery configs.</summary>
        [JsonPropertyName("topics")]
        public string[] Topics { get; set; }

        /// <summary>Unit of each measurement level (the last topic level of a reading), from <see cref="SensorKindTable"/>.</summary>
        [JsonPropertyName("units")]
        public Dictionary<string, string> Units { get; set; }

        /// <summary>The settings for a page that watches <paramref name="devices"/> through <paramref name="brokerUrl"/>.</summary>
        public static DashboardSettings For(string brokerUrl, IEnumerable<HomeNodeConfig> devices)
        {
            SortedSet<string> filters = new SortedSet<string>(StringComparer.Ordinal);
            foreach (HomeNodeConfig config in devices)
            {
                AddRoot(filters, config.Device.BaseTopic);
                foreach (SensorSettings sensor in config.Sensors)
                {
                    AddRoot(filters, sensor.Topic);
                }

                foreach (LightSettings light in config.Lights)
                {
                    AddRoot(filters, light.Topic);
                }

                if (config.Device.Discovery && config.Device.DiscoveryPrefix != null)
                {
                    // Home Assistant discovery: <prefix>/<component>[/<node id>]/<object id>/config; the firmware writes
                    // the node id form (DiscoveryPayloadWriter.WriteConfigTopic), other devices may not
                    filters.Add(config.Device.DiscoveryPrefix + "/+/+/config");
                    filters.Add(config.Device.DiscoveryPrefix + "/+/+/+/config");
                }
            }

            Dictionary<string, string> units = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < SensorKindTable.KindCount; i++)
            {
                foreach (MeasurementKind kind in SensorKindTable.KindAt(i).Measurements)
                {
                    Quantity quantity = SensorKindTable.Of(kind);
                    units[quantity.Level] = quantity.Unit;
                }
            }

            return new DashboardSettings { Broker = brokerUrl, Topics = new List<string>(filters).ToArray(), Units = units };
        }

        public string ToJson() => JsonSerializer.Serialize(this);

        private static void AddRoot(SortedSet<string> filters, string topic)
        {
            if (string.IsNullOrEmpty(topic))
            {
                return;
            }

            int slash = topic.IndexOf('/');
            filters.Add((slash < 0 ? topic : topic.Substring(0, slash)) + "/#");
        }
    }
}
