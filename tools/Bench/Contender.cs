using System;

namespace HomeNode.Bench
{
    /// <summary>A client implementation in the comparison: how it runs the broker workloads and how to make its codec.</summary>
    public sealed class Contender
    {
        /// <summary>A Task-based client, driven through <see cref="AsyncClientWorkloads"/>.</summary>
        public Contender(string name, Func<IClientUnderTest> createClient, Func<IPacketCodecUnderTest> createCodec)
            : this(name, WrapAsync(createClient), createCodec)
        {
        }

        /// <summary>A client with workloads of its own style (our polled client: <see cref="PolledClientWorkloads"/>).</summary>
        public Contender(string name, Func<IBrokerWorkloads> createWorkloads, Func<IPacketCodecUnderTest> createCodec)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            CreateWorkloads = createWorkloads ?? throw new ArgumentNullException(nameof(createWorkloads));
            CreateCodec = createCodec;
        }

        public string Name { get; }

        public Func<IBrokerWorkloads> CreateWorkloads { get; }

        /// <summary>Null when the contender has no codec to measure on its own.</summary>
        public Func<IPacketCodecUnderTest> CreateCodec { get; }

        private static Func<IBrokerWorkloads> WrapAsync(Func<IClientUnderTest> createClient)
        {
            if (createClient == null)
            {
                throw new ArgumentNullException(nameof(createClient));
            }

            return () => new AsyncClientWorkloads(createClient);
        }
    }
}
