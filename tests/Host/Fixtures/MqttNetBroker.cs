using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using HomeNode.Host;
using MQTTnet.Server;

namespace HomeNode.Tests.Host.Fixtures
{
    /// <summary>
    /// The MQTTnet 5.2 broker in this process on a loopback TCP port (it speaks MQTT 3.1.1 and 5.0), for the MQTT 5.0
    /// integration tests: tests hook its events to refuse a CONNECT with a reason code, answer a PUBLISH with one, or
    /// disconnect a client with a reason.
    /// </summary>
    public sealed class MqttNetBroker : IDisposable
    {
        private readonly MqttServerFactory factory = new MqttServerFactory();

        private MqttNetBroker(int port)
        {
            this.Port = port;
            MqttServerOptions options = this.factory.CreateServerOptionsBuilder()
                .WithDefaultEndpoint()
                .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
                .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
                .WithDefaultEndpointPort(port)
                .Build();
            this.Server = this.factory.CreateMqttServer(options);
        }

        public int Port { get; }

        public MqttServer Server { get; }

        public static MqttNetBroker Start(Action<MqttServer> hook = null)
        {
            MqttNetBroker broker = new MqttNetBroker(LoopbackPort.Free());
            hook?.Invoke(broker.Server);
            broker.Server.StartAsync().GetAwaiter().GetResult();
            return broker;
        }

        /// <summary>Sends DISCONNECT with <paramref name="reason"/> to the client with <paramref name="clientId"/>, then closes its connection.</summary>
        public void Disconnect(string clientId, MQTTnet.Protocol.MqttDisconnectReasonCode reason, string reasonString, string serverReference)
        {
            MqttServerClientDisconnectOptions options = this.factory.CreateMqttServerClientDisconnectOptionsBuilder()
                .WithReasonCode(reason)
                .WithReasonString(reasonString)
                .WithServerReference(serverReference)
                .Build();
            MqttClientStatus client = this.Server.GetClientsAsync().GetAwaiter().GetResult().Single(c => c.Id == clientId);
            client.DisconnectAsync(options).GetAwaiter().GetResult();
        }

        public void Dispose()
        {
            try
            {
                this.Server.StopAsync(this.factory.CreateMqttServerStopOptionsBuilder().Build()).GetAwaiter().GetResult();
            }
            finally
            {
                this.Server.Dispose();
            }
        }
    }
}
