using System;
using HomeNode.App.Config;
using HomeNode.App.Connection;
using HomeNode.App.Diagnostics;
using HomeNode.App.Queue;
using HomeNode.App.Topics;
using HomeNode.Mqtt;

namespace HomeNode.App.Runtime
{
    /// <summary>
    /// The firmware: one loop that keeps the MQTT connection (<see cref="ConnectionSupervisor"/>), reads the sensors and
    /// publishes their readings in order (<see cref="SensorSchedule"/>), switches lights from commands
    /// (<see cref="LightController"/>), says who it is (<see cref="Announcer"/>) and how it is doing
    /// (<see cref="DiagnosticsPublisher"/>). The same code runs on the board (device glue) and on a PC (simulator).
    /// </summary>
    /// <remarks>
    /// Everything is allocated in the constructor; <see cref="Poll"/> allocates nothing. Call <see cref="Poll"/> from
    /// one thread every few milliseconds; it blocks only as long as its transport's calls do (on the board: README,
    /// "Network time-outs").
    /// </remarks>
    public sealed class HomeNodeRuntime : IMqttHandler
    {
        public const string SoftwareVersion = "0.1.0";
        public const int PacketBufferBytes = 1024;
        public const int InflightSlots = 8;
        public const int InflightSlotBytes = 768;
        public const int IncomingQos2Slots = 4;
        public const int MaxReadingBytes = SensorSchedule.MaxReadingBytes;

        /// <summary>How long a light with power_on = restore waits for its retained state after connecting.</summary>
        public const int RestoreWaitMilliseconds = LightController.RestoreWaitMilliseconds;

        private readonly IMonotonicClock clock;
        private readonly MqttClient client;
        private readonly RuntimeCounters counters = new RuntimeCounters();
        private readonly ConnectionSupervisor supervisor;
        private readonly SensorSchedule sensors;
        private readonly LightController lights;
        private readonly Announcer announcer;
        private readonly DiagnosticsPublisher diagnostics;
        private readonly SubscriptionList subscriptions;
        private readonly RequestAnswerer answers;
        private bool started;
        private bool subscribePending;

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

            this.clock = clock;
            string clientId = config.Broker.ClientId;
            if (clientId == null || clientId.Length == 0)
            {
                clientId = BrokerSettings.DerivedClientIdPrefix + config.Device.Name;
            }

            this.ClientId = clientId;

            TopicAliasTable readingAliases = SensorSchedule.ReadingAliases(config.Sensors, config.Broker.Protocol);
            this.client = new MqttClient(transport, clock, this, new byte[PacketBufferBytes], new byte[PacketBufferBytes], new InflightTable(InflightSlots, InflightSlotBytes, IncomingQos2Slots), null, readingAliases);
            this.answers = new RequestAnswerer(this.client, this.counters);
            byte[] scratch = new byte[PacketBufferBytes];
            this.sensors = new SensorSchedule(config.Sensors, hardware, config.Device.OfflineQueue, this.client, this.counters);
            this.lights = new LightController(config.Lights, hardware, this.client, this.counters, this.answers);
            this.announcer = new Announcer(config.Device, clientId, this.sensors.Sensors, this.lights.Lights, this.client, this.counters, scratch);
            this.subscriptions = new SubscriptionList(this.lights.MaxFilters + this.announcer.MaxFilters + 1);

            MqttConnectOptions options = RuntimeConnectOptions.For(config.Broker, clientId, this.announcer.StatusTopic, this.announcer.OfflinePayload);
            ReconnectBackoff backoff = new ReconnectBackoff(randomSeed, ReconnectBackoff.DefaultBaseMilliseconds, config.Broker.ReconnectMaxDelaySeconds * 1000);
            this.supervisor = new ConnectionSupervisor(this.client, options, config.Broker, clock, hardware, backoff, this.counters, log);
            string diagnosticsTopic = config.Device.BaseTopic + "/" + TopicLevels.Diag;
            this.diagnostics = new DiagnosticsPublisher(diagnosticsTopic, config.Device.DiagnosticsPeriodSeconds, hardware, this.sensors.Queue, this.client, this.counters, scratch, this.lights.Lights, this.supervisor.Fallback);
        }

        public string ClientId { get; private set; }

        public string StatusTopic
        {
            get { return this.announcer.StatusTopic; }
        }

        public string DiagnosticsTopic
        {
            get { return this.diagnostics.Topic; }
        }

        /// <summary>Where MQTT 5.0 requests for the diagnostics JSON go (answered on their Response Topic).</summary>
        public string DiagnosticsRequestTopic
        {
            get { return this.diagnostics.RequestTopic; }
        }

        /// <summary>The MQTT version of the current or next connection: the configured one, or 3.1.1 after a fall-back.</summary>
        public MqttProtocolVersion ProtocolVersion
        {
            get { return this.supervisor.Fallback.Version; }
        }

        public MqttClient Client
        {
            get { return this.client; }
        }

        public OfflineQueue Queue
        {
            get { return this.sensors.Queue; }
        }

        public SensorChannel[] Sensors
        {
            get { return this.sensors.Sensors; }
        }

        public LightChannel[] Lights
        {
            get { return this.lights.Lights; }
        }

        public RuntimeCounters Counters
        {
            get { return this.counters; }
        }

        public RuntimeStatus Status
        {
            get { return this.started ? this.supervisor.Status : RuntimeStatus.Stopped; }
        }

        /// <summary>Starts the loop: the next <see cref="Poll"/> connects and reads every sensor once.</summary>
        public void Start()
        {
            long now = this.clock.ElapsedMilliseconds;
            this.started = true;
            this.supervisor.Start(now);
            this.sensors.Start(now);
            this.diagnostics.Start(now);
        }

        /// <summary>Publishes "offline" (retained) and disconnects cleanly; <see cref="Start"/> may be called again.</summary>
        public void Stop()
        {
            if (this.client.IsConnected)
            {
                this.announcer.PublishOffline();
            }

            this.supervisor.Stop();
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
            this.supervisor.Manage(now);
            if (this.client.State != MqttConnectionState.Disconnected)
            {
                this.client.Poll();
            }

            this.sensors.ReadDue(now);
            if (this.client.IsConnected)
            {
                this.PublishPending(now);
            }
        }

        // ---- IMqttHandler ----

        [SteadyState]
        public void OnConnected(bool sessionPresent)
        {
            long now = this.clock.ElapsedMilliseconds;
            this.supervisor.OnConnected(now);
            this.lights.OnConnected(now);
            this.announcer.OnConnected();
            this.subscribePending = true;
        }

        [SteadyState]
        public void OnConnectionClosed(MqttStatus reason)
        {
            this.supervisor.OnConnectionClosed(reason, this.clock.ElapsedMilliseconds);
        }

        [SteadyState]
        public void OnMessage(MqttReceivedMessage message)
        {
            if (!this.diagnostics.AnswerIfRequest(message, this.answers, this.clock.ElapsedMilliseconds) && !this.lights.OnMessage(message))
            {
                this.announcer.OnMessage(message);
            }
        }

        [SteadyState]
        public void OnPublishAcknowledged(ushort packetId)
        {
            this.supervisor.AcknowledgementArrived(this.clock.ElapsedMilliseconds);
            this.counters.AcknowledgedPublishes++;
        }

        [SteadyState]
        public void OnSubscribeAcknowledged(ushort packetId, byte[] buffer, int offset, int count)
        {
            this.supervisor.AcknowledgementArrived(this.clock.ElapsedMilliseconds);
            this.counters.SubscriptionFailures += SubscriptionList.Refusals(buffer, offset, count);
            this.lights.OnSubscribeAcknowledged(packetId);
        }

        [SteadyState]
        public void OnUnsubscribeAcknowledged(ushort packetId)
        {
            this.supervisor.AcknowledgementArrived(this.clock.ElapsedMilliseconds);
            this.lights.OnUnsubscribeAcknowledged(packetId);
        }

        [SteadyState]
        public void OnNotice(MqttStatus notice)
        {
        }

        /// <summary>The connection ended before the broker answered: a SUBSCRIBE is sent again (an UNSUBSCRIBE the lights resend themselves).</summary>
        [SteadyState]
        public void OnRequestAbandoned(ushort packetId, MqttStatus reason)
        {
            if (reason == MqttStatus.SubscribeAbandoned)
            {
                this.subscribePending = true; // the SUBACK never came: subscribe again
            }
        }

        // ---- internals ----

        /// <summary>In this order, each step only once the one before is done: subscribe, birth, lights, discovery, readings, diagnostics.</summary>
        [SteadyState]
        private void PublishPending(long now)
        {
            if (this.subscribePending && !this.Subscribe())
            {
                return;
            }

            if (!this.announcer.PublishBirth() || !this.lights.Publish(now) || !this.announcer.PublishDiscovery() || !this.sensors.Drain())
            {
                return;
            }

            this.diagnostics.Publish(now);
        }

        /// <summary>The connection's one SUBSCRIBE; false while the client cannot take it.</summary>
        [SteadyState]
        private bool Subscribe()
        {
            this.subscriptions.Clear();
            bool version5 = this.supervisor.Fallback.Version == MqttProtocolVersion.V500;
            this.lights.AddFilters(this.subscriptions, version5);
            this.announcer.AddFilters(this.subscriptions);
            if (version5)
            {
                this.subscriptions.Add(this.diagnostics.RequestTopic, MqttQos.AtMostOnce); // a request is answered now or never
            }
            ushort packetId;
            MqttStatus status = this.subscriptions.Send(this.client, out packetId);
            if (status == MqttStatus.InflightFull || status == MqttStatus.SendInProgress)
            {
                return false;
            }

            this.lights.OnSubscribed(status, packetId, this.clock.ElapsedMilliseconds);

            if (status != MqttStatus.Ok)
            {
                this.counters.SubscriptionFailures++; // too long for the send buffer, or an invalid topic
            }

            this.subscribePending = false;
            return true;
        }
    }
}
