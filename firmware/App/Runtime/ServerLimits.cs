using HomeNode.Mqtt;

namespace HomeNode.App.Runtime
{
    /// <summary>
    /// What the broker's CONNACK allows a PUBLISH to ask for: Maximum QoS (MQTT 5.0 §3.2.2.3.4) and Retain Available
    /// (§3.2.2.3.5). The client refuses a PUBLISH above them and sends nothing (<see cref="MqttStatus.QosNotSupported"/>,
    /// <see cref="MqttStatus.RetainNotSupported"/>, [MQTT-3.2.2-11], [MQTT-3.2.2-14]), so the firmware asks for no more
    /// than the broker takes: a reading at QoS 0 or a state that is not retained still reaches every subscriber that is
    /// online, where a refused one reaches nobody and a reading would be lost. A 3.1.1 CONNACK states no limits (the
    /// client keeps QoS 2 and retained), so nothing changes there.
    /// </summary>
    internal static class ServerLimits
    {
        /// <summary><paramref name="wanted"/>, or the broker's Maximum QoS when that is lower.</summary>
        [SteadyState]
        public static MqttQos Qos(MqttClient client, MqttQos wanted)
        {
            int maximum = client.Server.MaximumQos;
            return (int)wanted > maximum ? (MqttQos)maximum : wanted;
        }

        /// <summary><paramref name="wanted"/>, unless the broker keeps no retained messages.</summary>
        [SteadyState]
        public static bool Retain(MqttClient client, bool wanted)
        {
            return wanted && client.Server.RetainAvailable;
        }
    }
}
