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

        /// <summary>The payload decoded as UTF-8 (readings, commands and JSON are text).</summary>
        public string Text => Encoding.UTF8.GetString(this.Payload);

        public override string ToString()
        {
            string text = this.Payload.Length <= 64 ? "\"" + this.Text + "\"" : this.Payload.Length + " bytes";
            return this.Topic + " " + text + " qos" + (int)this.Qos + (this.Retain ? " retain" : string.Empty) + (this.Duplicate ? " dup" : string.Empty);
        }
    }
}
