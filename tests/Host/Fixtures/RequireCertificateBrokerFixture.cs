using System;
using HomeNode.Host.Mosquitto;

namespace HomeNode.Tests.Host.Fixtures
{
    /// <summary>A broker whose TLS listener has require_certificate on, shared by the tests of one class.</summary>
    public sealed class RequireCertificateBrokerFixture : IDisposable
    {
        public RequireCertificateBrokerFixture()
        {
            this.Broker = MosquittoBroker.Start(new MosquittoBrokerOptions { RequireCertificate = true });
        }

        public MosquittoBroker Broker { get; }

        public void Dispose() => this.Broker.Dispose();
    }
}
