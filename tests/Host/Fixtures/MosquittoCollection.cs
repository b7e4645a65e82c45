using Xunit;

namespace HomeNode.Tests.Host.Fixtures
{
    /// <summary>
    /// Test classes marked [Collection(MosquittoCollection.Name)] share one <see cref="MosquittoBrokerFixture"/> (and run
    /// one after another, which suits a shared broker).
    /// </summary>
    [CollectionDefinition(Name)]
    public sealed class MosquittoCollection : ICollectionFixture<MosquittoBrokerFixture>
    {
        public const string Name = "Mosquitto";
    }
}
