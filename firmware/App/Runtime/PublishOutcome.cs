using HomeNode.Mqtt;

namespace HomeNode.App.Runtime
{
    /// <summary>What the runtime's parts make of the client's answer to a publish.</summary>
    internal static class PublishOutcome
    {
        /// <summary>
        /// True when the client took the packet or refused it for good (counted as rejected: too large, an invalid topic);
        /// false when it cannot take it now (in-flight table full, not connected, send timed out) and it is tried again on
        /// a later poll.
        /// </summary>
        [SteadyState]
        public static bool Settled(MqttStatus status, RuntimeCounters counters)
        {
            if (status == MqttStatus.Ok)
            {
                return true;
            }

            if (status == MqttStatus.InflightFull || status == MqttStatus.SendInProgress || status == MqttStatus.NotConnected || status == MqttStatus.TransportClosed || status == MqttStatus.SendTimeout)
            {
                return false;
            }

            counters.RejectedPublishes++;
            return true;
        }
    }
}
