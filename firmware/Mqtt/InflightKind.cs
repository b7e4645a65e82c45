namespace HomeNode.Mqtt
{
    /// <summary>What an in-flight slot is waiting for (MQTT 3.1.1 §4.3).</summary>
    public enum InflightKind : byte
    {
        Free = 0,

        /// <summary>QoS 1 PUBLISH sent, PUBACK outstanding; resent with DUP=1 on reconnect.</summary>
        PublishAwaitingAck,

        /// <summary>QoS 2 PUBLISH sent, PUBREC outstanding; resent with DUP=1 on reconnect.</summary>
        PublishAwaitingReceived,

        /// <summary>PUBREL sent, PUBCOMP outstanding; PUBREL resent on reconnect.</summary>
        ReleaseAwaitingComplete,

        /// <summary>SUBSCRIBE sent, SUBACK outstanding.</summary>
        SubscribeAwaitingAck,

        /// <summary>UNSUBSCRIBE sent, UNSUBACK outstanding.</summary>
        UnsubscribeAwaitingAck,
    }
}
