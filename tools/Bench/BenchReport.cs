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

        public bool Quick { get; set; }

        public List<WorkloadResult> Results { get; set; } = new List<WorkloadResult>();

        /// <summary>IL size of the nano firmware assemblies when they are built (see HomeNode.IlAudit.AssemblyFootprint).</summary>
        public List<FootprintEntry> Footprint { get; set; } = new List<FootprintEntry>();
    }
}
