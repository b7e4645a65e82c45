using System;
using System.Collections.Generic;
using System.Reflection.Metadata;

namespace HomeNode.IlAudit
{
    /// <summary>
    /// Finds, in every method body of the audited nano assemblies, the nanoCLR traps that IL shows (the list is
    /// ../shared/nftool/README.md, "What the real runtime does differently"): Enum.ToString, GetParameters and NaN
    /// guards written as comparisons. See <see cref="EnumToStringRule"/>, <see cref="GetParametersRule"/> and
    /// <see cref="NaNGuardRule"/>.
    /// </summary>
    /// <remarks>
    /// The traps of that list this audit cannot see are left to the nanoCLR run of the portable suite: U+0000 in a
    /// string, characters above U+FFFF, and the metadata processor's 64 KB string table.
    /// </remarks>
    public static class RuntimeTrapAudit
    {
        public static RuntimeTrapReport Run(AuditScope scope)
        {
            if (scope == null)
            {
                throw new ArgumentNullException(nameof(scope));
            }

            List<RuntimeTrapFinding> findings = new List<RuntimeTrapFinding>();
            int methods = 0;
            foreach (LoadedAssembly assembly in scope.Assemblies)
            {
                foreach (MethodDefinitionHandle handle in assembly.Reader.MethodDefinitions)
                {
                    IlMethodBody body = IlMethodBody.Read(assembly, handle);
                    if (body == null)
                    {
                        continue;
                    }

                    methods++;
                    EnumToStringRule.Check(scope, body, findings);
                    GetParametersRule.Check(scope, body, findings);
                    NaNGuardRule.Check(body, findings);
                }
            }

            return new RuntimeTrapReport(methods, findings);
        }

        /// <summary>The trap in words, naming the fix.</summary>
        public static string Describe(RuntimeTrap trap)
        {
            switch (trap)
            {
                case RuntimeTrap.EnumToString:
                    return "Enum.ToString returns the number on nanoCLR; write the name out (a switch over the values)";
                case RuntimeTrap.GetParameters:
                    return "MethodBase.GetParameters crashes nanoCLR once a GC has run after the GetMethods that returned the MethodInfo; call it right after GetMethods or not at all";
                case RuntimeTrap.NaNGuard:
                    return "NaN guard lets NaN through on nanoCLR (a comparison with NaN answers as if the left operand were greater: NaN >= 0 is true); test with double.IsNaN or float.IsNaN";
                default:
                    throw new ArgumentOutOfRangeException(nameof(trap));
            }
        }
    }
}
