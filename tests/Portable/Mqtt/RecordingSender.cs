using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>Keeps the first byte and packet id of each packet the session resends, in order; can fail the n-th send.</summary>
    public sealed class RecordingSender : IPacketSender
    {
        public readonly byte[] Headers = new byte[16];
        public readonly int[] Ids = new int[16];
        public int Count;

        /// <summary>Sends after which <see cref="SendPacket"/> fails with TransportClosed; -1 never.</summary>
        public int FailAfter = -1;

        /// <summary>Sends after which <see cref="SendPacket"/> says SendInProgress (nothing written); -1 never.</summary>
        public int BusyAfter = -1;

        public MqttStatus SendPacket(byte[] buffer, int offset, int count)
        {
            if (this.BusyAfter >= 0 && this.Count >= this.BusyAfter)
            {
                return MqttStatus.SendInProgress;
            }

            if (this.FailAfter >= 0 && this.Count >= this.FailAfter)
            {
                return MqttStatus.TransportClosed;
            }

            this.Headers[this.Count] = buffer[offset];
            int idOffset = (buffer[offset] >> 4) == (int)MqttPacketType.Publish ? offset + 4 + ((buffer[offset + 2] << 8) | buffer[offset + 3]) : offset + 2;
            this.Ids[this.Count] = (buffer[idOffset] << 8) | buffer[idOffset + 1];
            this.Count++;
            return MqttStatus.Ok;
        }
    }
}
