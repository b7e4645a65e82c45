using System.Collections.Generic;
using System.Text;

namespace HomeNode.IlAudit
{
    /// <summary>The result of <see cref="AllocationAudit.Run"/>.</summary>
    public sealed class AllocationReport
    {
        public AllocationReport(IReadOnlyList<string> entryPoints, int reachableMethods, IReadOnlyList<AllocationFinding> findings)
        {
            EntryPoints = entryPoints;
            ReachableMethods = reachableMethods;
            Findings = findings;
        }

        /// <summary>Every [SteadyState] method found, as Assembly!Namespace.Type::Method.</summary>
        public IReadOnlyList<string> EntryPoints { get; }

        /// <summary>Methods with IL in the audited assemblies reachable from the entry points (entry points included).</summary>
        public int ReachableMethods { get; }

        public IReadOnlyList<AllocationFinding> Findings { get; }

        public bool Passed => Findings.Count == 0;

        public override string ToString()
        {
            StringBuilder text = new StringBuilder();
            text.Append("allocation audit: ").Append(EntryPoints.Count).Append(" [SteadyState] entry points, ")
                .Append(ReachableMethods).Append(" reachable methods, ").Append(Findings.Count).Append(" findings");
            foreach (AllocationFinding finding in Findings)
            {
                text.AppendLine().Append("  ").Append(finding);
            }

            return text.ToString();
        }
    }
}
