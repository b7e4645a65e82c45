namespace HomeNode.Mqtt
{
    /// <summary>
    /// A byte stream to the broker (TCP, TLS, or WebSockets over either: HomeNode.Mqtt.WebSockets). The client never creates threads;
    /// it calls these methods from whichever thread calls <see cref="MqttClient.Poll"/>.
    /// </summary>
    /// <remarks>
    /// Contract:
    /// <list type="bullet">
    /// <item><see cref="Open"/> establishes a fresh connection (closing any previous one) and returns true on success.
    /// It may block for the connect and TLS handshake time-out of the implementation.</item>
    /// <item><see cref="Send"/> writes up to <c>count</c> bytes and returns how many it wrote (a partial write is allowed),
    /// 0 when nothing can be written right now, or a negative number when the connection is closed or broken. It
    /// should not block for long (a blocking socket bounds its own wait with a send time-out). The client never
    /// waits or sleeps for it: on a partial write or 0 it keeps the rest where it lies (its send buffer or the
    /// packet's in-flight slot), starts no other packet, and offers the rest again at the next Poll; if no byte is
    /// taken for <see cref="MqttConnectOptions.SendTimeoutMilliseconds"/> it closes the connection with
    /// <see cref="MqttStatus.SendTimeout"/>.</item>
    /// <item><see cref="Receive"/> never blocks: it returns the number of bytes copied (at least 1), 0 when nothing
    /// has arrived yet, or a negative number when the peer closed the connection or it broke.</item>
    /// <item><see cref="Close"/> is idempotent and never throws.</item>
    /// <item>No method allocates per call once the connection is open.</item>
    /// </list>
    /// </remarks>
    public interface IMqttTransport
    {
        bool Open();

        int Send(byte[] buffer, int offset, int count);

        int Receive(byte[] buffer, int offset, int count);

        void Close();
    }
}
