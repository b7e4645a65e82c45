using System;
using nanoFramework.M2Mqtt;

namespace HomeNode.Tests.DeviceTiming
{
    /// <summary>
    /// M2Mqtt's network channel over one packet in memory: Receive copies the next bytes of <see cref="Load"/>ed
    /// packet, as its receive thread reads a socket (fixed header byte, remaining length byte by byte, then the rest).
    /// Only what the message parsers call is implemented.
    /// </summary>
    public sealed class MemoryChannel : IMqttNetworkChannel
    {
        private byte[] packet;
        private int position;

        public bool DataAvailable
        {
            get { return this.packet != null && this.position < this.packet.Length; }
        }

        public bool ValidateServerCertificate { get; set; }

        /// <summary>Makes <paramref name="bytes"/> the stream to read, from its first byte.</summary>
        public void Load(byte[] bytes)
        {
            this.packet = bytes;
            this.position = 0;
        }

        /// <summary>Reads the first byte (the fixed header's), as M2Mqtt's receive thread does before it picks a parser.</summary>
        public byte ReadFixedHeader()
        {
            return this.packet[this.position++];
        }

        public int Receive(byte[] buffer)
        {
            int count = buffer.Length;
            if (count > this.packet.Length - this.position)
            {
                count = this.packet.Length - this.position;
            }

            Array.Copy(this.packet, this.position, buffer, 0, count);
            this.position += count;
            return count;
        }

        public int Receive(byte[] buffer, int timeout)
        {
            return this.Receive(buffer);
        }

        public int Send(byte[] buffer)
        {
            return buffer.Length;
        }

        public void Close()
        {
        }

        public void Connect()
        {
        }

        public void Accept()
        {
        }
    }
}
