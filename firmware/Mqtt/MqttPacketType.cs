namespace HomeNode.Mqtt
{
    /// <summary>Control packet types, the high nibble of the fixed header (MQTT 3.1.1 §2.2.1).</summary>
    public enum MqttPacketType : byte
    {
        Connect = 1,
        ConnAck = 2,
        Publish = 3,
        PubAck = 4,
        PubRec = 5,
        PubRel = 6,
        PubComp = 7,
        Subscribe = 8,
        SubAck = 9,
        Unsubscribe = 10,
        UnsubAck = 11,
        PingReq = 12,
        PingResp = 13,
        Disconnect = 14,

        /// <summary>MQTT 5.0 only (§3.15): enhanced authentication exchange.</summary>
        Auth = 15,
    }
}
