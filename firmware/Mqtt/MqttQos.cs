namespace HomeNode.Mqtt
{
    /// <summary>Quality of service levels, MQTT 3.1.1 §4.3.</summary>
    public enum MqttQos : byte
    {
        AtMostOnce = 0,
        AtLeastOnce = 1,
        ExactlyOnce = 2,
    }
}
