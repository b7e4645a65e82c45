namespace HomeNode.Mqtt
{
    /// <summary>
    /// What an MQTT 5.0 connection says beyond <see cref="IMqttHandler"/>: reason codes and the server's CONNACK,
    /// DISCONNECT and AUTH. A handler that also implements this interface gets these calls; one that does not works as
    /// with 3.1.1. Same contract as <see cref="IMqttHandler"/>: called from inside Poll, Connect or a send call on the
    /// caller's thread; views are valid until the next Poll.
    /// </summary>
    public interface IMqttVersion5Handler
    {
        /// <summary>
        /// The reason codes of an acknowledgement from the server, as bytes at <paramref name="buffer"/>[offset..offset+count):
        /// one for PUBACK, PUBREC, PUBREL and PUBCOMP (0x00 when the server left it out, §3.4.2.1), one per filter in
        /// order for SUBACK and UNSUBACK (§3.9.3, §3.11.3). Comes before the <see cref="IMqttHandler"/> call that ends
        /// the packet id. Codes of 0x80 and above are failures (§2.4).
        /// </summary>
        void OnReasonCodes(MqttPacketType packet, ushort packetId, byte[] buffer, int offset, int count);

        /// <summary>
        /// A CONNACK (accepted or not), DISCONNECT or AUTH from the server, before <see cref="IMqttHandler.OnConnected"/>
        /// or <see cref="IMqttHandler.OnConnectionClosed"/>; its reason code and properties are in <paramref name="server"/>.
        /// </summary>
        void OnServerPacket(MqttPacketType packet, MqttServerProperties server);
    }
}
