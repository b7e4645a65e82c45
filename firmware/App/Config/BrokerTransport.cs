namespace HomeNode.App.Config
{
    /// <summary>How the MQTT bytes travel to the broker (<c>[broker] transport</c>); TLS is a separate switch for both.</summary>
    public enum BrokerTransport
    {
        /// <summary>MQTT straight over TCP (or TLS): ports 1883 and 8883.</summary>
        Tcp = 0,

        /// <summary>MQTT over WebSockets (MQTT 3.1.1 §6): ws, or wss with TLS; ports 80 and 443.</summary>
        WebSocket = 1,
    }
}
