using System.Collections.Generic;
using System.Text;

namespace HomeNode.IlAudit
{
    /// <summary>The result of <see cref="CompatibilityAudit.Run"/>.</summary>
    public sealed class CompatibilityReport
    {
        public CompatibilityReport(int assemblies, int checkedReferences, IReadOnlyList<CompatibilityFinding> findings)
        {
            Assemblies = assemblies;
            CheckedReferences = checkedReferences;
            Findings = findings;
        }

        public int Assemblies { get; }

        /// <summary>TypeRefs and MemberRefs resolved against the device mscorlib or a sibling assembly.</summary>
        public int CheckedReferences { get; }

        public IReadOnlyList<CompatibilityFinding> Findings { get; }

        public bool Passed => Findings.Count == 0;

        public override string ToString()
        {
            StringBuilder text = new StringBuilder();
            text.Append("compatibility audit: ").Append(Assemblies).Append(" assemblies, ").Append(CheckedReferences)
                .Append(" references resolved, ").Append(Findings.Count).Append(" findings");
            foreach (CompatibilityFinding finding in Findings)
            {
                text.AppendLine().Append("  ").Append(finding);
            }

            return text.ToString();
        }
    }
}
