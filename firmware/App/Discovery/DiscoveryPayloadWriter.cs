using System;
using HomeNode.App.Config;
using HomeNode.App.Sensors;
using HomeNode.App.Topics;
using HomeNode.Mqtt;

namespace HomeNode.App.Discovery
{
    /// <summary>
    /// Home Assistant MQTT discovery: the config topic
    /// <c>&lt;prefix&gt;/&lt;component&gt;/&lt;node_id&gt;/&lt;object_id&gt;/config</c> and its JSON payload for a sensor
    /// measurement or an on/off light (default schema), written into caller buffers. Publish them retained, and again
    /// when <c>homeassistant/status</c> says online.
    /// </summary>
    /// <remarks>
    /// Field names from the Home Assistant MQTT discovery, MQTT Sensor and MQTT Light (default schema) pages.
    /// Every entity carries the device block (identifiers, name, manufacturer, model, sw_version) so Home
    /// Assistant groups them under one device, and the availability topic with online/offline payloads.
    /// unique_id is <c>&lt;device identifier&gt;_&lt;entity id&gt;</c>, object_id <c>&lt;device name&gt;_&lt;entity id&gt;</c>,
    /// both limited to [a-zA-Z0-9_-] (other characters become '_'), the set discovery allows in an object_id. The
    /// node_id level (optional in discovery, unused by Home Assistant) is the device identifier, sanitized the same way:
    /// it puts every config of one board under one level, so the board can subscribe to exactly its own configs
    /// (<see cref="NodeConfigFilter"/>) and clear the ones of entities it no longer has.
    /// </remarks>
    public sealed class DiscoveryPayloadWriter
    {
        public const string DefaultPrefix = "homeassistant";
        public const string SensorComponent = "sensor";
        public const string LightComponent = "light";
        public const string Manufacturer = "HomeNode";

        /// <summary>Longest unique_id or object_id; longer ones make the write fail.</summary>
        public const int MaxIdLength = 128;

        private readonly string deviceIdentifier;
        private readonly string deviceName;
        private readonly string model;
        private readonly string softwareVersion;
        private readonly string availabilityTopic;
        private readonly JsonWriter json = new JsonWriter();
        private readonly byte[] idScratch = new byte[MaxIdLength];

        /// <param name="deviceIdentifier">Stable and unique per board (e.g. the MQTT client id); the device's identifiers entry and the stem of every unique_id.</param>
        /// <param name="deviceName">Shown as the device name in Home Assistant; the stem of every object_id.</param>
        /// <param name="model">The board or node model, e.g. "ESP32 + BME280".</param>
        /// <param name="softwareVersion">The firmware version.</param>
        /// <param name="availabilityTopic">The node's status topic (online / offline).</param>
        public DiscoveryPayloadWriter(string deviceIdentifier, string deviceName, string model, string softwareVersion, string availabilityTopic)
        {
            if (deviceIdentifier == null || deviceName == null || model == null || softwareVersion == null || availabilityTopic == null)
            {
                throw new ArgumentNullException();
            }

            this.deviceIdentifier = deviceIdentifier;
            this.deviceName = deviceName;
            this.model = model;
            this.softwareVersion = softwareVersion;
            this.availabilityTopic = availabilityTopic;
            byte[] node = new byte[deviceIdentifier.Length];
            int length = PutSanitized(deviceIdentifier, node, 0, node.Length);
            this.NodeId = length > 0 ? Utf8.ToString(node, 0, length) : "_";
        }

        /// <summary>The node_id level of every config topic: the device identifier, sanitized.</summary>
        public string NodeId { get; private set; }

        /// <summary><c>&lt;prefix&gt;/+/&lt;node_id&gt;/+/config</c>: this device's configs, every component.</summary>
        public string NodeConfigFilter(string prefix)
        {
            return prefix + "/+/" + this.NodeId + "/+/config";
        }

        /// <summary>
        /// <c>"identifiers":["&lt;device identifier&gt;"]</c> as every config of this device carries it in its device block,
        /// JSON-escaped and UTF-8: how a config found under the node's topics is recognised as this device's.
        /// </summary>
        public byte[] IdentifiersJson()
        {
            byte[] buffer = new byte[16 + (6 * this.deviceIdentifier.Length)];
            JsonWriter w = this.json;
            w.Reset(buffer, 0, buffer.Length);
            w.BeginObject();
            this.WriteIdentifiers(w);
            int length = w.Length - 1; // without the '{'
            byte[] bytes = new byte[length > 0 ? length : 0];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = buffer[1 + i];
            }

            return bytes;
        }

        /// <summary>
        /// Config for a sensor entity. Returns the length written, or -1 if it does not fit, a string is null or
        /// holds a lone surrogate, the id is longer than <see cref="MaxIdLength"/> or <paramref name="kind"/> is unknown.
        /// </summary>
        /// <param name="entityId">Distinguishes the entity within the device, e.g. "temperature" or "bme280_pressure".</param>
        /// <param name="name">The entity's display name, e.g. "Kitchen temperature".</param>
        [SteadyState]
        public int WriteSensorConfig(MeasurementKind kind, string entityId, string name, string stateTopic, byte[] buffer, int offset, int count)
        {
            Quantity quantity = SensorKindTable.Of(kind);
            if (quantity == null)
            {
                return -1;
            }

            JsonWriter w = this.BeginEntity(entityId, name, buffer, offset, count);
            if (w == null)
            {
                return -1;
            }

            w.Property("state_topic", stateTopic);

            w.Property("device_class", quantity.DeviceClass);
            w.Property("unit_of_measurement", quantity.Unit);
            w.Property("state_class", "measurement");
            this.WriteAvailabilityAndDevice(w);
            w.EndObject();
            return w.Length;
        }

        /// <summary>Config for an on/off light (default schema, payloads ON / OFF). Returns the length or -1 as for sensors.</summary>
        [SteadyState]
        public int WriteLightConfig(string entityId, string name, string commandTopic, string stateTopic, byte[] buffer, int offset, int count)
        {
            JsonWriter w = this.BeginEntity(entityId, name, buffer, offset, count);
            if (w == null)
            {
                return -1;
            }

            w.Property("command_topic", commandTopic);
            w.Property("state_topic", stateTopic);
            w.Property("payload_on", "ON");
            w.Property("payload_off", "OFF");
            this.WriteAvailabilityAndDevice(w);
            w.EndObject();
            return w.Length;
        }

        /// <summary>
        /// Writes <c>&lt;prefix&gt;/&lt;component&gt;/&lt;node_id&gt;/&lt;device name&gt;_&lt;entity id&gt;/config</c> (object_id sanitized).
        /// Returns the length, or -1 if it does not fit or the prefix or component is empty or not ASCII.
        /// </summary>
        [SteadyState]
        public int WriteConfigTopic(string prefix, string component, string entityId, byte[] buffer, int offset, int count)
        {
            if (buffer == null || offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                return -1;
            }

            int end = offset + count;
            int position = PutAscii(prefix, buffer, offset, end);
            position = PutSlash(buffer, position, end);
            position = PutAscii(component, buffer, position, end);
            position = PutSlash(buffer, position, end);
            position = PutAscii(this.NodeId, buffer, position, end);
            position = PutSlash(buffer, position, end);
            if (position < 0)
            {
                return -1;
            }

            int idLength = WriteObjectId(this.deviceName, entityId, buffer, position, end - position);
            if (idLength < 0)
            {
                return -1;
            }

            position = PutSlash(buffer, position + idLength, end);
            position = PutAscii("config", buffer, position, end);
            return position < 0 ? -1 : position - offset;
        }

        /// <summary>
        /// Writes <c>&lt;first&gt;_&lt;second&gt;</c> with every character outside [a-zA-Z0-9_-] replaced by '_'
        /// (a surrogate pair by one '_'). Returns the length, or -1 if it does not fit or a part is null or empty.
        /// </summary>
        [SteadyState]
        public static int WriteObjectId(string first, string second, byte[] buffer, int offset, int count)
        {
            if (first == null || second == null || first.Length == 0 || second.Length == 0
                || buffer == null || offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                return -1;
            }

            int end = offset + count;
            int position = PutSanitized(first, buffer, offset, end);
            if (position < 0 || position >= end)
            {
                return -1;
            }

            buffer[position++] = (byte)'_';
            position = PutSanitized(second, buffer, position, end);
            return position < 0 ? -1 : position - offset;
        }

        /// <summary>Starts an entity's config: name and unique_id (device id + entity id). null when the id is unusable.</summary>
        [SteadyState]
        private JsonWriter BeginEntity(string entityId, string name, byte[] buffer, int offset, int count)
        {
            int idLength = WriteObjectId(this.deviceIdentifier, entityId, this.idScratch, 0, this.idScratch.Length);
            if (idLength < 0)
            {
                return null;
            }

            JsonWriter w = this.json;
            w.Reset(buffer, offset, count);
            w.BeginObject();
            w.Property("name", name);
            w.PropertyName("unique_id");
            w.StringValue(this.idScratch, 0, idLength);
            return w;
        }

        private void WriteAvailabilityAndDevice(JsonWriter w)
        {
            w.Property("availability_topic", this.availabilityTopic);
            w.Property("payload_available", Availability.Online);
            w.Property("payload_not_available", Availability.Offline);
            w.PropertyName("device");
            w.BeginObject();
            this.WriteIdentifiers(w);
            w.Property("name", this.deviceName);
            w.Property("manufacturer", Manufacturer);
            w.Property("model", this.model);
            w.Property("sw_version", this.softwareVersion);
            w.EndObject();
            w.PropertyName("origin");
            w.BeginObject();
            w.Property("name", Manufacturer);
            w.Property("sw_version", this.softwareVersion);
            w.EndObject();
        }

        private void WriteIdentifiers(JsonWriter w)
        {
            w.PropertyName("identifiers");
            w.BeginArray();
            w.StringValue(this.deviceIdentifier);
            w.EndArray();
        }

        private static int PutSanitized(string text, byte[] buffer, int position, int end)
        {
            int units;
            for (int i = 0; i < text.Length; i += units)
            {
                if (position >= end)
                {
                    return -1;
                }

                // one underscore per character, a surrogate pair included
                int c = MqttUtf8.CodePointAt(text, i, out units);
                bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
                buffer[position++] = allowed ? (byte)c : (byte)'_';
            }

            return position;
        }

        private static int PutAscii(string text, byte[] buffer, int position, int end)
        {
            if (position < 0 || text == null || text.Length == 0 || text.Length > end - position)
            {
                return -1;
            }

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c >= 0x80 || c == '+' || c == '#' || c == '\0')
                {
                    return -1;
                }

                buffer[position++] = (byte)c;
            }

            return position;
        }

        private static int PutSlash(byte[] buffer, int position, int end)
        {
            if (position < 0 || position >= end)
            {
                return -1;
            }

            buffer[position] = (byte)'/';
            return position + 1;
        }
    }
}
