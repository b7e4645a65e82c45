namespace HomeNode.Mqtt
{
    /// <summary>The MQTT 5.0 Subscription Options byte of one SUBSCRIBE filter (§3.8.3.1).</summary>
    public static class SubscriptionOptions
    {
        /// <summary>Retain Handling 0: send retained messages at subscribe; 1: only if the subscription is new; 2: never.</summary>
        public const int SendRetained = 0;
        public const int SendRetainedIfNew = 1;
        public const int DoNotSendRetained = 2;

        /// <summary>
        /// The options byte: maximum QoS, No Local (our own publications are not sent back to us), Retain As Published
        /// (keep the RETAIN flag as published), Retain Handling (0-2); bits 6-7 are reserved and 0 [MQTT-3.8.3-5].
        /// </summary>
        [SteadyState]
        public static byte Encode(MqttQos qos, bool noLocal, bool retainAsPublished, int retainHandling)
        {
            int value = (int)qos;
            if (noLocal)
            {
                value |= 0x04;
            }

            if (retainAsPublished)
            {
                value |= 0x08;
            }

            if (retainHandling < SendRetained || retainHandling > DoNotSendRetained)
            {
                throw new System.ArgumentOutOfRangeException("retainHandling", "0, 1 or 2 (3 is a Protocol Error, MQTT 5.0 §3.8.3.1)");
            }

            return (byte)(value | (retainHandling << 4));
        }
    }
}
