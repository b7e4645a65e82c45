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

        /// <summary>/proc/loadavg once the workloads ended (other work on the machine during the run shows here).</summary>
        public string LoadAverageAfter { get; set; }

        /// <summary>Time per operation on nanoCLR: ours and M2Mqtt 5.1 (with NFTOOL set).</summary>
        public List<NanoClrTimingEntry> NanoClrTiming { get; set; } = new List<NanoClrTimingEntry>();

        public List<string> NanoClrTimingNotes { get; set; } = new List<string>();

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

        /// <summary>System calls per message per contender (strace -c -f), when strace is there.</summary>
        public List<SyscallCountEntry> Syscalls { get; set; } = new List<SyscallCountEntry>();

        /// <summary>Why the system call count was skipped, when it was.</summary>
        public string SyscallsSkipped { get; set; }

        /// <summary>The issue 13 targets, each with its figure and met or missed.</summary>
        public List<TargetResult> Targets { get; set; } = new List<TargetResult>();

        /// <summary>How the workloads were run (pacing, broker limits, what the allocation columns count).</summary>
        public List<string> Notes { get; set; } = new List<string>();
    }
}
