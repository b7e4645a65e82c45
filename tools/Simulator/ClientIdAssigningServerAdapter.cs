using System;
using System.Threading.Tasks;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Server;

namespace HomeNode.Simulator
{
    /// <summary>
    /// Wraps one of MQTTnet's server adapters (the TCP listener) so that each connection it accepts passes through a
    /// <see cref="ClientIdAssigningChannelAdapter"/>: clients that connect without a client id and with a clean
    /// session, as <c>mosquitto_sub</c> and <c>mosquitto_pub</c> do, get one instead of "identifier rejected".
    /// </summary>
    /// <remarks>
    /// MQTTnet 5.2 assigns <c>ValidatingConnectionEventArgs.AssignedClientIdentifier</c> to MQTT 5 clients only
    /// (MqttClientSessionsManager.ValidateConnection) and the CONNECT packet is not reachable from that event, so the
    /// id is filled in where the packet is received.
    /// </remarks>
    public sealed class ClientIdAssigningServerAdapter : IMqttServerAdapter
    {
        private readonly IMqttServerAdapter inner;

        public ClientIdAssigningServerAdapter(IMqttServerAdapter inner)
        {
            this.inner = inner ?? throw new ArgumentNullException(nameof(inner));
        }

        public Func<IMqttChannelAdapter, Task> ClientHandler { get; set; }

        public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
        {
            this.inner.ClientHandler = channel => this.ClientHandler(new ClientIdAssigningChannelAdapter(channel));
            return this.inner.StartAsync(options, logger);
        }

        public Task StopAsync() => this.inner.StopAsync();

        public void Dispose() => this.inner.Dispose();
    }
}
