using System.Collections.Generic;
using System.Text;
using HomeNode.Mqtt;

namespace HomeNode.Tests.Host.Integration
{
    /// <summary>A copy of one incoming PUBLISH (the client's own view is only valid until the next poll).</summary>
    public sealed class ReceivedMessage
    {
        public ReceivedMessage(string topic, byte[] payload, MqttQos qos, bool retain, bool duplicate)
        {
            this.Topic = topic;
            this.Payload = payload;
            this.Qos = qos;
            this.Retain = retain;
            this.Duplicate = duplicate;
        }

        public string Topic { get; }

        public byte[] Payload { get; }

        public MqttQos Qos { get; }

        public bool Retain { get; }

        public bool Duplicate { get; }

        /// <summary>MQTT 5.0 properties (§3.3.2.3), copied; null or -1 when the PUBLISH did not carry them.</summary>
        public long MessageExpiryInterval { get; init; } = -1;

        public bool PayloadIsUtf8 { get; init; }

        public int TopicAlias { get; init; }

        public string ResponseTopic { get; init; }

        public byte[] CorrelationData { get; init; }

        public string ContentType { get; init; }

        public List<int> SubscriptionIdentifiers { get; } = new List<int>();

        public List<KeyValuePair<string, string>> UserProperties { get; } = new List<KeyValuePair<string, string>>();

        /// <summary>A copy of <paramref name="message"/> with its MQTT 5.0 properties.</summary>
        public static ReceivedMessage Copy(MqttReceivedMessage message)
        {
            byte[] payload = new byte[message.PayloadLength];
            System.Array.Copy(message.Buffer, message.PayloadOffset, payload, 0, message.PayloadLength);
            byte[] correlation = null;
            if (message.CorrelationDataLength >= 0)
            {
                correlation = new byte[message.CorrelationDataLength];
                System.Array.Copy(message.Buffer, message.CorrelationDataOffset, correlation, 0, correlation.Length);
            }

            ReceivedMessage copy = new ReceivedMessage(Encoding.UTF8.GetString(message.TopicBuffer, message.TopicOffset, message.TopicLength), payload, message.Qos, message.Retain, message.Duplicate)
            {
                MessageExpiryInterval = message.MessageExpiryInterval,
                PayloadIsUtf8 = message.PayloadIsUtf8,
                TopicAlias = message.TopicAlias,
                ResponseTopic = message.ResponseTopicLength < 0 ? null : Encoding.UTF8.GetString(message.Buffer, message.ResponseTopicOffset, message.ResponseTopicLength),
                CorrelationData = correlation,
                ContentType = message.ContentTypeLength < 0 ? null : Encoding.UTF8.GetString(message.Buffer, message.ContentTypeOffset, message.ContentTypeLength),
            };
            if (message.PropertiesSize > 0)
            {
                MqttPropertyReader properties = message.ReadProperties();
                while (properties.Next())
                {
                    if (properties.Id == MqttPropertyId.SubscriptionIdentifier)
                    {
                        copy.SubscriptionIdentifiers.Add((int)properties.Value);
                    }
                    else if (properties.Id == MqttPropertyId.UserProperty)
                    {
                        copy.UserProperties.Add(new KeyValuePair<string, string>(
                            Encoding.UTF8.GetString(message.Buffer, properties.NameOffset, properties.NameLength),
                            Encoding.UTF8.GetString(message.Buffer, properties.ValueOffset, properties.ValueLength)));
                    }
                }
            }

            return copy;
        }

        /// <summary>The payload decoded as UTF-8 (readings, commands and JSON are text).</summary>
        public string Text => Encoding.UTF8.GetString(this.Payload);

        public override string ToString()
        {
            string text = this.Payload.Length <= 64 ? "\"" + this.Text + "\"" : this.Payload.Length + " bytes";
            return this.Topic + " " + text + " qos" + (int)this.Qos + (this.Retain ? " retain" : string.Empty) + (this.Duplicate ? " dup" : string.Empty);
        }
    }
}
