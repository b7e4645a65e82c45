using System;
using System.Buffers;
using MQTTnet.Adapter;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace HomeNode.Bench
{
    /// <summary>MQTTnet's own packet formatter (what its channel adapter calls per packet).</summary>
    public sealed class MqttNetCodec : IPacketCodecUnderTest
    {
        private readonly MqttPacketFormatterAdapter formatter = new MqttPacketFormatterAdapter(MqttProtocolVersion.V311, new MqttBufferWriter(4096, 65535));

        public int EncodePublish(string topic, byte[] payload, int qos, ushort packetId, byte[] buffer)
        {
            MqttPublishPacket packet = new MqttPublishPacket
            {
                Topic = topic,
                PayloadSegment = new ArraySegment<byte>(payload),
                QualityOfServiceLevel = (MqttQualityOfServiceLevel)qos,
                PacketIdentifier = qos == 0 ? (ushort)0 : packetId,
            };
            MqttPacketBuffer encoded = formatter.Encode(packet);
            ArraySegment<byte> header = encoded.Packet;
            header.AsSpan().CopyTo(buffer);
            encoded.Payload.CopyTo(new Span<byte>(buffer, header.Count, buffer.Length - header.Count));
            formatter.Cleanup();
            return encoded.Length;
        }

        public int DecodePublish(byte[] buffer, int count)
        {
            // MQTT 3.1.1 §2.2.3: remaining length, 1 to 4 bytes of 7 bits each after the first byte
            int headerLength = 1;
            while ((buffer[headerLength] & 0x80) != 0)
            {
                headerLength++;
            }

            headerLength++;
            ReceivedMqttPacket received = new ReceivedMqttPacket(buffer[0], new ArraySegment<byte>(buffer, headerLength, count - headerLength), count);
            MqttPublishPacket packet = (MqttPublishPacket)formatter.Decode(received);
            return (int)packet.Payload.Length;
        }
    }
}
