using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using HomeNode.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MQTTnet.AspNetCore;
using MQTTnet.Server;

namespace HomeNode.Simulator
{
    /// <summary>
    /// An MQTTnet broker on the loopback interface, for running without any broker installed: MQTT over TCP on
    /// <see cref="Port"/>, and MQTT over WebSockets on <see cref="WebSocketUrl"/> (MQTT 3.1.1 §6), where browsers such as
    /// the dashboard connect. Like mosquitto it accepts a client without a client id when it asks for a clean session
    /// (<see cref="ClientIdAssigningServerAdapter"/>), on either endpoint.
    /// </summary>
    /// <remarks>
    /// The WebSocket endpoint is MQTTnet.AspNetCore's connection handler in Kestrel (as the tests' MqttNetWebSocketBroker
    /// hosts it), given to the same MqttServer as one more adapter, so both endpoints share one broker: sessions,
    /// retained messages, subscriptions.
    /// </remarks>
    public sealed class EmbeddedBroker : IDisposable
    {
        public const string WebSocketPath = "/mqtt";

        /// <summary>Messages the broker queues for one client before it drops the oldest.</summary>
        public const int MaxPendingMessagesPerClient = 100000;

        private readonly MqttServerFactory factory = new MqttServerFactory();
        private MqttServer server;
        private WebApplication webSockets;

        private EmbeddedBroker(int port)
        {
            this.Port = port;
        }

        /// <summary>The MQTT over TCP port.</summary>
        public int Port { get; }

        /// <summary>The MQTT over WebSockets port (plain HTTP, loopback only).</summary>
        public int WebSocketPort { get; private set; }

        /// <summary>ws://127.0.0.1:PORT/mqtt.</summary>
        public string WebSocketUrl => "ws://127.0.0.1:" + this.WebSocketPort.ToString() + WebSocketPath;

        /// <summary>
        /// Starts a broker on 127.0.0.1:<paramref name="port"/>, or on a free port when it is 0, with its WebSocket
        /// endpoint on 127.0.0.1:<paramref name="webSocketPort"/>, or on a free port when it is 0.
        /// </summary>
        public static EmbeddedBroker Start(int port, int webSocketPort = 0)
        {
            EmbeddedBroker broker = new EmbeddedBroker(port == 0 ? LoopbackPort.Free() : port);
            try
            {
                broker.StartServers(webSocketPort);
                return broker;
            }
            catch
            {
                broker.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            WebApplication web = this.webSockets;
            this.webSockets = null;
            MqttServer s = this.server;
            this.server = null;
            try
            {
                if (web != null)
                {
                    web.StopAsync().Wait(TimeSpan.FromSeconds(5));
                    ((IDisposable)web).Dispose();
                }
            }
            finally
            {
                if (s != null)
                {
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

        private void StartServers(int webSocketPort)
        {
            MqttServerOptions options = this.factory.CreateServerOptionsBuilder()
                .WithDefaultEndpoint()
                .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
                .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
                .WithDefaultEndpointPort(this.Port)
                // A client that subscribes to a fleet's topics is sent every retained message at once (a status and the
                // light states per device: 3,000 for 1,000 devices); MQTTnet's default of 1,000 queued messages per
                // client would drop the oldest of them.
                .WithMaxPendingMessagesPerClient(MaxPendingMessagesPerClient)
                .Build();
            MqttConnectionHandler webSocketHandler = new MqttConnectionHandler();
            List<IMqttServerAdapter> adapters = this.factory.DefaultServerAdapters
                .Select(create => (IMqttServerAdapter)new ClientIdAssigningServerAdapter(create(this.factory)))
                .ToList();
            adapters.Add(new ClientIdAssigningServerAdapter(webSocketHandler));
            this.server = this.factory.CreateMqttServer(options, adapters);
            this.server.StartAsync().GetAwaiter().GetResult();

            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, webSocketPort));
            builder.Services.AddSingleton(webSocketHandler);
            builder.Services.AddConnections();
            this.webSockets = builder.Build();
            // Browsers ask for the subprotocol "mqtt" (MQTT 3.1.1 §6: the client MUST include "mqtt" in the list of
            // WebSocket Sub Protocols it offers); MapMqtt answers with it.
            this.webSockets.MapMqtt(WebSocketPath);
            this.webSockets.StartAsync().GetAwaiter().GetResult();
            string address = this.webSockets.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().Addresses.First();
            this.WebSocketPort = new Uri(address).Port;
        }
    }
}
