using System;
using System.Text;
using HomeNode.Host;
using HomeNode.Host.Mosquitto;
using HomeNode.Mqtt;

namespace HomeNode.Tests.Host.Integration
{
    /// <summary>
    /// Our <see cref="MqttClient"/> over a real host transport with the host clock and a <see cref="MessageRecorder"/>,
    /// plus bounded helpers that poll it until the broker has answered. Not thread-safe: the test thread drives it.
    /// </summary>
    public sealed class IntegrationClient : IPollable, IDisposable
    {
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

        public IntegrationClient(string name, IMqttTransport transport, int bufferBytes = 4096, int inflightSlots = 8, int slotBytes = 4096, int receiveBytes = 0, int incomingSlots = 8, int incomingAliases = 0, int outgoingAliases = 0)
        {
            this.Name = name;
            this.Transport = new SeverableTransport(transport);
            this.Recorder = new MessageRecorder();
            this.Clock = new StopwatchClock();
            InflightTable inflight = new InflightTable(inflightSlots, slotBytes, incomingSlots);
            this.IncomingAliases = incomingAliases > 0 ? new TopicAliasTable(incomingAliases, 128) : null;
            this.OutgoingAliases = outgoingAliases > 0 ? new TopicAliasTable(outgoingAliases, 128) : null;
            this.Client = new MqttClient(this.Transport, this.Clock, this.Recorder, new byte[bufferBytes], new byte[receiveBytes > 0 ? receiveBytes : bufferBytes], inflight, this.IncomingAliases, this.OutgoingAliases);
        }

        public string Name { get; }

        public MqttClient Client { get; }

        /// <summary>MQTT 5.0 Topic Alias tables (null when the client was made without them).</summary>
        public TopicAliasTable IncomingAliases { get; }

        public TopicAliasTable OutgoingAliases { get; }

        public MessageRecorder Recorder { get; }

        public SeverableTransport Transport { get; }

        public StopwatchClock Clock { get; }

        /// <summary>A client over plain TCP to the broker's loopback listener.</summary>
        public static IntegrationClient Tcp(MosquittoBroker broker, string name, int bufferBytes = 4096, int inflightSlots = 8, int slotBytes = 4096, int receiveBytes = 0, int incomingSlots = 8)
        {
            return new IntegrationClient(name, new TcpTransport(new TransportOptions("127.0.0.1", broker.Port)), bufferBytes, inflightSlots, slotBytes, receiveBytes, incomingSlots);
        }

        /// <summary>A client over plain TCP to a loopback port, with MQTT 5.0 Topic Alias tables of the given sizes.</summary>
        public static IntegrationClient Tcp(int port, string name, int incomingAliases, int outgoingAliases, int receiveBytes = 0, int incomingSlots = 8)
        {
            return new IntegrationClient(name, new TcpTransport(new TransportOptions("127.0.0.1", port)), receiveBytes: receiveBytes, incomingSlots: incomingSlots, incomingAliases: incomingAliases, outgoingAliases: outgoingAliases);
        }

        /// <summary>MQTT 5.0 CONNECT options with a client id unique to this run.</summary>
        public static MqttConnectOptions Options5(string clientId, bool cleanStart = true, long sessionExpiry = 0)
        {
            MqttConnectOptions options = Options(clientId, cleanStart);
            options.ProtocolVersion = MqttProtocolVersion.V500;
            options.Properties = new MqttConnectProperties { SessionExpiryInterval = sessionExpiry };
            return options;
        }

        /// <summary>A client over TLS to the broker's TLS listener, trusting only the fixture's test CA.</summary>
        public static IntegrationClient Tls(MosquittoBroker broker, string name)
        {
            TlsOptions tls = new TlsOptions { CaCertificate = broker.CaCertificate, ServerName = "localhost" };
            return new IntegrationClient(name, new TlsTransport(new TransportOptions("127.0.0.1", broker.TlsPort), tls));
        }

        /// <summary>CONNECT options with a client id unique to this run, so tests sharing a broker never take over each other's sessions.</summary>
        public static MqttConnectOptions Options(string clientId, bool cleanSession = true)
        {
            return new MqttConnectOptions(clientId) { CleanSession = cleanSession, KeepAliveSeconds = 30 };
        }

        /// <summary>A client id of at most 23 bytes (always accepted, MQTT-3.1.3-5) that is unique to this run.</summary>
        public static string UniqueId(string stem)
        {
            string suffix = Guid.NewGuid().ToString("N").Substring(0, 8);
            if (stem.Length > 14)
            {
                stem = stem.Substring(0, 14);
            }

            return stem + "-" + suffix;
        }

        public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

        public void PollOnce()
        {
            if (this.Client.State != MqttConnectionState.Disconnected)
            {
                this.Client.Poll();
            }
        }

        public string Describe() => this.Name + " (" + this.Client.State + "): " + this.Recorder.Describe();

        /// <summary>Polls this client and <paramref name="others"/> until <paramref name="condition"/> holds; throws after the time-out.</summary>
        public void PollUntil(Func<bool> condition, TimeSpan timeout, string what, params IPollable[] others)
        {
            Polling.Until(condition, timeout, this.Name + ": " + what, this.With(others));
        }

        /// <summary>
        /// Connects and polls until CONNACK: Ok when accepted, otherwise why not (a refusal, time-out or transport
        /// status). Throws if neither happened within <paramref name="timeout"/>.
        /// </summary>
        public MqttStatus ConnectAndWait(MqttConnectOptions options, TimeSpan timeout)
        {
            int closesBefore = this.Recorder.CloseReasons.Length;
            MqttStatus status = this.Client.Connect(options);
            if (status != MqttStatus.Ok)
            {
                return status;
            }

            this.PollUntil(() => this.Client.State != MqttConnectionState.Connecting, timeout, "CONNACK");
            if (this.Client.IsConnected)
            {
                return MqttStatus.Ok;
            }

            MqttStatus[] closes = this.Recorder.CloseReasons;
            return closes.Length > closesBefore ? closes[closes.Length - 1] : MqttStatus.NotConnected;
        }

        /// <summary>Connects and insists on success.</summary>
        public void Connect(MqttConnectOptions options)
        {
            MqttStatus status = this.ConnectAndWait(options, DefaultTimeout);
            if (status != MqttStatus.Ok)
            {
                throw new InvalidOperationException(this.Name + " could not connect as " + options.ClientId + ": " + status + "\n" + this.Describe());
            }
        }

        /// <summary>Subscribes and waits for the SUBACK; returns its return code (granted QoS or 0x80).</summary>
        public byte SubscribeAndWait(string filter, MqttQos qos)
        {
            MqttStatus status = this.Client.Subscribe(filter, qos, out ushort packetId);
            Require(status, "SUBSCRIBE " + filter);
            this.PollUntil(() => this.Recorder.SubscribeCodes(packetId) != null, DefaultTimeout, "SUBACK for " + filter);
            return this.Recorder.SubscribeCodes(packetId)[0];
        }

        public void UnsubscribeAndWait(string filter)
        {
            MqttStatus status = this.Client.Unsubscribe(filter, out ushort packetId);
            Require(status, "UNSUBSCRIBE " + filter);
            this.PollUntil(() => this.Recorder.WasUnsubscribed(packetId), DefaultTimeout, "UNSUBACK for " + filter);
        }

        /// <summary>Publishes; for QoS 1 and 2 polls until the handshake has finished (the in-flight slot is free again).</summary>
        public void PublishAndWait(string topic, byte[] payload, MqttQos qos, bool retain = false)
        {
            MqttStatus status = this.Client.Publish(topic, payload, 0, payload.Length, qos, retain, out ushort packetId);
            Require(status, "PUBLISH " + topic);
            if (qos != MqttQos.AtMostOnce)
            {
                this.PollUntil(() => this.Client.Inflight.Find(packetId) < 0, DefaultTimeout, "acknowledgement of " + topic + " (packet id " + packetId + ")");
            }
        }

        public void PublishAndWait(string topic, string payload, MqttQos qos, bool retain = false)
        {
            this.PublishAndWait(topic, Utf8(payload), qos, retain);
        }

        /// <summary>Polls (with <paramref name="others"/>) until a message on <paramref name="topic"/> satisfies <paramref name="match"/>; returns it.</summary>
        public ReceivedMessage WaitForMessage(string topic, Func<ReceivedMessage, bool> match, TimeSpan timeout, params IPollable[] others)
        {
            ReceivedMessage found = null;
            this.PollUntil(
                () =>
                {
                    foreach (ReceivedMessage m in this.Recorder.On(topic))
                    {
                        if (match == null || match(m))
                        {
                            found = m;
                            return true;
                        }
                    }

                    return false;
                },
                timeout,
                "a matching message on " + topic,
                others);
            return found;
        }

        public ReceivedMessage WaitForMessage(string topic, params IPollable[] others) => this.WaitForMessage(topic, null, DefaultTimeout, others);

        public void Dispose()
        {
            if (this.Client.IsConnected)
            {
                this.Client.Disconnect();
            }
            else if (this.Client.State != MqttConnectionState.Disconnected)
            {
                this.Client.DropConnection();
            }

            this.Transport.Close();
            (this.Transport.Inner as IDisposable)?.Dispose();
        }

        private static void Require(MqttStatus status, string what)
        {
            if (status != MqttStatus.Ok)
            {
                throw new InvalidOperationException(what + " returned " + status);
            }
        }

        private IPollable[] With(IPollable[] others)
        {
            IPollable[] all = new IPollable[others.Length + 1];
            all[0] = this;
            Array.Copy(others, 0, all, 1, others.Length);
            return all;
        }
    }
}
