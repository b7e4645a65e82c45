using HomeNode.App.Diagnostics;
using HomeNode.Mqtt;

namespace HomeNode.App.Runtime
{
    /// <summary>
    /// An MQTT 5.0 broker that refuses the node's will: its availability will goes at QoS 1 and retained, and a broker
    /// whose Maximum QoS is 0 must refuse that CONNECT with 0x9B QoS not supported [MQTT-3.2.2-12], one without retained
    /// messages with 0x9A Retain not supported [MQTT-3.2.2-13] (MQTT 5.0 §3.2.2.2). Without this the node would never be
    /// let in; with it the next CONNECT asks for less (QoS 0, or not retained), until restart, and the log says so.
    /// </summary>
    internal sealed class WillStepDown
    {
        private const int RetainNotSupported = 0x9A;
        private const int QosNotSupported = 0x9B;

        private readonly MqttConnectOptions options;
        private readonly ILog log;

        public WillStepDown(MqttConnectOptions options, ILog log)
        {
            this.options = options;
            this.log = log;
        }

        /// <summary>A connection attempt ended before CONNACK accepted it; true when the next CONNECT's will asks for less because of it.</summary>
        [SteadyState]
        public bool OnRefused(MqttStatus reason, MqttServerProperties server)
        {
            if (reason != MqttStatus.RefusedByServer || this.options.WillTopic == null)
            {
                return false;
            }

            if (server.ReasonCode == QosNotSupported && this.options.WillQos != MqttQos.AtMostOnce)
            {
                this.options.WillQos = MqttQos.AtMostOnce;
                this.Say("mqtt: the broker takes no will at QoS 1 (0x9B QoS not supported); the will goes at QoS 0 until restart");
                return true;
            }

            if (server.ReasonCode == RetainNotSupported && this.options.WillRetain)
            {
                this.options.WillRetain = false;
                this.Say("mqtt: the broker keeps no retained messages (0x9A Retain not supported); the will goes unretained until restart");
                return true;
            }

            return false;
        }

        private void Say(string line)
        {
            if (this.log != null)
            {
                this.log.WriteLine(line);
            }
        }
    }
}
