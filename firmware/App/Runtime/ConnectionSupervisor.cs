using HomeNode.App.Config;
using HomeNode.App.Connection;
using HomeNode.App.Diagnostics;
using HomeNode.Mqtt;

namespace HomeNode.App.Runtime
{
    /// <summary>
    /// Keeps the broker connection: waits for the network, sends CONNECT when the backoff allows and never more than one
    /// a second, counts and reports attempts, connections and losses.
    /// </summary>
    /// <remarks>
    /// The backoff grows with every CONNECT and starts again at its base only once a connection has lasted
    /// <see cref="StableConnectionMilliseconds"/>. A CONNACK alone proves little: a broker that accepts and then drops
    /// the link (a second board with the same client id, an ACL that disconnects on the first publish, a message the
    /// broker refuses every time it is resent) would otherwise get a CONNECT every second, each firing the will, and
    /// Home Assistant would see the node flap. A connection that dies sooner keeps the delay drawn for its CONNECT, so
    /// CONNECTs stay spaced by the growing backoff. Not thread-safe: the runtime loop owns it. Allocates nothing after
    /// construction.
    /// </remarks>
    public sealed class ConnectionSupervisor
    {
        /// <summary>AWS IoT Core: one CONNECT per second per client id.</summary>
        public const int MinimumConnectSpacingMilliseconds = 1000;

        /// <summary>
        /// How long a connection must last before its loss counts as an ordinary one and the backoff starts again at its
        /// base: a minute, the default keep-alive, so a link that carried a keep-alive round is a working one, and longer
        /// than any accept-then-drop a broker does on its own.
        /// </summary>
        public const int StableConnectionMilliseconds = 60000;

        private readonly MqttClient client;
        private readonly MqttConnectOptions options;
        private readonly BrokerSettings broker;
        private readonly IMonotonicClock clock;
        private readonly IDeviceHardware hardware;
        private readonly ReconnectBackoff backoff;
        private readonly RuntimeCounters counters;
        private readonly ILog log;
        private readonly AcknowledgementWatch acknowledgements;
        private readonly WillStepDown willStepDown;

        private bool everConnected;
        private bool networkDown;
        private bool connectionUp;
        private long connectedAt;
        private long nextConnectAt;
        private long lastConnectAttemptAt = -MinimumConnectSpacingMilliseconds;

        /// <param name="broker">Where the log says it connects to.</param>
        /// <param name="log">Told about network and broker connection changes; null reports nothing.</param>
        public ConnectionSupervisor(MqttClient client, MqttConnectOptions options, BrokerSettings broker, IMonotonicClock clock, IDeviceHardware hardware, ReconnectBackoff backoff, RuntimeCounters counters, ILog log)
        {
            this.client = client;
            this.options = options;
            this.broker = broker;
            this.clock = clock;
            this.hardware = hardware;
            this.backoff = backoff;
            this.counters = counters;
            this.log = log;
            this.acknowledgements = new AcknowledgementWatch(options.KeepAliveSeconds);
            this.Fallback = new ProtocolFallback(options, broker, counters, log);
            this.willStepDown = new WillStepDown(options, log);
        }

        /// <summary>The MQTT version of the next CONNECT, and the one fall-back from 5.0 to 3.1.1.</summary>
        public ProtocolFallback Fallback { get; private set; }

        /// <summary>When the next CONNECT may go out (monotonic milliseconds); a test's view of the backoff.</summary>
        public long NextConnectAt
        {
            get { return this.nextConnectAt; }
        }

        /// <summary>Where the connection stands (the runtime says <see cref="RuntimeStatus.Stopped"/> itself).</summary>
        public RuntimeStatus Status
        {
            get
            {
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

        /// <summary>The next <see cref="Manage"/> may connect at once (still one CONNECT a second at most).</summary>
        public void Start(long now)
        {
            this.nextConnectAt = now;
        }

        /// <summary>Disconnects cleanly if connected (after the caller said goodbye), else drops what is half open.</summary>
        public void Stop()
        {
            if (this.client.IsConnected)
            {
                this.client.Disconnect();
            }
            else if (this.client.State != MqttConnectionState.Disconnected)
            {
                this.client.DropConnection();
            }
        }

        /// <summary>Once per loop turn, before the client's poll: follows the network and connects when it is time.</summary>
        [SteadyState]
        public void Manage(long now)
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
            if (this.client.IsConnected)
            {
                if (this.acknowledgements.Stalled(now, this.client.Inflight.Count, this.log))
                {
                    this.counters.AcknowledgementStalls++;
                    this.client.DropConnection();
                }

                return;
            }

            if (this.client.State != MqttConnectionState.Disconnected || now < this.nextConnectAt || now - this.lastConnectAttemptAt < MinimumConnectSpacingMilliseconds)
            {
                return;
            }

            // If this attempt fails, or the connection does not last, the next one waits for this delay.
            this.nextConnectAt = now + this.backoff.NextDelayMilliseconds(); // never below 1 s (ReconnectBackoff.MinimumMilliseconds)
            if (this.log != null)
            {
                this.log.Write("mqtt: connecting to ");
                this.log.Write(this.broker.Host);
                this.log.Write(":");
                this.log.Write(this.broker.Port);
                this.log.Write(" as ");
                this.log.WriteLine(this.options.ClientId);
            }

            MqttStatus status = this.client.Connect(this.options);

            // The one-a-second limit counts CONNECT packets, and CONNECT leaves at the end of Connect, after the TCP
            // connect and TLS handshake: space the next attempt from here, not from when this one started.
            this.lastConnectAttemptAt = this.clock.ElapsedMilliseconds;
            if (status == MqttStatus.TransportOpenFailed || status == MqttStatus.PacketTooLarge || status == MqttStatus.InvalidString || status == MqttStatus.NotSupported)
            {
                this.counters.FailedConnects++; // failed before the connection opened, so OnConnectionClosed did not count it
                this.ReportRetry("mqtt: connect failed: ", status, this.lastConnectAttemptAt);
            }
        }

        /// <summary>The broker acknowledged one of our packets (PUBACK, PUBCOMP, SUBACK, UNSUBACK): the connection works.</summary>
        [SteadyState]
        public void AcknowledgementArrived(long now)
        {
            this.acknowledgements.Progress(now, this.client.Inflight.Count);
        }

        /// <summary>CONNACK accepted the connection.</summary>
        [SteadyState]
        public void OnConnected(long now)
        {
            this.connectionUp = true;
            this.connectedAt = now;
            this.acknowledgements.Progress(now, 0);
            if (this.everConnected)
            {
                this.counters.Reconnects++;
            }

            this.everConnected = true;
            this.Fallback.OnConnected();
            if (this.log != null)
            {
                this.log.WriteLine(this.Fallback.Version == MqttProtocolVersion.V500 ? "mqtt: connected (MQTT 5.0)" : "mqtt: connected");
            }
        }

        /// <summary>The connection ended, or an attempt failed after the transport opened.</summary>
        [SteadyState]
        public void OnConnectionClosed(MqttStatus reason, long now)
        {
            bool wasUp = this.connectionUp;
            this.connectionUp = false;
            if (reason == MqttStatus.ClosedByClient)
            {
                if (this.log != null)
                {
                    this.log.WriteLine("mqtt: disconnected");
                }

                return;
            }

            if (!wasUp)
            {
                this.counters.FailedConnects++; // refused, no CONNACK in time, or the link broke before CONNACK
                if (!this.Fallback.OnRefused(reason))
                {
                    this.willStepDown.OnRefused(reason, this.client.Server);
                }
            }
            else if (now - this.connectedAt >= StableConnectionMilliseconds)
            {
                // An ordinary loss of a working link: start again at the base delay.
                this.backoff.Reset();
                this.RetryNoEarlierThan(now + this.backoff.NextDelayMilliseconds());
            }

            // Otherwise (a failed attempt, or a link that did not last) the delay Manage drew when it sent CONNECT stands:
            // drawing another here would double the backoff twice per attempt.

            this.ReportRetry(wasUp ? "mqtt: connection lost: " : "mqtt: connect failed: ", reason, now);
        }

        [SteadyState]
        private void RetryNoEarlierThan(long retryAt)
        {
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
    }
}
