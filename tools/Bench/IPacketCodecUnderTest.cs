namespace HomeNode.Bench
{
    /// <summary>A client's PUBLISH encoder and decoder measured in-process, without a socket (MQTT 3.1.1 §3.3).</summary>
    public interface IPacketCodecUnderTest
    {
        /// <summary>Writes a complete PUBLISH packet into <paramref name="buffer"/> from offset 0 and returns its length.</summary>
        int EncodePublish(string topic, byte[] payload, int qos, ushort packetId, byte[] buffer);

        /// <summary>Decodes the PUBLISH packet in buffer[0, count) and returns its payload length.</summary>
        int DecodePublish(byte[] buffer, int count);
    }
}
