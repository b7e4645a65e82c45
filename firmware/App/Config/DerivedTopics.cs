using System.Collections;
using HomeNode.App.Discovery;
using HomeNode.App.Lights;
using HomeNode.App.Runtime;
using HomeNode.App.Sensors;
using HomeNode.App.Topics;
using HomeNode.Mqtt;

namespace HomeNode.App.Config
{
    /// <summary>
    /// Every topic the firmware will use for a configuration, as <see cref="HomeNodeRuntime"/> derives them, each with
    /// the place in the file it comes from: so two of them can be found to be one topic, and each checked against the
    /// board's buffers and the broker's limits, before the board ever runs.
    /// </summary>
    /// <remarks>
    /// What the runtime does with a configuration (HomeNodeRuntime's constructor and its publish paths): the
    /// availability topic <c>&lt;base_topic&gt;/status</c> (the will, and "online" at QoS 1, retained), diagnostics JSON on
    /// <c>&lt;base_topic&gt;/diag</c> at QoS 0 when diagnostics_period is not 0, requests for them (MQTT 5.0) on
    /// <c>&lt;base_topic&gt;/diag/get</c>, readings at QoS 1 on
    /// <c>&lt;sensor topic&gt;/temperature|humidity|pressure</c>, each light's retained state on its topic at QoS 1 and its
    /// commands on <c>&lt;topic&gt;/set</c>, and with discovery on, Home Assistant's <c>&lt;prefix&gt;/status</c> and one retained
    /// config per entity under the prefix. The tests in tests/Portable/Runtime/ConfigLimitRuntimeTests run the runtime at
    /// the limits computed here, so the two cannot drift apart unnoticed.
    /// </remarks>
    internal sealed class DerivedTopics
    {
        // the model string HomeNodeRuntime gives DiscoveryPayloadWriter
        private const string Model = "HomeNode";

        // large enough for any discovery topic or config the writer can produce from a valid configuration, so the
        // length is known even when it is too long for the runtime's own buffers
        private const int MeasureBytes = 4096;

        private readonly ArrayList uses = new ArrayList();
        private readonly ArrayList entities = new ArrayList();
        private readonly ArrayList entitySections = new ArrayList();

        /// <summary>The <see cref="TopicUse"/>s in order: the device's first, then sensors and lights in file order, then discovery.</summary>
        public ArrayList Uses => this.uses;

        public TopicUse StatusUse { get; private set; }

        /// <summary>The availability, diagnostics (reports and requests) and Home Assistant status topics.</summary>
        /// <param name="version5">protocol = 5: the node answers requests on <c>&lt;base_topic&gt;/diag/get</c>, so it subscribes to it.</param>
        public void AddDevice(DeviceSettings device, ConfigSection section, bool version5)
        {
            if (device.BaseTopic != null)
            {
                int line = LineOf(section, "base_topic");
                TopicUse status = this.Add(device.BaseTopic + "/" + TopicLevels.Status, "availability", section.Label, "base_topic", line);
                status.Published = true;
                status.Qos1 = true;
                status.Will = true;
                status.PayloadBytes = Availability.Offline.Length > Availability.Online.Length ? Availability.Offline.Length : Availability.Online.Length;
                this.StatusUse = status;

                if (device.DiagnosticsPeriodSeconds > 0)
                {
                    TopicUse diagnostics = this.Add(device.BaseTopic + "/" + TopicLevels.Diag, "diagnostics", section.Label, "base_topic", line);
                    diagnostics.Published = true;
                    diagnostics.PayloadBytes = DeviceSettings.MaxDiagnosticsBytes;
                }

                // Reserved whatever the protocol, so a configuration does not change meaning when it moves to 5.0.
                TopicUse diagnosticsRequests = this.Add(device.BaseTopic + "/" + TopicLevels.Diag + "/" + TopicLevels.Get, "diagnostics requests", section.Label, "base_topic", line);
                diagnosticsRequests.Subscribed = version5;
            }

            if (device.Discovery && device.DiscoveryPrefix != null)
            {
                TopicUse homeAssistant = this.Add(device.DiscoveryPrefix + "/" + TopicLevels.Status, "Home Assistant status", section.Label, "discovery_prefix", LineOf(section, "discovery_prefix"));
                homeAssistant.Subscribed = true;
            }
        }

        /// <summary>The topic of each of the sensor's measurements.</summary>
        public void AddSensor(SensorSettings sensor, ConfigSection section, bool typeKnown)
        {
            if (sensor.Topic == null || !typeKnown)
            {
                return;
            }

            MeasurementKind[] kinds = KindsOf(sensor.Type);
            for (int k = 0; k < kinds.Length; k++)
            {
                string level = SensorKindTable.Of(kinds[k]).Level;
                TopicUse reading = this.Add(sensor.Topic + "/" + level, level + " readings", section.Label, "topic", LineOf(section, "topic"));
                reading.Published = true;
                reading.Qos1 = true;
                reading.PayloadBytes = HomeNodeRuntime.MaxReadingBytes;
            }

            this.entities.Add(sensor);
            this.entitySections.Add(section);
        }

        /// <summary>The light's state and command topics.</summary>
        public void AddLight(LightSettings light, ConfigSection section)
        {
            if (light.Topic == null)
            {
                return;
            }

            int line = LineOf(section, "topic");
            TopicUse state = this.Add(light.Topic, "light state", section.Label, "topic", line);
            state.Published = true;
            state.Qos1 = true;
            state.PayloadBytes = LightCommand.StateOff.Length;

            // subscribed only while power_on = restore waits for the retained state after connecting
            state.Subscribed = light.PowerOn == PowerOnState.Restore;

            TopicUse commands = this.Add(light.Topic + "/" + TopicLevels.Set, "light commands", section.Label, "topic", line);
            commands.Subscribed = true;
            this.entities.Add(light);
            this.entitySections.Add(section);
        }

        /// <summary>
        /// One retained config per entity (each measurement of a sensor, each light), as the runtime announces them:
        /// topic and payload written by <see cref="DiscoveryPayloadWriter"/> itself, to know their lengths.
        /// </summary>
        public void AddDiscovery(HomeNodeConfig config)
        {
            DeviceSettings device = config.Device;
            if (!device.Discovery || device.Name == null || device.DiscoveryPrefix == null || this.StatusUse == null || config.Broker.ClientId == null)
            {
                return;
            }

            DiscoveryPayloadWriter writer = new DiscoveryPayloadWriter(config.Broker.ClientId, device.Name, Model, HomeNodeRuntime.SoftwareVersion, this.StatusUse.Topic);
            byte[] topic = new byte[MeasureBytes];
            byte[] payload = new byte[MeasureBytes];
            for (int i = 0; i < this.entities.Count; i++)
            {
                ConfigSection section = (ConfigSection)this.entitySections[i];
                SensorSettings sensor = this.entities[i] as SensorSettings; // else a LightSettings
                if (sensor != null)
                {
                    MeasurementKind[] kinds = KindsOf(sensor.Type);
                    for (int k = 0; k < kinds.Length; k++)
                    {
                        string level = SensorKindTable.Of(kinds[k]).Level;
                        string id = sensor.Name + "_" + level;
                        int topicLength = writer.WriteConfigTopic(device.DiscoveryPrefix, DiscoveryPayloadWriter.SensorComponent, id, topic, 0, topic.Length);
                        int payloadLength = writer.WriteSensorConfig(kinds[k], id, sensor.Name + " " + level, sensor.Topic + "/" + level, payload, 0, payload.Length);
                        this.AddConfig(topic, topicLength, payloadLength, id, section);
                    }
                }
                else
                {
                    LightSettings light = (LightSettings)this.entities[i];
                    int topicLength = writer.WriteConfigTopic(device.DiscoveryPrefix, DiscoveryPayloadWriter.LightComponent, light.Name, topic, 0, topic.Length);
                    int payloadLength = writer.WriteLightConfig(light.Name, light.Name, light.Topic + "/" + TopicLevels.Set, light.Topic, payload, 0, payload.Length);
                    this.AddConfig(topic, topicLength, payloadLength, light.Name, section);
                }
            }
        }

        /// <summary>Claims every topic, so <c>ConfigParser</c> reports any two that are one.</summary>
        public void Claim(ArrayList claims)
        {
            for (int i = 0; i < this.uses.Count; i++)
            {
                TopicUse use = (TopicUse)this.uses[i];
                claims.Add(new ResourceClaim("topic " + use.Topic, "topic \"" + use.Topic + "\" (" + use.Role + ")", use.Role, use.Line, use.Section, use.Field));
            }
        }

        /// <summary>What the runtime publishes for a sensor type, in its order.</summary>
        public static MeasurementKind[] KindsOf(SensorType type)
        {
            // what the runtime announces and publishes for the type (one table for both)
            return SensorKindTable.Of(type).Measurements;
        }

        /// <summary>Line of <paramref name="key"/> in <paramref name="section"/>, or of its header when a default applies.</summary>
        public static int LineOf(ConfigSection section, string key)
        {
            ConfigEntry entry = section.Find(key);
            return entry == null ? section.Line : entry.Line;
        }

        private void AddConfig(byte[] topic, int topicLength, int payloadLength, string entityId, ConfigSection section)
        {
            if (topicLength <= 0)
            {
                // the prefix is checked to be ASCII and the names are [a-zA-Z0-9_-], so this is not reached
                return;
            }

            TopicUse config = this.Add(Utf8.ToString(topic, 0, topicLength), "Home Assistant discovery config", section.Label, string.Empty, section.Line);
            config.Published = true;
            config.Qos1 = true;
            config.PayloadBytes = payloadLength;
            config.EntityId = entityId;
        }

        private TopicUse Add(string topic, string role, string section, string field, int line)
        {
            TopicUse use = new TopicUse(topic, role, section, field, line);
            this.uses.Add(use);
            return use;
        }
    }
}
