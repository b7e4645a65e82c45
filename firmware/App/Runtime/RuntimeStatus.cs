namespace HomeNode.App.Runtime
{
    public enum RuntimeStatus : byte
    {
        Stopped = 0,

        /// <summary>The network (Wi-Fi) is down; MQTT waits for it.</summary>
        WaitingForNetwork,

        /// <summary>Backing off before the next CONNECT.</summary>
        WaitingToReconnect,

        /// <summary>CONNECT sent, waiting for CONNACK.</summary>
        Connecting,

        /// <summary>Connected to the broker.</summary>
        Online,
    }
}
