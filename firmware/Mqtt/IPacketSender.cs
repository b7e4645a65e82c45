namespace HomeNode.Mqtt
{
    /// <summary>
    /// Where <see cref="MqttSession"/> sends the packets it resends on reconnect: the client's send path, which
    /// tolerates partial writes and closes the connection on failure.
    /// </summary>
    public interface IPacketSender
    {
        /// <summary>Writes the whole packet; anything but Ok means the connection closed and said why.</summary>
        MqttStatus SendPacket(byte[] buffer, int offset, int count);
    }
}
