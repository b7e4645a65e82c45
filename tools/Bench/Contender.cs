using System;

namespace HomeNode.Bench
{
    /// <summary>A client implementation in the comparison: how to make its connections and its codec.</summary>
    public sealed class Contender
    {
        public Contender(string name, Func<IClientUnderTest> createClient, Func<IPacketCodecUnderTest> createCodec)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            CreateClient = createClient ?? throw new ArgumentNullException(nameof(createClient));
            CreateCodec = createCodec;
        }

        public string Name { get; }

        public Func<IClientUnderTest> CreateClient { get; }

        /// <summary>Null when the contender has no codec to measure on its own.</summary>
        public Func<IPacketCodecUnderTest> CreateCodec { get; }
    }
}
