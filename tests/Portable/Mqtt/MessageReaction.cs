using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    public delegate void MessageReaction(MqttReceivedMessage message);
}
