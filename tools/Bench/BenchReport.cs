using System;
using System.Collections.Generic;

namespace HomeNode.Bench
{
    /// <summary>What <c>--json FILE</c> writes.</summary>
    public sealed class BenchReport
    {
        public DateTime StartedUtc { get; set; }

        public string Machine { get; set; }

        public int ProcessorCount { get; set; }

        public string Runtime { get; set; }

        public string Broker { get; set; }

        public string Processor { get; set; }

        public string LoadAverage { get; set; }

        public bool Quick { get; set; }

        public List<WorkloadResult> Results { get; set; } = new List<WorkloadResult>();

        /// <summary>IL size of the nano firmware assemblies when they are built (see HomeNode.IlAudit.AssemblyFootprint).</summary>
        public List<FootprintEntry> Footprint { get; set; } = new List<FootprintEntry>();

        /// <summary>RAM, ROM and METADATA bytes nanoCLR reports loading our assemblies and nanoFramework.M2Mqtt (with NFTOOL set).</summary>
        public List<NanoClrFootprintEntry> NanoClrFootprint { get; set; } = new List<NanoClrFootprintEntry>();

        /// <summary>Why the nanoCLR footprint was skipped, what of it was not measured, and ours/M2Mqtt.</summary>
        public List<string> NanoClrFootprintNotes { get; set; } = new List<string>();

        /// <summary>Memory our client holds: the bench's configuration and the firmware runtime's.</summary>
        public List<ClientMemoryEntry> ClientMemory { get; set; } = new List<ClientMemoryEntry>();

        /// <summary>How the workloads were run (pacing, broker limits, what the allocation columns count).</summary>
        public List<string> Notes { get; set; } = new List<string>();
    }
}
