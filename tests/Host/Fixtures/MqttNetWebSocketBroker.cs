using HomeNode.Host.Mosquitto;
using System;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MQTTnet.AspNetCore;

namespace HomeNode.Tests.Host.Fixtures
{
    /// <summary>
    /// The MQTTnet 5 broker's WebSocket endpoint: MQTTnet.Server inside ASP.NET Core (Kestrel, MQTTnet.AspNetCore's
    /// connection handler mapped at <c>/mqtt</c>), on a loopback port, plain or HTTPS with a certificate from a test CA.
    /// </summary>
    public sealed class MqttNetWebSocketBroker : IDisposable
    {
        private readonly WebApplication app;
        private readonly TestCertificateAuthority authority;

        private MqttNetWebSocketBroker(bool tls)
        {
            X509Certificate2 serverCertificate = null;
            if (tls)
            {
                this.authority = TestCertificateAuthority.Create("HomeNode MQTTnet test CA");
                serverCertificate = this.authority.IssueServerCertificate("localhost", "127.0.0.1");
            }

            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (serverCertificate != null)
                {
                    listen.UseHttps(serverCertificate);
                }
            }));
            builder.Services.AddHostedMqttServer(options => options.WithoutDefaultEndpoint());
            builder.Services.AddMqttConnectionHandler();
            builder.Services.AddConnections();
            this.app = builder.Build();
            this.app.MapMqtt("/mqtt");
            this.app.StartAsync().GetAwaiter().GetResult();
            string address = this.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().Addresses.First();
            this.Port = new Uri(address).Port;
        }

        public int Port { get; }

        public bool Tls => this.authority != null;

        public X509Certificate2 CaCertificate => this.authority?.Certificate;

        public string Url => this.Tls ? "wss://localhost:" + this.Port + "/mqtt" : "ws://127.0.0.1:" + this.Port + "/mqtt";

        public static MqttNetWebSocketBroker Start(bool tls = false) => new MqttNetWebSocketBroker(tls);

        public void Dispose()
        {
            this.app.StopAsync().Wait(TimeSpan.FromSeconds(5));
            ((IDisposable)this.app).Dispose();
            this.authority?.Dispose();
        }
    }
}
