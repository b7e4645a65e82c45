using System;
using HomeNode.Host.Mosquitto;

namespace HomeNode.Tests.Host.Fixtures
{
    /// <summary>
    /// One broker (anonymous, plain and TLS listeners, no persistence) shared by the tests of a class or collection.
    /// Tests that kill, restart or reconfigure the broker start their own <see cref="MosquittoBroker"/> instead.
    /// </summary>
    public sealed class MosquittoBrokerFixture : IDisposable
    {
        public MosquittoBrokerFixture()
        {
            this.Broker = MosquittoBroker.Start(new MosquittoBrokerOptions());
        }

        public MosquittoBroker Broker { get; }

        public void Dispose() => this.Broker.Dispose();
    }
}
