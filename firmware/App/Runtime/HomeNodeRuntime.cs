using System;
using HomeNode.App.Config;
using HomeNode.App.Connection;
using HomeNode.App.Diagnostics;
using HomeNode.App.Discovery;
using HomeNode.App.Lights;
using HomeNode.App.Payloads;
using HomeNode.App.Queue;
using HomeNode.App.Sensors;
using HomeNode.App.Topics;
using HomeNode.Drivers;
using HomeNode.Drivers.Outputs;
using HomeNode.Mqtt;

namespace HomeNode.App.Runtime
{
    /// <summary>
    /// The firmware: one loop that keeps the MQTT connection (with backoff, never more than one CONNECT a second),
    /// reads the sensors on their periods, queues readings while offline and publishes them in order at QoS 1,
    /// switches lights from commands and publishes their retained state, announces availability, Home Assistant
    /// discovery and diagnostics. The same code runs on the board (device glue) and on a PC (simulator).
    /// </summary>
    /// <remarks>
    /// Everything is allocated in the constructor; <see cref="Poll"/> allocates nothing. Call <see cref="Poll"/> from
    /// one thread every few milliseconds; it never blocks longer than the transport's own time-outs.
    /// </remarks>
    public sealed class HomeNodeRuntime : IMqttHandler
    {
        public const string SoftwareVersion = "0.1.0";
        public const int PacketBufferBytes = 1024;
        public const int InflightSlots = 8;
        public const int InflightSlotBytes = 768;
        public const int IncomingQos2Slots = 4;
        public const int MaxReadingBytes = 24;

        /// <summary>How long a light with power_on = restore waits for its retained state after connecting.</summary>
        public const int RestoreWaitMilliseconds = 3000;

        // AWS IoT Core: one CONNECT per second per client id.
        private const int MinimumConnectSpacingMilliseconds = 1000;

        private readonly HomeNodeConfig config;
        private readonly IMonotonicClock clock;
        private readonly IDeviceHardware hardware;
        private readonly MqttClient client;
        private readonly MqttConnectOptions connectOptions;
        private readonly ReconnectBackoff backoff;
        private readonly OfflineQueue queue;
        private readonly int offlineLimit;
        private readonly SensorChannel[] sensors;
        private readonly LightChannel[] lights;
        private readonly byte[][] topicTable;
        private readonly string[] subscriptionFilters;
        private readonly MqttQos[] subscriptionQos;
        private readonly int permanentSubscriptions;
        private readonly byte[] homeAssistantStatusTopic;
        private readonly DiscoveryPayloadWriter discovery;
        private readonly int discoveryEntities;
        private readonly string[] discoveryIds;
        private readonly string[] discoveryNames;
        private readonly string[] discoveryStateTopics;
        private readonly string[] discoveryCommandTopics;

        // Which entities are lights. Kept apart from discoveryCommandTopics: on nanoCLR an element of a new string[]
        // that was never assigned is not equal to null in a value comparison (x != null stored in a bool is true),
        // although `if (x == null)` sees null (found running the suite on nanoCLR; ../shared/nftool README).
        private readonly bool[] discoveryIsLight;
        private readonly MeasurementKind[] discoveryKinds;
        private readonly JsonWriter diagnosticsJson = new JsonWriter();
        private readonly EnvironmentReading reading = new EnvironmentReading();
        private readonly byte[] scratch = new byte[PacketBufferBytes];
        private readonly byte[] topicScratch = new byte[256];
        private readonly byte[] onlinePayload;
        private readonly byte[] offlinePayload;
        private readonly RuntimeCounters counters = new RuntimeCounters();
        private readonly ILog log;

        private bool started;
        private bool everConnected;
        private bool subscribePending;
        private bool birthPending;
        private int discoveryCursor = -1;
        private long startedAt;
        private long nextConnectAt;
        private long lastConnectAttemptAt = -MinimumConnectSpacingMilliseconds;
        private long nextDiagnosticsAt;
        private bool networkDown;
        private bool connectionUp;

        public HomeNodeRuntime(HomeNodeConfig config, IMqttTransport transport, IMonotonicClock clock, IDeviceHardware hardware, uint randomSeed)
            : this(config, transport, clock, hardware, randomSeed, null)
        {
        }

        /// <param name="log">Told about network and broker connection changes (attempts, connected, lost with the reason,
        /// the wait before the next attempt); null reports nothing.</param>
        public HomeNodeRuntime(HomeNodeConfig config, IMqttTransport transport, IMonotonicClock clock, IDeviceHardware hardware, uint randomSeed, ILog log)
        {
            if (config == null || transport == null || clock == null || hardware == null)
            {
                throw new ArgumentNullException("config, transport, clock and hardware are required");
            }

            this.config = config;
            this.clock = clock;
            this.hardware = hardware;
            this.log = log;
            this.StatusTopic = config.Device.BaseTopic + "/" + TopicLevels.Status;
            this.DiagnosticsTopic = config.Device.BaseTopic + "/" + TopicLevels.Diag;
            this.onlinePayload = Utf8Bytes(Availability.Online);
            this.offlinePayload = Utf8Bytes(Availability.Offline);

            string clientId = config.Broker.ClientId;
            if (clientId == null || clientId.Length == 0)
            {
                clientId = BrokerSettings.DerivedClientIdPrefix + config.Device.Name;
            }

            this.ClientId = clientId;
            this.connectOptions = new MqttConnectOptions(clientId);
            this.connectOptions.KeepAliveSeconds = config.Broker.KeepAliveSeconds;
            this.connectOptions.CleanSession = config.Broker.CleanSession;
            this.connectOptions.Username = config.Broker.Username;
            if (config.Broker.Password != null)
            {
                this.connectOptions.Password = Utf8Bytes(config.Broker.Password);
            }

            // Availability, as Home Assistant expects it: the broker publishes "offline" for us if we vanish.
            this.connectOptions.WillTopic = this.StatusTopic;
            this.connectOptions.WillPayload = this.offlinePayload;
            this.connectOptions.WillQos = MqttQos.AtLeastOnce;
            this.connectOptions.WillRetain = true;

            this.client = new MqttClient(transport, clock, this, new byte[PacketBufferBytes], new byte[PacketBufferBytes], new InflightTable(InflightSlots, InflightSlotBytes, IncomingQos2Slots));
            this.backoff = new ReconnectBackoff(randomSeed, ReconnectBackoff.DefaultBaseMilliseconds, config.Broker.ReconnectMaxDelaySeconds * 1000);

            SensorSettings[] sensorSettings = config.Sensors == null ? new SensorSettings[0] : config.Sensors;
            LightSettings[] lightSettings = config.Lights == null ? new LightSettings[0] : config.Lights;
            int topicCount = 0;
            this.sensors = new SensorChannel[sensorSettings.Length];
            for (int i = 0; i < sensorSettings.Length; i++)
            {
                SensorKind kind = SensorKindTable.Of(sensorSettings[i].Type);
                MeasurementKind[] kinds = kind == null ? new MeasurementKind[0] : kind.Measurements;
                int[] ids = new int[kinds.Length];
                string[] topics = new string[kinds.Length];
                for (int k = 0; k < kinds.Length; k++)
                {
                    ids[k] = topicCount++;
                    topics[k] = sensorSettings[i].Topic + "/" + SensorKindTable.Of(kinds[k]).Level;
                }

                this.sensors[i] = new SensorChannel(sensorSettings[i], hardware.OpenSensor(sensorSettings[i]), kinds, ids, topics);
            }

            // Every reading passes through the queue, online too, so it has room for one full round of readings on
            // top of what offline_queue keeps while the broker is unreachable (0 keeps none).
            this.offlineLimit = config.Device.OfflineQueue;
            this.queue = new OfflineQueue(this.offlineLimit + (topicCount > 0 ? topicCount : 1), MaxReadingBytes);
            this.topicTable = new byte[topicCount][];
            for (int i = 0; i < this.sensors.Length; i++)
            {
                for (int k = 0; k < this.sensors[i].Kinds.Length; k++)
                {
                    this.topicTable[this.sensors[i].TopicIds[k]] = Utf8Bytes(this.sensors[i].Topics[k]);
                }
            }

            this.lights = new LightChannel[lightSettings.Length];
            int restoreLights = 0;
            for (int i = 0; i < lightSettings.Length; i++)
            {
                LightSettings light = lightSettings[i];
                IOutputPin pin = hardware.OpenLight(light);
                LightOutput output = pin == null ? null : new LightOutput(pin, light.ActiveLow, light.PowerOn == PowerOnState.On);
                string commandTopic = light.Topic + "/" + TopicLevels.Set;
                this.lights[i] = new LightChannel(light, output, light.Topic, Utf8Bytes(light.Topic), commandTopic, Utf8Bytes(commandTopic));
                if (output == null && light.PowerOn == PowerOnState.On)
                {
                    this.lights[i].Set(true);
                }

                if (light.PowerOn == PowerOnState.Restore)
                {
                    restoreLights++;
                }
            }

            // One SUBSCRIBE per connection: every command topic, Home Assistant's status, and (until restored) the
            // retained state of lights still restoring theirs, filled in at each connection (PublishPending) after the rest.
            string homeAssistantStatus = config.Device.DiscoveryPrefix + "/" + TopicLevels.Status;
            this.homeAssistantStatusTopic = Utf8Bytes(homeAssistantStatus);
            this.permanentSubscriptions = this.lights.Length + (config.Device.Discovery ? 1 : 0);
            this.subscriptionFilters = new string[this.permanentSubscriptions + restoreLights];
            this.subscriptionQos = new MqttQos[this.subscriptionFilters.Length];
            int filter = 0;
            for (int i = 0; i < this.lights.Length; i++)
            {
                this.subscriptionFilters[filter++] = this.lights[i].CommandTopic;
            }

            if (config.Device.Discovery)
            {
                this.subscriptionFilters[filter++] = homeAssistantStatus;
            }

            for (int i = 0; i < this.subscriptionQos.Length; i++)
            {
                this.subscriptionQos[i] = MqttQos.AtLeastOnce;
            }

            this.discovery = new DiscoveryPayloadWriter(clientId, config.Device.Name, "HomeNode", SoftwareVersion, this.StatusTopic);
            // Discovery entities, sensor measurements first, then lights; ids and names are built once here.
            this.discoveryEntities = topicCount + this.lights.Length;
            this.discoveryIds = new string[this.discoveryEntities];
            this.discoveryNames = new string[this.discoveryEntities];
            this.discoveryStateTopics = new string[this.discoveryEntities];
            this.discoveryCommandTopics = new string[this.discoveryEntities];
            this.discoveryKinds = new MeasurementKind[this.discoveryEntities];
            this.discoveryIsLight = new bool[this.discoveryEntities];
            int entity = 0;
            for (int i = 0; i < this.sensors.Length; i++)
            {
                for (int k = 0; k < this.sensors[i].Kinds.Length; k++)
                {
                    string level = SensorKindTable.Of(this.sensors[i].Kinds[k]).Level;
                    this.discoveryIds[entity] = this.sensors[i].Settings.Name + "_" + level;
                    this.discoveryNames[entity] = this.sensors[i].Settings.Name + " " + level;
                    this.discoveryStateTopics[entity] = this.sensors[i].Topics[k];
                    this.discoveryKinds[entity] = this.sensors[i].Kinds[k];
                    entity++;
                }
            }

            for (int i = 0; i < this.lights.Length; i++)
            {
                this.discoveryIds[entity] = this.lights[i].Settings.Name;
                this.discoveryNames[entity] = this.lights[i].Settings.Name;
                this.discoveryStateTopics[entity] = this.lights[i].StateTopic;
                this.discoveryCommandTopics[entity] = this.lights[i].CommandTopic;
                this.discoveryIsLight[entity] = true;
                entity++;
            }
        }

        public string ClientId { get; private set; }

        public string StatusTopic { get; private set; }

        public string DiagnosticsTopic { get; private set; }

        public MqttClient Client
        {
            get { return this.client; }
        }

        public OfflineQueue Queue
        {
            get { return this.queue; }
        }

        public SensorChannel[] Sensors
        {
            get { return this.sensors; }
        }

        public LightChannel[] Lights
        {
            get { return this.lights; }
        }

        public RuntimeCounters Counters
        {
            get { return this.counters; }
        }

        public RuntimeStatus Status
        {
            get
            {
                if (!this.started)
                {
                    return RuntimeStatus.Stopped;
                }

                if (this.networkDown)
                {
                    return RuntimeStatus.WaitingForNetwork;
                }

                switch (this.client.State)
                {
                    case MqttConnectionState.Connected:
                        return RuntimeStatus.Online;
                    case MqttConnectionState.Connecting:
                        return RuntimeStatus.Connecting;
                    default:
                        return RuntimeStatus.WaitingToReconnect;
                }
            }
        }

        /// <summary>Starts the loop: the next <see cref="Poll"/> connects and reads every sensor once.</summary>
        public void Start()
        {
            this.started = true;
            this.startedAt = this.clock.ElapsedMilliseconds;
            this.nextConnectAt = this.startedAt;
            for (int i = 0; i < this.sensors.Length; i++)
            {
                this.sensors[i].NextReadAt = this.startedAt;
            }
        }

        /// <summary>Publishes "offline" (retained) and disconnects cleanly; <see cref="Start"/> may be called again.</summary>
        public void Stop()
        {
            if (this.client.IsConnected)
            {
                ushort packetId;
                this.client.Publish(this.StatusTopic, this.offlinePayload, 0, this.offlinePayload.Length, MqttQos.AtMostOnce, true, out packetId);
                this.client.Disconnect();
            }
            else if (this.client.State != MqttConnectionState.Disconnected)
            {
                this.client.DropConnection();
            }

            this.started = false;
        }

        /// <summary>One turn of the firmware loop.</summary>
        [SteadyState]
        public void Poll()
        {
            if (!this.started)
            {
                return;
            }

            long now = this.clock.ElapsedMilliseconds;
            this.ManageConnection(now);
            if (this.client.State != MqttConnectionState.Disconnected)
            {
                this.client.Poll();
            }

            this.ReadDueSensors(now);
            if (this.client.IsConnected)
            {
                this.PublishPending(now);
            }
        }

        // ---- IMqttHandler ----

        [SteadyState]
        public void OnConnected(bool sessionPresent)
        {
            this.connectionUp = true;
            this.backoff.Reset();
            if (this.everConnected)
            {
                this.counters.Reconnects++;
            }

            this.everConnected = true;
            if (this.log != null)
            {
                this.log.WriteLine("mqtt: connected");
            }

            this.subscribePending = true;
            this.birthPending = true;
            this.discoveryCursor = this.config.Device.Discovery ? 0 : -1;
            long now = this.clock.ElapsedMilliseconds;
            for (int i = 0; i < this.lights.Length; i++)
            {
                this.lights[i].StatePending = true;
                if (this.lights[i].AwaitingRestore)
                {
                    this.lights[i].RestoreDeadline = now + RestoreWaitMilliseconds;
                }
            }
        }

        [SteadyState]
        public void OnConnectionClosed(MqttStatus reason)
        {
            long now = this.clock.ElapsedMilliseconds;
            bool wasUp = this.connectionUp;
            this.connectionUp = false;

            // A failed attempt (refused, no CONNACK) already has its delay: ManageConnection drew it when it sent CONNECT.
            // Drawing another here would double the backoff twice per refusal.
            if (reason != MqttStatus.ClosedByClient && wasUp)
            {
                long retryAt = now + this.backoff.NextDelayMilliseconds();
                long earliest = this.lastConnectAttemptAt + MinimumConnectSpacingMilliseconds;
                if (retryAt < earliest)
                {
                    retryAt = earliest;
                }

                if (retryAt > this.nextConnectAt)
                {
                    this.nextConnectAt = retryAt;
                }
            }

            if (!wasUp && reason != MqttStatus.ClosedByClient)
            {
                this.counters.FailedConnects++; // refused, no CONNACK in time, or the link broke before CONNACK
            }

            if (reason == MqttStatus.ClosedByClient)
            {
                if (this.log != null)
                {
                    this.log.WriteLine("mqtt: disconnected");
                }
            }
            else
            {
                this.ReportRetry(wasUp ? "mqtt: connection lost: " : "mqtt: connect failed: ", reason, now);
            }
        }

        [SteadyState]
        public void OnMessage(MqttReceivedMessage message)
        {
            for (int i = 0; i < this.lights.Length; i++)
            {
                LightChannel light = this.lights[i];
                if (message.TopicEquals(light.CommandTopicBytes, 0, light.CommandTopicBytes.Length))
                {
                    this.OnLightCommand(light, message);
                    return;
                }
            }

            if (message.TopicEquals(this.homeAssistantStatusTopic, 0, this.homeAssistantStatusTopic.Length))
            {
                // Home Assistant restarted: announce everything again (its discovery documentation asks for this).
                if (this.config.Device.Discovery && PayloadEquals(message, this.onlinePayload))
                {
                    this.discoveryCursor = 0;
                }

                return;
            }

            for (int i = 0; i < this.lights.Length; i++)
            {
                LightChannel light = this.lights[i];
                if (light.AwaitingRestore && message.Retain && message.TopicEquals(light.StateTopicBytes, 0, light.StateTopicBytes.Length))
                {
                    LightCommandKind state = LightCommand.Parse(message.Buffer, message.PayloadOffset, message.PayloadLength);
                    if (state == LightCommandKind.On || state == LightCommandKind.Off)
                    {
                        light.Set(state == LightCommandKind.On);
                    }

                    this.FinishRestore(light);
                    return;
                }
            }
        }

        [SteadyState]
        public void OnPublishAcknowledged(ushort packetId)
        {
            this.counters.AcknowledgedPublishes++;
        }

        [SteadyState]
        public void OnSubscribeAcknowledged(ushort packetId, byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (buffer[offset + i] == 0x80)
                {
                    this.counters.SubscriptionFailures++; // refused by the broker (§3.9.3), e.g. by its ACL or policy
                }
            }
        }

        [SteadyState]
        public void OnUnsubscribeAcknowledged(ushort packetId)
        {
        }

        [SteadyState]
        public void OnNotice(MqttStatus notice)
        {
        }

        // ---- internals ----

        private static byte[] Utf8Bytes(string text)
        {
            int length = MqttUtf8.Measure(text);
            if (length < 0)
            {
                throw new ArgumentException("not valid MQTT UTF-8: " + text);
            }

            byte[] bytes = new byte[length];
            MqttUtf8.Write(text, bytes, 0);
            return bytes;
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

        [SteadyState]
        private void ManageConnection(long now)
        {
            // Wi-Fi first: without a network there is nothing to connect to, and a connection that is up is already dead.
            if (!this.hardware.IsNetworkUp())
            {
                if (!this.networkDown && this.log != null)
                {
                    this.log.WriteLine("network: down; waiting for it");
                }

                this.networkDown = true;
                if (this.client.State != MqttConnectionState.Disconnected)
                {
                    this.client.DropConnection();
                }

                return;
            }

            if (this.networkDown && this.log != null)
            {
                this.log.WriteLine("network: up");
            }

            this.networkDown = false;
            if (this.client.State != MqttConnectionState.Disconnected || now < this.nextConnectAt || now - this.lastConnectAttemptAt < MinimumConnectSpacingMilliseconds)
            {
                return;
            }

            // If this attempt fails, the next one waits for the backoff; a success resets it.
            this.nextConnectAt = now + this.backoff.NextDelayMilliseconds(); // never below 1 s (ReconnectBackoff.MinimumMilliseconds)
            if (this.log != null)
            {
                this.log.Write("mqtt: connecting to ");
                this.log.Write(this.config.Broker.Host);
                this.log.Write(":");
                this.log.Write(this.config.Broker.Port);
                this.log.Write(" as ");
                this.log.WriteLine(this.ClientId);
            }

            MqttStatus status = this.client.Connect(this.connectOptions);

            // The one-a-second limit counts CONNECT packets, and CONNECT leaves at the end of Connect, after the TCP
            // connect and TLS handshake: space the next attempt from here, not from when this one started.
            this.lastConnectAttemptAt = this.clock.ElapsedMilliseconds;
            if (status == MqttStatus.TransportOpenFailed || status == MqttStatus.PacketTooLarge || status == MqttStatus.InvalidString || status == MqttStatus.NotSupported)
            {
                this.counters.FailedConnects++; // failed before the connection opened, so OnConnectionClosed did not count it
                this.ReportRetry("mqtt: connect failed: ", status, this.lastConnectAttemptAt);
            }
        }

        /// <summary>One line: what happened, the reason, and how long until the next connect attempt.</summary>
        [SteadyState]
        private void ReportRetry(string what, MqttStatus reason, long now)
        {
            if (this.log == null)
            {
                return;
            }

            long next = this.nextConnectAt;
            long earliest = this.lastConnectAttemptAt + MinimumConnectSpacingMilliseconds;
            if (next < earliest)
            {
                next = earliest;
            }

            this.log.Write(what);
            MqttStatusName.Write(this.log, reason);
            this.log.Write("; next attempt in ");
            this.log.Write(next > now ? next - now : 0);
            this.log.WriteLine(" ms");
        }

        [SteadyState]
        private void ReadDueSensors(long now)
        {
            for (int i = 0; i < this.sensors.Length; i++)
            {
                SensorChannel channel = this.sensors[i];
                if (now < channel.NextReadAt)
                {
                    continue;
                }

                channel.NextReadAt = now + (channel.Settings.PeriodSeconds * 1000L);
                SensorReadStatus status = this.ReadSensor(channel);
                channel.LastStatus = status;
                if (status != SensorReadStatus.Ok)
                {
                    channel.FailedReads++;
                    this.counters.FailedReads++;
                    continue;
                }

                for (int k = 0; k < channel.Kinds.Length; k++)
                {
                    double value;
                    if (!SensorKindTable.TryRead(this.reading, channel.Kinds[k], out value))
                    {
                        continue;
                    }

                    channel.LastValues[k] = value;
                    channel.HasValue[k] = true;
                    double toPublish;
                    if (!channel.Filters[k].Offer(value, now, out toPublish))
                    {
                        continue;
                    }

                    int length = DecimalFormatter.Write(toPublish, channel.Settings.Decimals, this.scratch, 0, MaxReadingBytes);
                    if (length > 0)
                    {
                        // Everything goes through the queue, so readings leave in the order they were taken.
                        this.queue.Enqueue(channel.TopicIds[k], this.scratch, 0, length);
                    }
                }
            }

            if (!this.client.IsConnected)
            {
                // Offline, the queue keeps the newest offline_queue readings; the oldest go first and are counted.
                this.queue.TrimTo(this.offlineLimit);
            }
        }

        [SteadyState]
        private SensorReadStatus ReadSensor(SensorChannel channel)
        {
            if (channel.Sensor == null)
            {
                return SensorReadStatus.NoResponse;
            }

            try
            {
                return channel.Sensor.Read(this.reading);
            }
            catch (Exception)
            {
                // A driver that throws is a sensor that did not answer; the loop must keep running.
                return SensorReadStatus.NoResponse;
            }
        }

        [SteadyState]
        private void PublishPending(long now)
        {
            ushort packetId;
            MqttStatus status;
            if (this.subscribePending)
            {
                int count = this.permanentSubscriptions;
                for (int i = 0; i < this.lights.Length; i++)
                {
                    if (this.lights[i].AwaitingRestore)
                    {
                        this.subscriptionFilters[count++] = this.lights[i].StateTopic; // only lights still waiting
                    }
                }

                if (count > 0)
                {
                    status = this.client.Subscribe(this.subscriptionFilters, this.subscriptionQos, count, out packetId);
                    if (status == MqttStatus.InflightFull)
                    {
                        return;
                    }

                    if (status != MqttStatus.Ok)
                    {
                        this.counters.SubscriptionFailures++; // too long for the send buffer, or an invalid topic
                    }
                }

                this.subscribePending = false;
            }

            if (this.birthPending)
            {
                status = this.client.Publish(this.StatusTopic, this.onlinePayload, 0, this.onlinePayload.Length, MqttQos.AtLeastOnce, true, out packetId);
                if (!this.Accepted(status))
                {
                    return;
                }

                this.birthPending = false;
            }

            if (!this.PublishLightStates(now))
            {
                return;
            }

            if (!this.PublishDiscovery())
            {
                return;
            }

            if (!this.DrainQueue())
            {
                return;
            }

            this.PublishDiagnostics(now);
        }

        /// <summary>True when the client took the packet or refused it for good; false to try again on a later poll.</summary>
        [SteadyState]
        private bool Accepted(MqttStatus status)
        {
            if (status == MqttStatus.Ok)
            {
                return true;
            }

            if (status == MqttStatus.InflightFull || status == MqttStatus.NotConnected || status == MqttStatus.TransportClosed || status == MqttStatus.SendTimeout)
            {
                return false;
            }

            this.counters.RejectedPublishes++;
            return true;
        }

        [SteadyState]
        private void FinishRestore(LightChannel light)
        {
            light.AwaitingRestore = false;
            light.UnsubscribePending = true;
            light.StatePending = true;
        }

        [SteadyState]
        private void OnLightCommand(LightChannel light, MqttReceivedMessage message)
        {
            LightCommandKind command = LightCommand.Parse(message.Buffer, message.PayloadOffset, message.PayloadLength);
            if (command == LightCommandKind.Invalid)
            {
                this.counters.InvalidCommands++;
                return;
            }

            this.counters.Commands++;
            light.Set(LightCommand.NextState(command, light.IsOn));
            if (light.AwaitingRestore)
            {
                // A command is newer than whatever state was retained.
                this.FinishRestore(light);
            }

            light.StatePending = true;
        }

        [SteadyState]
        private bool PublishLightStates(long now)
        {
            ushort packetId;
            for (int i = 0; i < this.lights.Length; i++)
            {
                LightChannel light = this.lights[i];
                if (light.AwaitingRestore)
                {
                    if (now < light.RestoreDeadline)
                    {
                        continue;
                    }

                    this.FinishRestore(light); // nothing retained: keep the power-on state (off)
                }

                if (light.UnsubscribePending)
                {
                    MqttStatus unsubscribed = this.client.Unsubscribe(light.StateTopic, out packetId);
                    if (unsubscribed == MqttStatus.InflightFull)
                    {
                        return false;
                    }

                    light.UnsubscribePending = false;
                }

                if (light.StatePending)
                {
                    int length = LightCommand.WriteState(light.IsOn, this.scratch, 0, this.scratch.Length);
                    MqttStatus status = this.client.Publish(light.StateTopicBytes, 0, light.StateTopicBytes.Length, this.scratch, 0, length, MqttQos.AtLeastOnce, true, out packetId);
                    if (!this.Accepted(status))
                    {
                        return false;
                    }

                    light.StatePending = false;
                }
            }

            return true;
        }

        [SteadyState]
        private bool PublishDiscovery()
        {
            ushort packetId;
            while (this.discoveryCursor >= 0 && this.discoveryCursor < this.discoveryEntities)
            {
                int topicLength;
                int payloadLength;
                this.WriteDiscoveryEntity(this.discoveryCursor, out topicLength, out payloadLength);
                if (topicLength <= 0 || payloadLength <= 0)
                {
                    this.counters.RejectedPublishes++;
                    this.discoveryCursor++;
                    continue;
                }

                MqttStatus status = this.client.Publish(this.topicScratch, 0, topicLength, this.scratch, 0, payloadLength, MqttQos.AtLeastOnce, true, out packetId);
                if (!this.Accepted(status))
                {
                    return false;
                }

                this.discoveryCursor++;
            }

            this.discoveryCursor = -1;
            return true;
        }

        /// <summary>
        /// Writes the discovery topic and config of entity <paramref name="index"/> into the scratch buffers. The config
        /// is limited to what fits one in-flight slot with its topic, so a config that is too long fails here (counted)
        /// instead of at publish.
        /// </summary>
        [SteadyState]
        private void WriteDiscoveryEntity(int index, out int topicLength, out int payloadLength)
        {
            string prefix = this.config.Device.DiscoveryPrefix;
            bool light = this.discoveryIsLight[index];
            topicLength = this.discovery.WriteConfigTopic(prefix, light ? DiscoveryPayloadWriter.LightComponent : DiscoveryPayloadWriter.SensorComponent, this.discoveryIds[index], this.topicScratch, 0, this.topicScratch.Length);
            payloadLength = -1;
            if (topicLength <= 0)
            {
                return;
            }

            // PUBLISH overhead: fixed header (1 + up to 4 length bytes), topic length (2), packet id (2)
            int room = InflightSlotBytes - 9 - topicLength;
            if (room > this.scratch.Length)
            {
                room = this.scratch.Length;
            }

            payloadLength = light
                ? this.discovery.WriteLightConfig(this.discoveryIds[index], this.discoveryNames[index], this.discoveryCommandTopics[index], this.discoveryStateTopics[index], this.scratch, 0, room)
                : this.discovery.WriteSensorConfig(this.discoveryKinds[index], this.discoveryIds[index], this.discoveryNames[index], this.discoveryStateTopics[index], this.scratch, 0, room);
        }

        [SteadyState]
        private bool DrainQueue()
        {
            ushort packetId;
            int topicId;
            int payloadOffset;
            int payloadLength;
            while (this.queue.TryPeekOldest(out topicId, out payloadOffset, out payloadLength))
            {
                byte[] topic = this.topicTable[topicId];
                MqttStatus status = this.client.Publish(topic, 0, topic.Length, this.queue.PayloadStorage, payloadOffset, payloadLength, MqttQos.AtLeastOnce, false, out packetId);
                if (!this.Accepted(status))
                {
                    return false;
                }

                // Only now does the reading leave the queue: the client holds it until PUBACK, across reconnects.
                this.queue.RemoveOldest();
                if (status == MqttStatus.Ok)
                {
                    this.counters.PublishedReadings++;
                }
            }

            return true;
        }

        [SteadyState]
        private void PublishDiagnostics(long now)
        {
            int period = this.config.Device.DiagnosticsPeriodSeconds;
            if (period <= 0 || now < this.nextDiagnosticsAt)
            {
                return;
            }

            this.nextDiagnosticsAt = now + (period * 1000L);
            JsonWriter json = this.diagnosticsJson;
            json.Reset(this.scratch, 0, this.scratch.Length);
            json.BeginObject();
            json.Property("uptime_s", (now - this.startedAt) / 1000);
            long freeMemory = this.hardware.FreeMemoryBytes();
            if (freeMemory >= 0)
            {
                json.Property("free_memory", freeMemory);
            }

            json.Property("reconnects", this.counters.Reconnects);
            json.Property("failed_connects", this.counters.FailedConnects);
            json.Property("dropped_readings", this.queue.DroppedCount);
            json.Property("queued_readings", this.queue.Count);
            json.Property("failed_reads", this.counters.FailedReads);
            json.Property("invalid_commands", this.counters.InvalidCommands);
            json.Property("subscription_failures", this.counters.SubscriptionFailures);
            int signal = this.hardware.WifiSignalDbm();
            if (signal != 0)
            {
                json.Property("wifi_rssi_dbm", signal);
            }

            json.EndObject();
            int length = json.Length;
            if (length > 0)
            {
                ushort packetId;
                this.client.Publish(this.DiagnosticsTopic, this.scratch, 0, length, MqttQos.AtMostOnce, false, out packetId);
            }
        }
    }
}
