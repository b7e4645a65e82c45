using System.Collections.Generic;
using System.Text;

namespace HomeNode.IlAudit
{
    /// <summary>The result of <see cref="RuntimeTrapAudit.Run"/>.</summary>
    public sealed class RuntimeTrapReport
    {
        public RuntimeTrapReport(int methods, IReadOnlyList<RuntimeTrapFinding> findings)
        {
            Methods = methods;
            Findings = findings;
        }

        /// <summary>Method bodies checked.</summary>
        public int Methods { get; }

        public IReadOnlyList<RuntimeTrapFinding> Findings { get; }

        public bool Passed => Findings.Count == 0;

        public override string ToString()
        {
            StringBuilder text = new StringBuilder();
            text.Append("runtime trap audit: ").Append(Methods).Append(" method bodies, ").Append(Findings.Count).Append(" findings");
            foreach (RuntimeTrapFinding finding in Findings)
            {
                text.AppendLine().Append("  ").Append(finding);
            }

            return text.ToString();
        }
    }
}
