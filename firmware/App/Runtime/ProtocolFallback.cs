using HomeNode.App.Config;
using HomeNode.App.Diagnostics;
using HomeNode.Mqtt;

namespace HomeNode.App.Runtime
{
    /// <summary>
    /// <c>protocol = 5</c> against a broker that does not speak MQTT 5.0: the connection goes on with 3.1.1, once, until
    /// restart, and the node says so (a log line, <see cref="RuntimeCounters.ProtocolFallbacks"/> in diagnostics).
    /// </summary>
    /// <remarks>
    /// What counts as "does not speak 5.0" (the client's statuses): a CONNACK refusing with 0x84 Unsupported Protocol
    /// Version (MQTT 5.0 §3.2.2.2), a 3.1.1 CONNACK with return code 0x01 answering our 5.0 CONNECT (MQTT 3.1.1
    /// §3.1.2.2: a server that does not support the level answers so and closes), both
    /// <see cref="MqttStatus.RefusedProtocolVersion"/>; and the connection closed after CONNECT before any CONNACK
    /// (<see cref="MqttStatus.ClosedBeforeConnAck"/>; MQTT 3.1.1 §3.1.2.2 allows a server to close without answering,
    /// and §4.13 lets it close on a packet it cannot read), but only while no 5.0 CONNACK has come since start: a
    /// broker that took 5.0 before and drops a later CONNECT is restarting or refusing us, not the version. The 3.1.1
    /// CONNECT keeps the session choice: clean_session, or with protocol = 5 a clean session when session_expiry is 0.
    /// </remarks>
    public sealed class ProtocolFallback
    {
        private readonly MqttConnectOptions options;
        private readonly BrokerSettings broker;
        private readonly RuntimeCounters counters;
        private readonly ILog log;
        private bool version5Accepted;

        public ProtocolFallback(MqttConnectOptions options, BrokerSettings broker, RuntimeCounters counters, ILog log)
        {
            this.options = options;
            this.broker = broker;
            this.counters = counters;
            this.log = log;
        }

        /// <summary>The version the next CONNECT uses.</summary>
        public MqttProtocolVersion Version
        {
            get { return this.options.ProtocolVersion; }
        }

        /// <summary>CONNACK accepted the connection.</summary>
        [SteadyState]
        public void OnConnected()
        {
            if (this.options.ProtocolVersion == MqttProtocolVersion.V500)
            {
                this.version5Accepted = true;
            }
        }

        /// <summary>A connection attempt ended before CONNACK accepted it; true when the next one goes with 3.1.1 because of it.</summary>
        [SteadyState]
        public bool OnRefused(MqttStatus reason)
        {
            if (this.options.ProtocolVersion != MqttProtocolVersion.V500)
            {
                return false;
            }

            if (reason != MqttStatus.RefusedProtocolVersion && !(reason == MqttStatus.ClosedBeforeConnAck && !this.version5Accepted))
            {
                return false;
            }

            this.options.ProtocolVersion = MqttProtocolVersion.V311;
            this.options.CleanSession = this.broker.CleanSession;
            this.counters.ProtocolFallbacks++;
            if (this.log != null)
            {
                this.log.Write("mqtt: the broker does not take MQTT 5.0 (");
                MqttStatusName.Write(this.log, reason);
                this.log.WriteLine("); using MQTT 3.1.1 until restart");
            }

            return true;
        }
    }
}
