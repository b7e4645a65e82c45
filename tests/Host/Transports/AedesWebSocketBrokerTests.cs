using System;
using System.Security.Cryptography.X509Certificates;
using HomeNode.Tests.Host.Fixtures;

namespace HomeNode.Tests.Host.Transports
{
    /// <summary>The WebSocket broker cases against aedes (npm) behind ws (npm), in its own node process.</summary>
    public sealed class AedesWebSocketBrokerTests : WebSocketBrokerTests
    {
        protected override IDisposable StartBroker(bool tls, out string url, out X509Certificate2 ca)
        {
            AedesBroker broker = AedesBroker.Start(tls);
            url = broker.Url;
            ca = broker.CaCertificate;
            return broker;
        }
    }
}
