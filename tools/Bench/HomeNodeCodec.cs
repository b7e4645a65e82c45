using System;
using HomeNode.Host;
using HomeNode.Mqtt;

namespace HomeNode.Bench
{
    /// <summary>
    /// Our client's PUBLISH path without a socket. Encode: <see cref="PacketWriter.WritePublish(byte[], int, int, string, byte[], int, int, MqttQos, bool, bool, ushort, MqttPublishProperties)"/>
    /// into a buffer. Decode: the packet goes through <see cref="MqttClient.Poll"/> on an in-memory transport, so it is
    /// the client's own receive path: copy into the receive buffer, frame (remaining length), validate the topic, hand
    /// the handler a view of topic and payload, and (QoS 1) write the PUBACK.
    /// </summary>
    public sealed class HomeNodeCodec : IPacketCodecUnderTest, IMqttHandler
    {
        private static readonly byte[] ConnAck = { 0x20, 0x02, 0x00, 0x00 };

        private readonly PacketWriter writer = new PacketWriter(MqttProtocolVersion.V311);
        private readonly LoopbackPacketTransport transport = new LoopbackPacketTransport();
        private readonly MqttClient client;
        private int lastPayloadLength;

        public HomeNodeCodec()
        {
            PolledClientConfiguration configuration = PolledClientConfiguration.Bench;
            client = new MqttClient(
                transport,
                new StopwatchClock(),
                this,
                new byte[configuration.SendBufferBytes],
                new byte[configuration.ReceiveBufferBytes],
                new InflightTable(configuration.InflightSlots, configuration.InflightSlotBytes, configuration.IncomingQos2Slots));
            client.Connect(new MqttConnectOptions("bench-codec"));
            transport.Load(ConnAck, 0, ConnAck.Length);
            client.Poll();
            if (!client.IsConnected)
            {
                throw new InvalidOperationException("in-memory CONNACK not accepted");
            }
        }

        public int EncodePublish(string topic, byte[] payload, int qos, ushort packetId, byte[] buffer)
        {
            return writer.WritePublish(buffer, 0, buffer.Length, topic, payload, 0, payload.Length, (MqttQos)qos, false, false, qos == 0 ? (ushort)0 : packetId);
        }

        public int DecodePublish(byte[] buffer, int count)
        {
            lastPayloadLength = -1;
            transport.Load(buffer, 0, count);
            client.Poll();
            return lastPayloadLength;
        }

        void IMqttHandler.OnConnected(bool sessionPresent)
        {
        }

        void IMqttHandler.OnConnectionClosed(MqttStatus reason)
        {
        }

        void IMqttHandler.OnMessage(MqttReceivedMessage message)
        {
            lastPayloadLength = message.PayloadLength;
        }

        void IMqttHandler.OnPublishAcknowledged(ushort packetId)
        {
        }

        void IMqttHandler.OnSubscribeAcknowledged(ushort packetId, byte[] buffer, int offset, int count)
        {
        }

        void IMqttHandler.OnUnsubscribeAcknowledged(ushort packetId)
        {
        }

        void IMqttHandler.OnNotice(MqttStatus notice)
        {
        }

        void IMqttHandler.OnRequestAbandoned(ushort packetId, MqttStatus reason)
        {
        }
    }
}
