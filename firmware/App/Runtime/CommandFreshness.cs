using HomeNode.Mqtt;

namespace HomeNode.App.Runtime
{
    /// <summary>
    /// Whether a light command is still one to carry out (README, "Light commands are not replayed"): with a Message
    /// Expiry Interval (MQTT 5.0 §3.3.2.3.3; the broker forwards what is left of it) only while time is left, whenever
    /// it comes; without one not between CONNACK and the connection's SUBACK, when it is one the broker kept for the
    /// session while the node was away.
    /// </summary>
    internal static class CommandFreshness
    {
        /// <summary>Null when <paramref name="message"/> is to be carried out, else why not (counted).</summary>
        [SteadyState]
        public static string Refusal(MqttReceivedMessage message, bool beforeSubAck, RuntimeCounters counters)
        {
            bool expires = message.MessageExpiryInterval >= 0;
            if (expires && message.MessageExpiryInterval == 0)
            {
                counters.ExpiredCommands++;
                return RequestAnswerer.ExpiredCommand;
            }

            if (beforeSubAck && !expires)
            {
                counters.StaleCommands++;
                return RequestAnswerer.StaleCommand;
            }

            return null;
        }
    }
}
