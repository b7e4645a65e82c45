using HomeNode.Host;
using HomeNode.Mqtt;
using HomeNode.Tests.Host.Fixtures;
using Xunit;

namespace HomeNode.Tests.Host.Integration
{
    /// <summary>
    /// A broker that speaks only MQTT 3.1.1 (aedes 1.2, behind ws) answers a 5.0 CONNECT with a 3.1.1 CONNACK, return
    /// code 1 [MQTT-3.1.2-2]: the client says RefusedProtocolVersion, so the firmware can connect again with 3.1.1.
    /// </summary>
    public sealed class Mqtt5FallbackTests
    {
        [Fact]
        public void AThreePointOneOneBrokerRefusesVersion5AndTakes311()
        {
            using AedesBroker broker = AedesBroker.Start();
            using IntegrationClient ours = new IntegrationClient("ours", WebSocketUrl.Parse(broker.Url).CreateTransport(null));
            Assert.Equal(MqttStatus.RefusedProtocolVersion, ours.ConnectAndWait(IntegrationClient.Options5(IntegrationClient.UniqueId("v5")), IntegrationClient.DefaultTimeout));
            Assert.Equal(1, ours.Client.Server.ReasonCode);
            Assert.Equal(MqttStatus.Ok, ours.ConnectAndWait(IntegrationClient.Options(IntegrationClient.UniqueId("v311")), IntegrationClient.DefaultTimeout));
            ours.PublishAndWait("fallback/ok", "3.1.1", MqttQos.AtLeastOnce);
        }
    }
}
