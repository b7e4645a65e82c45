using System.Collections.Generic;

namespace HomeNode.Bench
{
    /// <summary>System calls per message of one contender in one workload, from two strace -c -f runs of different length.</summary>
    public sealed class SyscallCountEntry
    {
        public string Contender { get; set; }

        public string Workload { get; set; }

        public int PayloadBytes { get; set; }

        /// <summary>The extra messages of the longer run: what the per-message figures are divided by.</summary>
        public int Messages { get; set; }

        /// <summary>All system calls of the bench process (every thread) per message.</summary>
        public double PerMessage { get; set; }

        /// <summary>Per message, by system call (those at 0.05 or more per message).</summary>
        public Dictionary<string, double> BySyscall { get; set; } = new Dictionary<string, double>();
    }
}
