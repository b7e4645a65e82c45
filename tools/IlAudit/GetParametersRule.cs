using System.Collections.Generic;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace HomeNode.IlAudit
{
    /// <summary>
    /// Every call of MethodBase.GetParameters (through MethodInfo or ConstructorInfo too). On nanoCLR the MethodInfo's
    /// token block is freed by a GC after Type.GetMethods and reused, and GetParameters then crashes the runtime
    /// (../shared/nftool/README.md). Whether a GC can run between the two is not visible in IL, so every call is
    /// reported.
    /// </summary>
    internal static class GetParametersRule
    {
        private const string DeclaringType = "System.Reflection.MethodBase";
        private const string MethodName = "GetParameters";

        public static void Check(AuditScope scope, IlMethodBody body, List<RuntimeTrapFinding> findings)
        {
            MetadataReader reader = body.Reader;
            foreach (IlInstruction instruction in body.Code)
            {
                short op = instruction.OpCode.Value;
                if (op != OpCodes.Call.Value && op != OpCodes.Callvirt.Value && op != OpCodes.Ldftn.Value && op != OpCodes.Ldvirtftn.Value)
                {
                    continue;
                }

                EntityHandle token = MetadataTokens.EntityHandle(instruction.Token);
                if (IsGetParameters(scope, body.Assembly, token))
                {
                    findings.Add(new RuntimeTrapFinding(body.Assembly.Name, body.Name, instruction.Offset, RuntimeTrap.GetParameters, instruction.OpCode.Name + " " + MetadataNames.MemberName(reader, token)));
                }
            }
        }

        private static bool IsGetParameters(AuditScope scope, LoadedAssembly assembly, EntityHandle token)
        {
            if (scope.TryResolveMethod(assembly, token, out MethodLocation target))
            {
                return target.DeclaringType.Name == DeclaringType && target.Assembly.Reader.StringComparer.Equals(target.Definition.Name, MethodName);
            }

            // not resolvable (a library outside the scope): go by the name it was called through
            string name = MetadataNames.MemberName(assembly.Reader, token);
            return name == DeclaringType + "::" + MethodName || name == "System.Reflection.MethodInfo::" + MethodName || name == "System.Reflection.ConstructorInfo::" + MethodName;
        }
    }
}
