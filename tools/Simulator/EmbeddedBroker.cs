using System;
using System.Linq;
using System.Net;
using HomeNode.Host;
using MQTTnet.Server;

namespace HomeNode.Simulator
{
    /// <summary>
    /// An MQTTnet broker on the loopback interface, for running without any broker installed: MQTT 3.1.1 and 5.0 (the
    /// client's CONNECT chooses). Like mosquitto it accepts a client without a client id when it asks for a clean
    /// session (<see cref="ClientIdAssigningServerAdapter"/>). For tests it can play a broker without MQTT 5.0: it then
    /// refuses a 5.0 CONNECT with CONNACK 0x84 Unsupported Protocol Version (MQTT 5.0 §3.2.2.2).
    /// </summary>
    public sealed class EmbeddedBroker : IDisposable
    {
        private readonly MqttServerFactory factory = new MqttServerFactory();
        private MqttServer server;

        private EmbeddedBroker(int port)
        {
            this.Port = port;
        }

        public int Port { get; }

        /// <summary>Starts a broker on 127.0.0.1:<paramref name="port"/>, or on a free port when it is 0.</summary>
        public static EmbeddedBroker Start(int port)
        {
            return Start(port, false);
        }

        /// <summary>As <see cref="Start(int)"/>; with <paramref name="refuseVersion5"/> a 5.0 CONNECT is refused with 0x84.</summary>
        public static EmbeddedBroker Start(int port, bool refuseVersion5)
        {
            EmbeddedBroker broker = new EmbeddedBroker(port == 0 ? LoopbackPort.Free() : port);
            MqttServerOptions options = broker.factory.CreateServerOptionsBuilder()
                .WithDefaultEndpoint()
                .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
                .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
                .WithDefaultEndpointPort(broker.Port)
                .Build();
            IMqttServerAdapter[] adapters = broker.factory.DefaultServerAdapters
                .Select(create => (IMqttServerAdapter)new ClientIdAssigningServerAdapter(create(broker.factory)))
                .ToArray();
            broker.server = broker.factory.CreateMqttServer(options, adapters);
            if (refuseVersion5)
            {
                broker.server.ValidatingConnectionAsync += e =>
                {
                    if (e.ProtocolVersion == MQTTnet.Formatter.MqttProtocolVersion.V500)
                    {
                        e.ReasonCode = MQTTnet.Protocol.MqttConnectReasonCode.UnsupportedProtocolVersion;
                    }

                    return System.Threading.Tasks.Task.CompletedTask;
                };
            }

            broker.server.StartAsync().GetAwaiter().GetResult();
            return broker;
        }

        public void Dispose()
        {
            MqttServer s = this.server;
            this.server = null;
            if (s == null)
            {
                return;
            }

            try
            {
                s.StopAsync(this.factory.CreateMqttServerStopOptionsBuilder().Build()).GetAwaiter().GetResult();
            }
            finally
            {
                s.Dispose();
            }
        }
    }
}
