using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace HomeNode.Tests.DeviceTiming
{
    /// <summary>
    /// The packet work of one publish+receive cycle through nanoFramework.M2Mqtt 5.1's own message classes, without
    /// its client: its MqttClient opens a socket in its constructor (no networking on the host nanoCLR) and runs
    /// receive, keep-alive, dispatch and in-flight threads around these calls. So this is its encode/decode alone,
    /// a lower bound of its cycle: QoS 0 = a PUBLISH encoded (GetBytes) and one parsed; QoS 1 adds the PUBACK it
    /// parses for its publish and the PUBACK it encodes for the incoming one.
    /// </summary>
    public sealed class M2MqttCodecCycles
    {
        private const string Topic = "ourhome/firstfloor/kitchen/temperature";

        private readonly MqttQoSLevel qos;
        private readonly byte[] payload = new byte[] { 0x32, 0x31, 0x2E, 0x35 };
        private readonly byte[] incoming;
        private readonly byte[] acknowledgement = new byte[] { 0x40, 0x02, 0x00, 0x07 };
        private readonly MemoryChannel channel = new MemoryChannel();
        private int received;

        public M2MqttCodecCycles(bool qos1)
        {
            this.qos = qos1 ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.AtMostOnce;

            // the same incoming PUBLISH as our cycle's (topic a/bc, payload "21.5"), built by M2Mqtt itself
            MqttMsgPublish message = new MqttMsgPublish("a/bc", this.payload, false, this.qos, false);
            message.MessageId = 7;
            this.incoming = message.GetBytes(MqttProtocolVersion.Version_3_1_1);
        }

        /// <summary>Messages parsed with the expected payload length so far.</summary>
        public int Received
        {
            get { return this.received; }
        }

        public void Run(int count)
        {
            for (int i = 0; i < count; i++)
            {
                MqttMsgPublish publish = new MqttMsgPublish(Topic, this.payload, false, this.qos, false);
                if (this.qos != MqttQoSLevel.AtMostOnce)
                {
                    publish.MessageId = (ushort)((i % 65535) + 1);
                }

                publish.GetBytes(MqttProtocolVersion.Version_3_1_1);

                if (this.qos != MqttQoSLevel.AtMostOnce)
                {
                    this.channel.Load(this.acknowledgement);
                    MqttMsgPuback.Parse(this.channel.ReadFixedHeader(), MqttProtocolVersion.Version_3_1_1, this.channel);
                }

                this.channel.Load(this.incoming);
                MqttMsgPublish parsed = MqttMsgPublish.Parse(this.channel.ReadFixedHeader(), MqttProtocolVersion.Version_3_1_1, this.channel);
                if (parsed.Message != null && parsed.Message.Length == this.payload.Length)
                {
                    this.received++;
                }

                if (this.qos != MqttQoSLevel.AtMostOnce)
                {
                    MqttMsgPuback answer = new MqttMsgPuback();
                    answer.MessageId = parsed.MessageId;
                    answer.GetBytes(MqttProtocolVersion.Version_3_1_1);
                }
            }
        }
    }
}
