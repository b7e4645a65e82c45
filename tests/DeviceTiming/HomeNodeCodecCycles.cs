using HomeNode.Mqtt;
using HomeNode.Tests;

namespace HomeNode.Tests.DeviceTiming
{
    /// <summary>
    /// The same packet work as <see cref="M2MqttCodecCycles"/>, through our codec alone (PacketWriter, PacketReader),
    /// so the two encode/decode figures compare like with like: QoS 0 = a PUBLISH written and one framed and read
    /// (the topic as UTF-8 bytes prepared once, as our client and firmware take it; M2Mqtt takes a string and encodes
    /// it with the runtime's native UTF-8 encoder each time); QoS 1 adds the PUBACK read for our publish and the PUBACK written for the
    /// incoming one. Allocates nothing per cycle.
    /// </summary>
    public sealed class HomeNodeCodecCycles
    {
        private readonly byte[] topic = HexBytes.Ascii("ourhome/firstfloor/kitchen/temperature");

        private readonly MqttQos qos;
        private readonly PacketWriter writer = new PacketWriter(MqttProtocolVersion.V311);
        private readonly PacketReader reader = new PacketReader(MqttProtocolVersion.V311);
        private readonly byte[] payload = new byte[] { 0x32, 0x31, 0x2E, 0x35 };
        private readonly byte[] output = new byte[128];
        private readonly byte[] incoming = new byte[64];
        private readonly byte[] acknowledgement = new byte[] { 0x40, 0x02, 0x00, 0x07 };
        private readonly int incomingLength;
        private int received;

        public HomeNodeCodecCycles(bool qos1)
        {
            this.qos = qos1 ? MqttQos.AtLeastOnce : MqttQos.AtMostOnce;

            // the same incoming PUBLISH as the other cycles (topic a/bc, payload "21.5")
            this.incomingLength = this.writer.WritePublish(this.incoming, 0, this.incoming.Length, "a/bc", this.payload, 0, this.payload.Length, this.qos, false, false, qos1 ? (ushort)7 : (ushort)0);
        }

        /// <summary>PUBLISH packets read with the expected payload length so far.</summary>
        public int Received
        {
            get { return this.received; }
        }

        public void Run(int count)
        {
            int headerSize;
            int remaining;
            for (int i = 0; i < count; i++)
            {
                ushort id = this.qos == MqttQos.AtMostOnce ? (ushort)0 : (ushort)((i % 65535) + 1);
                this.writer.WritePublish(this.output, 0, this.output.Length, this.topic, 0, this.topic.Length, this.payload, 0, this.payload.Length, this.qos, false, false, id);

                if (this.qos != MqttQos.AtMostOnce)
                {
                    PacketReader.TryReadFrame(this.acknowledgement, 0, this.acknowledgement.Length, out headerSize, out remaining);
                    this.reader.Read(this.acknowledgement, 0, headerSize, remaining);
                }

                if (PacketReader.TryReadFrame(this.incoming, 0, this.incomingLength, out headerSize, out remaining) > 0
                    && this.reader.Read(this.incoming, 0, headerSize, remaining) == MqttStatus.Ok
                    && this.reader.PayloadLength == this.payload.Length)
                {
                    this.received++;
                }

                if (this.qos != MqttQos.AtMostOnce)
                {
                    this.writer.WriteAcknowledgement(this.output, 0, MqttPacketType.PubAck, this.reader.PacketId);
                }
            }
        }
    }
}
