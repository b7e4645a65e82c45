namespace HomeNode.Mqtt
{
    /// <summary>
    /// Where <see cref="MqttSession"/> sends the packets it resends on reconnect: the client's send path, which
    /// tolerates partial writes and closes the connection on failure.
    /// </summary>
    public interface IPacketSender
    {
        /// <summary>
        /// Starts the packet. Ok: written, or started, and later polls write the rest from these same bytes (they must
        /// stay put); <see cref="MqttStatus.SendInProgress"/>: nothing written, because an earlier packet is not out
        /// yet (offer this one again later); anything else: the connection closed and said why.
        /// </summary>
        MqttStatus SendPacket(byte[] buffer, int offset, int count);
    }
}
