using System;
using System.Collections.Generic;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace HomeNode.IlAudit
{
    /// <summary>
    /// Calls that turn an enum into text. On nanoCLR Enum.ToString returns the number, not the name
    /// (../shared/nftool/README.md), so a topic, payload or message built that way differs from the host build.
    /// </summary>
    /// <remarks>
    /// <para>What C# compiles to, and what is reported:</para>
    /// <list type="bullet">
    /// <item><c>mode.ToString()</c> and <c>"x" + mode</c>: <c>constrained. T callvirt Object::ToString</c> with T an enum.</item>
    /// <item><c>((object)mode).ToString()</c>, also through a local: <c>box T</c> reaching the receiver of a ToString call.</item>
    /// <item><c>string.Concat("x", mode)</c>, <c>string.Format("{0}", mode)</c>, <c>$"{mode}"</c>: <c>box T</c> reaching an
    /// object argument of String.Concat or String.Format, directly or stored in the object[] passed to them.</item>
    /// <item>The same with a value of static type System.Enum (an argument, local, field or return value) instead of a box.</item>
    /// </list>
    /// <para>An enum is a TypeDef/TypeRef whose base type is System.Enum, resolved through the audited assemblies and
    /// the device mscorlib; a type from an assembly outside the scope is not recognised. A boxed enum that leaves the
    /// method (returned, stored in a field, passed to one of our methods taking object) is not followed.</para>
    /// </remarks>
    internal static class EnumToStringRule
    {
        public static void Check(AuditScope scope, IlMethodBody body, List<RuntimeTrapFinding> findings)
        {
            HashSet<int> reported = new HashSet<int>();
            bool followValues = false;
            List<IlInstruction> code = body.Code;
            for (int i = 0; i < code.Count; i++)
            {
                IlInstruction instruction = code[i];
                short op = instruction.OpCode.Value;
                if (op == OpCodes.Constrained.Value && i + 1 < code.Count && IsToString(body.Reader, code[i + 1])
                    && scope.IsEnum(body.Assembly, MetadataTokens.EntityHandle(instruction.Token), out TypeLocation constrainedType))
                {
                    IlInstruction call = code[i + 1];
                    Report(body, call.Offset, "constrained. " + constrainedType.Name + " " + call.OpCode.Name + " " + MetadataNames.MemberName(body.Reader, MetadataTokens.EntityHandle(call.Token)), reported, findings);
                }
                else if (op == OpCodes.Box.Value && scope.IsEnum(body.Assembly, MetadataTokens.EntityHandle(instruction.Token), out _))
                {
                    followValues = true;
                }
                else if (body.TryGetVariable(instruction, out IlVariable variable, out IlVariableAccess access) && access == IlVariableAccess.Load && body.TypeOf(variable) == "System.Enum")
                {
                    followValues = true;
                }
                else if ((op == OpCodes.Call.Value || op == OpCodes.Callvirt.Value) && IlStackEffect.CalleeSignature(body.Reader, instruction).ReturnType == "System.Enum")
                {
                    followValues = true;
                }
            }

            if (followValues)
            {
                IlPathExplorer<EnumFlowValue> explorer = new IlPathExplorer<EnumFlowValue>(body, new EnumFlow(scope, reported, findings));
                explorer.Explore(explorer.Entry);
            }
        }

        private static bool IsToString(MetadataReader reader, IlInstruction instruction)
        {
            short op = instruction.OpCode.Value;
            if (op != OpCodes.Call.Value && op != OpCodes.Callvirt.Value)
            {
                return false;
            }

            MethodSignature<string> signature = IlStackEffect.CalleeSignature(reader, instruction);
            string name = MetadataNames.MemberName(reader, MetadataTokens.EntityHandle(instruction.Token));
            return name.EndsWith("::ToString", StringComparison.Ordinal) && signature.Header.IsInstance && signature.ParameterTypes.Length == 0;
        }

        private static void Report(IlMethodBody body, int offset, string detail, HashSet<int> reported, List<RuntimeTrapFinding> findings)
        {
            if (reported.Add(offset))
            {
                findings.Add(new RuntimeTrapFinding(body.Assembly.Name, body.Name, offset, RuntimeTrap.EnumToString, detail));
            }
        }

        /// <summary>Follows boxed enums and System.Enum values to the calls that format them.</summary>
        private sealed class EnumFlow : IIlPathSemantics<EnumFlowValue>
        {
            private readonly AuditScope scope;
            private readonly HashSet<int> reported;
            private readonly List<RuntimeTrapFinding> findings;

            public EnumFlow(AuditScope scope, HashSet<int> reported, List<RuntimeTrapFinding> findings)
            {
                this.scope = scope;
                this.reported = reported;
                this.findings = findings;
            }

            public EnumFlowValue Unknown => default;

            public EnumFlowValue Load(IlMethodBody body, IlVariable variable, bool clobbered)
            {
                return body.TypeOf(variable) == "System.Enum" ? EnumFlowValue.Enum("System.Enum", body.NameOf(variable) + " of type System.Enum") : default;
            }

            public EnumFlowValue Evaluate(IlPathStep<EnumFlowValue> step)
            {
                IlInstruction instruction = step.Instruction;
                IlMethodBody body = step.Body;
                short op = instruction.OpCode.Value;
                if (op != OpCodes.Box.Value && op != OpCodes.Newarr.Value && op != OpCodes.Call.Value && op != OpCodes.Callvirt.Value)
                {
                    return default;
                }

                EntityHandle token = MetadataTokens.EntityHandle(instruction.Token);
                if (op == OpCodes.Box.Value)
                {
                    return scope.IsEnum(body.Assembly, token, out TypeLocation type)
                        ? EnumFlowValue.Enum(type.Name, "box " + type.Name + " at IL_" + instruction.Offset.ToString("X4"))
                        : default;
                }

                if (op == OpCodes.Newarr.Value)
                {
                    return MetadataNames.TypeName(body.Reader, token) == "System.Object" ? EnumFlowValue.ObjectArray(instruction.Offset) : default;
                }

                MethodSignature<string> signature = IlStackEffect.CalleeSignature(body.Reader, instruction);
                string name = MetadataNames.MemberName(body.Reader, token);
                string call = instruction.OpCode.Name + " " + name;
                EnumFlowValue[] popped = step.Popped;
                if (IsToString(body.Reader, instruction) && popped[0].Kind == EnumFlowKind.Enum)
                {
                    Report(body, instruction.Offset, popped[0].Source + " reaches " + call, reported, findings);
                }
                else if (name == "System.String::Concat" || name == "System.String::Format")
                {
                    int first = signature.Header.IsInstance ? 1 : 0;
                    for (int i = 0; i < signature.ParameterTypes.Length; i++)
                    {
                        EnumFlowValue argument = popped[first + i];
                        bool enumArgument = signature.ParameterTypes[i] == "System.Object" && argument.Kind == EnumFlowKind.Enum;
                        bool arrayWithEnum = signature.ParameterTypes[i] == "System.Object[]" && argument.Kind == EnumFlowKind.ObjectArray && argument.EnumType != null;
                        if (enumArgument || arrayWithEnum)
                        {
                            Report(body, instruction.Offset, argument.Source + " reaches " + call, reported, findings);
                            break;
                        }
                    }
                }

                return signature.ReturnType == "System.Enum" ? EnumFlowValue.Enum("System.Enum", "the System.Enum returned by " + name) : default;
            }

            public bool? Decide(IlPathStep<EnumFlowValue> step)
            {
                return null;
            }

            public EnumFlowValue StoreElement(EnumFlowValue array, EnumFlowValue element)
            {
                return array.Kind == EnumFlowKind.ObjectArray && array.EnumType == null && element.Kind == EnumFlowKind.Enum ? array.Holding(element) : array;
            }
        }
    }
}
