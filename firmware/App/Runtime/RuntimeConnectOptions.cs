using HomeNode.App.Config;
using HomeNode.Mqtt;

namespace HomeNode.App.Runtime
{
    /// <summary>The runtime's CONNECT options from the <c>[broker]</c> section, with the announcer's availability as the will.</summary>
    internal static class RuntimeConnectOptions
    {
        /// <summary>The CONNECT the supervisor sends: <c>protocol</c>, the session as the version has it, and the will.</summary>
        public static MqttConnectOptions For(BrokerSettings broker, string clientId, string statusTopic, byte[] offlinePayload)
        {
            MqttConnectOptions options = new MqttConnectOptions(clientId);

            // Availability, as Home Assistant expects it: the broker publishes "offline" for us if we vanish.
            options.WillTopic = statusTopic;
            options.WillPayload = offlinePayload;
            options.WillQos = MqttQos.AtLeastOnce;
            options.WillRetain = true;
            options.ProtocolVersion = broker.Protocol;
            options.KeepAliveSeconds = broker.KeepAliveSeconds;
            options.Username = broker.Username;
            if (broker.Password != null)
            {
                options.Password = Utf8Bytes.Of(broker.Password);
            }

            if (broker.Protocol == MqttProtocolVersion.V500)
            {
                // MQTT 5.0 §3.1.2.4, §3.1.2.11.2: Clean Start only when nothing is to be kept; the session lives session_expiry
                options.CleanSession = broker.SessionExpirySeconds == 0;
                options.Properties = new MqttConnectProperties();
                options.Properties.SessionExpiryInterval = broker.SessionExpirySeconds;

                // The node subscribes at QoS 0 and 1 only and acknowledges a QoS 1 message as it reads it: a broker that
                // sends more than our Receive Maximum (§3.3.4, mosquitto 2.0.11 does for QoS 2) is tolerated, not dropped.
                options.EnforceReceiveMaximum = false;
            }
            else
            {
                options.CleanSession = broker.CleanSession;
            }

            return options;
        }
    }
}
