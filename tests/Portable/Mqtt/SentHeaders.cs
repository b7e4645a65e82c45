using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>
    /// The first byte and packet id of each whole packet a scripted transport took since its last ClearSent, in order:
    /// what the session's resend walk sent through a real client. Packets shorter than 128 bytes (a one-byte Remaining
    /// Length), as the session tests write. (HomeNode.Tests.Runtime.SentPackets decodes whole packets, but it is
    /// compiled into the runtime suite's assembly; the session tests need only these two things.)
    /// </summary>
    public sealed class SentHeaders
    {
        public readonly byte[] Headers = new byte[16];
        public readonly int[] Ids = new int[16];
        public int Count;

        public SentHeaders(ScriptedTransport transport)
        {
            byte[] sent = transport.SentBytes;
            int offset = 0;
            while (offset + 2 <= transport.SentCount && offset + 2 + sent[offset + 1] <= transport.SentCount)
            {
                this.Headers[this.Count] = sent[offset];
                // PUBLISH: the id follows the topic (MQTT 3.1.1 §3.3.2); every other packet here starts with it (§2.3.1).
                int idOffset = (sent[offset] >> 4) == (int)MqttPacketType.Publish ? offset + 4 + ((sent[offset + 2] << 8) | sent[offset + 3]) : offset + 2;
                this.Ids[this.Count] = (sent[idOffset] << 8) | sent[idOffset + 1];
                this.Count++;
                offset += 2 + sent[offset + 1];
            }
        }
    }
}
