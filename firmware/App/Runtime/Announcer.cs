using HomeNode.App.Config;
using HomeNode.App.Discovery;
using HomeNode.App.Topics;
using HomeNode.Mqtt;

namespace HomeNode.App.Runtime
{
    /// <summary>
    /// What the node says about itself: "online" retained on its status topic after each CONNACK (the will says
    /// "offline"), and Home Assistant discovery, retained, after each CONNACK and whenever Home Assistant says it is
    /// online again (its discovery documentation asks for this).
    /// </summary>
    /// <remarks>
    /// Entities the configuration no longer has are removed from Home Assistant without storage on the board: the node
    /// subscribes to its own config topics (<c>&lt;prefix&gt;/+/&lt;node_id&gt;/+/config</c>), the broker sends the
    /// retained ones with RETAIN set because the subscription is new (MQTT-3.3.1-8; messages on an established
    /// subscription come with RETAIN clear, MQTT-3.3.1-9, so the node's own announcements coming back are told apart),
    /// and each retained config that carries this device's identifiers but is not one of its entities is cleared with an
    /// empty retained message (Home Assistant's discovery: an empty config removes the entity; MQTT-3.3.1-10/11: a
    /// zero-byte retained message removes the retained one). Published at QoS 0: if it is lost, the config is still
    /// retained and cleared at the next connection. Not thread-safe: the runtime loop owns it. Allocates nothing after
    /// construction.
    /// </remarks>
    public sealed class Announcer
    {
        private readonly MqttClient client;
        private readonly RuntimeCounters counters;
        private readonly bool discovery;
        private readonly string homeAssistantStatus;
        private readonly byte[] homeAssistantStatusBytes;
        private readonly byte[] onlinePayload = Utf8Bytes.Of(Availability.Online);
        private readonly byte[] offlinePayload = Utf8Bytes.Of(Availability.Offline);
        private readonly DiscoveryEntities entities;
        private readonly string nodeConfigFilter;
        private readonly byte[] nodeConfigFilterBytes;
        private readonly byte[] identifiersJson;
        private readonly byte[] scratch;

        // MQTT 5.0: the outgoing Topic Aliases are the readings' (HomeNodeRuntime); these topics go in full
        private readonly MqttPublishProperties unaliased = new MqttPublishProperties();
        private bool birthPending;
        private int discoveryCursor = -1;

        /// <param name="clientId">The device identifier Home Assistant groups the entities under.</param>
        /// <param name="scratch">Where configs are written; shared with other parts, used only within one call.</param>
        public Announcer(DeviceSettings device, string clientId, SensorChannel[] sensors, LightChannel[] lights, MqttClient client, RuntimeCounters counters, byte[] scratch)
        {
            this.client = client;
            this.counters = counters;
            this.scratch = scratch;
            this.discovery = device.Discovery;
            this.StatusTopic = device.BaseTopic + "/" + TopicLevels.Status;
            this.homeAssistantStatus = device.DiscoveryPrefix + "/" + TopicLevels.Status;
            this.homeAssistantStatusBytes = Utf8Bytes.Of(this.homeAssistantStatus);
            DiscoveryPayloadWriter writer = new DiscoveryPayloadWriter(clientId, device.Name, "HomeNode", HomeNodeRuntime.SoftwareVersion, this.StatusTopic);
            this.entities = new DiscoveryEntities(writer, device.DiscoveryPrefix, sensors, lights);
            this.nodeConfigFilter = writer.NodeConfigFilter(device.DiscoveryPrefix);
            this.nodeConfigFilterBytes = Utf8Bytes.Of(this.nodeConfigFilter);
            this.identifiersJson = writer.IdentifiersJson();
            this.unaliased.NoTopicAlias = true;
        }

        /// <summary>Availability, retained: "online" after CONNACK, "offline" as the will and on a clean stop.</summary>
        public string StatusTopic { get; private set; }

        /// <summary>The will's payload.</summary>
        public byte[] OfflinePayload
        {
            get { return this.offlinePayload; }
        }

        /// <summary>Entities announced to Home Assistant (sensor measurements and lights).</summary>
        public int EntityCount
        {
            get { return this.entities.Count; }
        }

        /// <summary>The most filters <see cref="AddFilters"/> adds.</summary>
        public int MaxFilters
        {
            get { return this.discovery ? 2 : 0; }
        }

        /// <summary>
        /// With discovery on: Home Assistant's status, to announce again when it comes back, and the node's own configs,
        /// to find the retained ones of removed entities (at QoS 0: the broker keeps none for the session).
        /// </summary>
        [SteadyState]
        public void AddFilters(SubscriptionList subscriptions)
        {
            if (this.discovery)
            {
                subscriptions.Add(this.homeAssistantStatus, MqttQos.AtLeastOnce);
                subscriptions.Add(this.nodeConfigFilter, MqttQos.AtMostOnce);
            }
        }

        /// <summary>A new connection: say "online" and announce every entity.</summary>
        [SteadyState]
        public void OnConnected()
        {
            this.birthPending = true;
            this.discoveryCursor = this.discovery ? 0 : -1;
        }

        /// <summary>Home Assistant's status, or one of the node's retained configs; false when the message is not for the announcer.</summary>
        [SteadyState]
        public bool OnMessage(MqttReceivedMessage message)
        {
            if (this.discovery && message.TopicMatches(this.nodeConfigFilterBytes, 0, this.nodeConfigFilterBytes.Length))
            {
                if (message.Retain && message.PayloadLength > 0 && !this.entities.HasConfigTopic(message) && PayloadContains(message, this.identifiersJson))
                {
                    this.Clear(message);
                }

                return true;
            }

            if (!message.TopicEquals(this.homeAssistantStatusBytes, 0, this.homeAssistantStatusBytes.Length))
            {
                return false;
            }

            // Home Assistant restarted: announce everything again.
            if (this.discovery && PayloadEquals(message, this.onlinePayload))
            {
                this.discoveryCursor = 0;
            }

            return true;
        }

        /// <summary>"online", retained, once per connection; false when the client cannot take it now.</summary>
        [SteadyState]
        public bool PublishBirth()
        {
            if (!this.birthPending)
            {
                return true;
            }

            ushort packetId;
            MqttStatus status = this.client.Publish(this.StatusTopic, this.onlinePayload, 0, this.onlinePayload.Length, ServerLimits.Qos(this.client, MqttQos.AtLeastOnce), ServerLimits.Retain(this.client, true), out packetId, this.unaliased);
            if (!PublishOutcome.Settled(status, this.counters))
            {
                return false;
            }

            this.birthPending = false;
            return true;
        }

        /// <summary>The entities not announced yet on this round; false when the client cannot take more now.</summary>
        [SteadyState]
        public bool PublishDiscovery()
        {
            ushort packetId;
            while (this.discoveryCursor >= 0 && this.discoveryCursor < this.entities.Count)
            {
                byte[] topic = this.entities.ConfigTopic(this.discoveryCursor);
                int length = topic.Length == 0 ? -1 : this.entities.WriteConfig(this.discoveryCursor, this.scratch, 0, this.scratch.Length);
                if (length <= 0)
                {
                    this.counters.RejectedPublishes++;
                    this.discoveryCursor++;
                    continue;
                }

                MqttStatus status = this.client.Publish(topic, 0, topic.Length, this.scratch, 0, length, ServerLimits.Qos(this.client, MqttQos.AtLeastOnce), ServerLimits.Retain(this.client, true), out packetId, this.unaliased);
                if (!PublishOutcome.Settled(status, this.counters))
                {
                    return false;
                }

                this.discoveryCursor++;
            }

            this.discoveryCursor = -1;
            return true;
        }

        /// <summary>"offline", retained, before a clean disconnect (the broker publishes the will only when the link breaks).</summary>
        public void PublishOffline()
        {
            ushort packetId;
            this.client.Publish(this.StatusTopic, this.offlinePayload, 0, this.offlinePayload.Length, MqttQos.AtMostOnce, ServerLimits.Retain(this.client, true), out packetId, this.unaliased);
        }

        /// <summary>An empty retained message on the config topic of an entity this node no longer has.</summary>
        [SteadyState]
        private void Clear(MqttReceivedMessage message)
        {
            ushort packetId;
            MqttStatus status = this.client.Publish(message.TopicBuffer, message.TopicOffset, message.TopicLength, message.Buffer, message.PayloadOffset, 0, MqttQos.AtMostOnce, true, out packetId, this.unaliased);
            if (status == MqttStatus.Ok)
            {
                this.counters.ClearedDiscoveryConfigs++;
            }
        }

        [SteadyState]
        private static bool PayloadContains(MqttReceivedMessage message, byte[] part)
        {
            int last = message.PayloadLength - part.Length;
            for (int start = 0; start <= last; start++)
            {
                int i = 0;
                while (i < part.Length && message.Buffer[message.PayloadOffset + start + i] == part[i])
                {
                    i++;
                }

                if (i == part.Length)
                {
                    return true;
                }
            }

            return false;
        }

        [SteadyState]
        private static bool PayloadEquals(MqttReceivedMessage message, byte[] expected)
        {
            if (message.PayloadLength != expected.Length)
            {
                return false;
            }

            for (int i = 0; i < expected.Length; i++)
            {
                if (message.Buffer[message.PayloadOffset + i] != expected[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
