using HomeNode.Host.Mosquitto;
using System;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using HomeNode.Host;
using HomeNode.Mqtt;
using HomeNode.Mqtt.WebSockets;
using HomeNode.Tests.Host.Fixtures;
using HomeNode.Tests.Host.Integration;
using Xunit;

namespace HomeNode.Tests.Host.Transports
{
    /// <summary>
    /// Our client over <see cref="WebSocketTransport"/> against a real MQTT over WebSockets broker written by others;
    /// the same cases run against the MQTTnet broker's WebSocket endpoint and against aedes behind ws (subclasses).
    /// </summary>
    public abstract class WebSocketBrokerTests
    {
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

        /// <summary>Starts the broker under test; <paramref name="url"/> is its ws:// or wss:// endpoint, <paramref name="ca"/> its CA (TLS).</summary>
        protected abstract IDisposable StartBroker(bool tls, out string url, out X509Certificate2 ca);

        [Fact]
        public void AllQosLevelsAndMessagesLargerThanAFrameBothWays()
        {
            using (this.StartBroker(false, out string url, out _))
            using (IntegrationClient client = Client(url, null, "all-qos", out _))
            {
                client.Connect(IntegrationClient.Options(IntegrationClient.UniqueId("wsqos")));
                client.SubscribeAndWait("ws/test/#", MqttQos.ExactlyOnce);
                byte[] large = Enumerable.Range(0, 5000).Select(i => (byte)(i * 13)).ToArray();
                foreach (MqttQos qos in new[] { MqttQos.AtMostOnce, MqttQos.AtLeastOnce, MqttQos.ExactlyOnce })
                {
                    client.PublishAndWait("ws/test/small" + (int)qos, "q" + (int)qos, qos);
                    client.PublishAndWait("ws/test/large" + (int)qos, large, qos);
                }

                client.PollUntil(() => client.Recorder.MessageCount >= 6, Wait, "six messages back");
                foreach (MqttQos qos in new[] { MqttQos.AtMostOnce, MqttQos.AtLeastOnce, MqttQos.ExactlyOnce })
                {
                    Assert.Equal("q" + (int)qos, client.Recorder.Last("ws/test/small" + (int)qos).Text);
                    Assert.Equal(large, client.Recorder.Last("ws/test/large" + (int)qos).Payload);
                    Assert.Equal(qos, client.Recorder.Last("ws/test/large" + (int)qos).Qos);
                }
            }
        }

        [Fact]
        public void KeepAliveAndCleanDisconnect()
        {
            using (this.StartBroker(false, out string url, out _))
            using (IntegrationClient client = Client(url, null, "keepalive", out WebSocketTransport ws))
            {
                MqttConnectOptions options = IntegrationClient.Options(IntegrationClient.UniqueId("wska"));
                options.KeepAliveSeconds = 1;
                options.PingTimeoutMilliseconds = 2000;
                client.Connect(options);
                Polling.For(TimeSpan.FromSeconds(3.5), client);
                Assert.True(client.Client.IsConnected, "PINGRESP came back over WebSockets: " + client.Describe());
                Assert.Equal(MqttStatus.Ok, client.Client.Disconnect());
                Assert.Equal(WebSocketFailure.ClosedByClient, ws.LastFailure);
                Assert.Equal(WebSocketTransport.StatusNormalClosure, ws.LastCloseStatus);
            }
        }

        [Fact]
        public void TwoClientsTalkThroughTheBroker()
        {
            using (this.StartBroker(false, out string url, out _))
            using (IntegrationClient a = Client(url, null, "a", out _))
            using (IntegrationClient b = Client(url, null, "b", out _))
            {
                a.Connect(IntegrationClient.Options(IntegrationClient.UniqueId("wsa")));
                b.Connect(IntegrationClient.Options(IntegrationClient.UniqueId("wsb")));
                b.SubscribeAndWait("ws/chat", MqttQos.AtLeastOnce);
                for (int i = 0; i < 50; i++)
                {
                    a.PublishAndWait("ws/chat", "m" + i, MqttQos.AtLeastOnce);
                }

                b.PollUntil(() => b.Recorder.On("ws/chat").Length >= 50, Wait, "fifty messages", a);
                Assert.Equal(Enumerable.Range(0, 50).Select(i => "m" + i), b.Recorder.On("ws/chat").Select(m => m.Text));
            }
        }

        [Fact]
        public void AWrongPathIsARefusedUpgrade()
        {
            using (this.StartBroker(false, out string url, out _))
            using (IntegrationClient client = Client(url.Replace("/mqtt", "/nothing-here"), null, "path", out WebSocketTransport ws))
            {
                Assert.Equal(MqttStatus.TransportOpenFailed, client.Client.Connect(IntegrationClient.Options(IntegrationClient.UniqueId("wspath"))));
                Assert.Equal(WebSocketFailure.HandshakeRefused, ws.LastFailure);
                Assert.InRange(ws.LastHttpStatus, 400, 499);
            }
        }

        [Fact]
        public void WssWithTheTestCa()
        {
            using (this.StartBroker(true, out string url, out X509Certificate2 ca))
            using (IntegrationClient client = Client(url, new TlsOptions { CaCertificate = ca }, "wss", out _))
            {
                client.Connect(IntegrationClient.Options(IntegrationClient.UniqueId("wss")));
                client.SubscribeAndWait("ws/secure", MqttQos.AtLeastOnce);
                client.PublishAndWait("ws/secure", "over wss", MqttQos.AtLeastOnce);
                Assert.Equal("over wss", client.WaitForMessage("ws/secure").Text);
            }
        }

        [Fact]
        public void WssRefusesAServerOfAnotherCa()
        {
            using (this.StartBroker(true, out string url, out _))
            using (TestCertificateAuthority other = TestCertificateAuthority.Create("Some other CA"))
            using (IntegrationClient client = Client(url, new TlsOptions { CaCertificate = other.Certificate }, "wss-bad", out WebSocketTransport ws))
            {
                Assert.Equal(MqttStatus.TransportOpenFailed, client.Client.Connect(IntegrationClient.Options(IntegrationClient.UniqueId("wssbad"))));
                Assert.Equal(WebSocketFailure.OpenFailed, ws.LastFailure);
            }
        }

        /// <summary>Our client over the WebSocket transport to <paramref name="url"/> (TLS below for wss).</summary>
        protected static IntegrationClient Client(string url, TlsOptions tls, string name, out WebSocketTransport transport)
        {
            transport = WebSocketUrl.Parse(url).CreateTransport(tls);
            return new IntegrationClient(name, transport, bufferBytes: 8192, slotBytes: 8192);
        }
    }
}
