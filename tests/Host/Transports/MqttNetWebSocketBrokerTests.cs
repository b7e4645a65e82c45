using System;
using System.Security.Cryptography.X509Certificates;
using HomeNode.Tests.Host.Fixtures;

namespace HomeNode.Tests.Host.Transports
{
    /// <summary>The WebSocket broker cases against MQTTnet 5.2's broker (MQTTnet.AspNetCore endpoint in Kestrel).</summary>
    public sealed class MqttNetWebSocketBrokerTests : WebSocketBrokerTests
    {
        protected override IDisposable StartBroker(bool tls, out string url, out X509Certificate2 ca)
        {
            MqttNetWebSocketBroker broker = MqttNetWebSocketBroker.Start(tls);
            url = broker.Url;
            ca = broker.CaCertificate;
            return broker;
        }
    }
}
