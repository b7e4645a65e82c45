namespace HomeNode.Mqtt
{
    public enum MqttConnectionState : byte
    {
        /// <summary>No network connection; <see cref="MqttClient.Connect"/> may be called.</summary>
        Disconnected = 0,

        /// <summary>CONNECT sent, waiting for CONNACK.</summary>
        Connecting = 1,

        /// <summary>CONNACK accepted; publish, subscribe and ping work.</summary>
        Connected = 2,
    }
}
