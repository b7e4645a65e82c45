namespace HomeNode.Mqtt
{
    /// <summary>What <see cref="ConnectionTimers.Due"/> says the client must do now.</summary>
    public enum TimerAction
    {
        None,

        /// <summary>Send PINGREQ (§3.1.2.10).</summary>
        SendPing,

        /// <summary>No CONNACK within the connect time-out: close.</summary>
        ConnectTimedOut,

        /// <summary>No PINGRESP within the ping time-out: the link is dead, close.</summary>
        PingTimedOut,

        /// <summary>The transport took no byte of a started packet within the send time-out: close.</summary>
        SendTimedOut,
    }
}
