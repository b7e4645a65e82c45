using System;
using System.Collections.Generic;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace HomeNode.IlAudit
{
    /// <summary>
    /// Guards that reject NaN by a comparison on .NET and let it through on nanoCLR.
    /// </summary>
    /// <remarks>
    /// <para>nanoCLR compares floating-point values in CLR_RT_HeapBlock::Compare_Values, which returns 1 ("left is
    /// greater") when either operand is NaN, and every compare and compare-and-branch opcode, ordered or .un, tests
    /// that result (nf-interpreter src/CLR/Core/CLR_RT_HeapBlock.cpp and Interpreter.cpp; ../shared/nftool/README.md:
    /// "double.NaN &gt;= 0 is true"). IEEE 754, which .NET follows (ECMA-335 §III.1.5), makes an ordered comparison
    /// with NaN false and a .un one true. So with a NaN operand bge, bgt, cgt, ble.un, blt.un and clt.un give the
    /// opposite answer on the device; the others agree.</para>
    /// <para>What C# emits for a guard: <c>if (!(x &gt;= 0)) throw</c> is <c>bge</c> over the throw, <c>if (x &lt; 0) throw</c>
    /// is <c>bge.un</c>, <c>if (!(x &lt; max)) throw</c> is <c>blt</c>, <c>x != x</c> is <c>beq</c>, <c>return !(x &gt;= 0)</c> is <c>clt.un</c>,
    /// <c>return x &gt;= 0</c> is <c>clt.un; ldc.i4.0; ceq</c>. A .un opcode alone says nothing about intent, and most
    /// comparisons that differ never see NaN; what shows a guard relying on IEEE is where NaN goes.</para>
    /// <para>The rule: for each float32/float64 argument, local or field a method loads, follow NaN in it through the
    /// method with nanoCLR's answers (<see cref="IlPathExplorer{TValue}"/>; IsNaN and IsInfinity of it are known,
    /// other branches go both ways). Where a comparison with NaN answers differently on .NET, report it when from
    /// there every .NET path throws (<see cref="ThrowPaths"/>) and some nanoCLR path returns. So
    /// <c>!(x &gt;= 0)</c> and <c>!(x &gt; 0)</c> guards are reported, while <c>!(x &lt; max)</c>, <c>!(x &lt;= max)</c>, a
    /// range check <c>!(x &gt;= min &amp;&amp; x &lt;= max)</c> (its second half throws on the device) and anything after
    /// <c>double.IsNaN(x)</c> are not. Not seen: guards that reject NaN by returning a status instead of throwing (no
    /// return is told apart as the rejection), NaN from a computation or a call, and guards in a helper method.</para>
    /// </remarks>
    internal static class NaNGuardRule
    {
        /// <summary>States explored from one diverging comparison before giving up on it.</summary>
        private const int StatesPerComparison = 8;

        public static void Check(IlMethodBody body, List<RuntimeTrapFinding> findings)
        {
            List<IlVariable> suspects = FloatVariables(body);
            if (suspects.Count == 0)
            {
                return;
            }

            HashSet<int> reported = new HashSet<int>();
            foreach (IlVariable suspect in suspects)
            {
                NaNFlow device = new NaNFlow(suspect, true, true);
                IlPathExplorer<NaNFlowValue> explorer = new IlPathExplorer<NaNFlowValue>(body, device);
                explorer.Explore(explorer.Entry);
                Dictionary<int, int> analysed = new Dictionary<int, int>();
                foreach (IlPathState<NaNFlowValue> divergence in device.Divergences)
                {
                    IlInstruction comparison = body.Code[divergence.Index];
                    analysed.TryGetValue(comparison.Offset, out int count);
                    if (reported.Contains(comparison.Offset) || count >= StatesPerComparison)
                    {
                        continue;
                    }

                    analysed[comparison.Offset] = count + 1;
                    IlPathOutcome onDotNet = new IlPathExplorer<NaNFlowValue>(body, new NaNFlow(suspect, false, false)).Explore(divergence);
                    if (!onDotNet.OnlyThrows)
                    {
                        continue;
                    }

                    IlPathOutcome onDevice = new IlPathExplorer<NaNFlowValue>(body, new NaNFlow(suspect, true, false)).Explore(divergence);
                    if (onDevice.ReachesReturn)
                    {
                        reported.Add(comparison.Offset);
                        string detail = comparison.OpCode.Name + " with " + body.NameOf(suspect) + " NaN: .NET throws, nanoCLR goes on and returns";
                        findings.Add(new RuntimeTrapFinding(body.Assembly.Name, body.Name, comparison.Offset, RuntimeTrap.NaNGuard, detail));
                    }
                }
            }
        }

        /// <summary>The float32/float64 variables the method loads, if it compares anything at all.</summary>
        private static List<IlVariable> FloatVariables(IlMethodBody body)
        {
            List<IlVariable> variables = new List<IlVariable>();
            bool compares = false;
            foreach (IlInstruction instruction in body.Code)
            {
                compares |= Relation(instruction.OpCode) != null;
                if (body.TryGetVariable(instruction, out IlVariable variable, out IlVariableAccess access) && access == IlVariableAccess.Load
                    && !variables.Contains(variable))
                {
                    string type = body.TypeOf(variable);
                    if (type == "System.Double" || type == "System.Single")
                    {
                        variables.Add(variable);
                    }
                }
            }

            return compares ? variables : new List<IlVariable>();
        }

        /// <summary>"eq", "ne", "ge", "gt", "le" or "lt" for a compare or compare-and-branch opcode; null for any other.</summary>
        private static string Relation(OpCode op)
        {
            string name = op.Name;
            if (name.EndsWith(".s", StringComparison.Ordinal))
            {
                name = name.Substring(0, name.Length - 2);
            }

            if (name.EndsWith(".un", StringComparison.Ordinal))
            {
                name = name.Substring(0, name.Length - 3);
            }

            bool compareOrBranch = (name.Length == 3 && (name[0] == 'b' || name[0] == 'c'))
                && (name.EndsWith("eq", StringComparison.Ordinal) || name.EndsWith("ne", StringComparison.Ordinal) || name.EndsWith("ge", StringComparison.Ordinal)
                    || name.EndsWith("gt", StringComparison.Ordinal) || name.EndsWith("le", StringComparison.Ordinal) || name.EndsWith("lt", StringComparison.Ordinal));
            return compareOrBranch ? name.Substring(1) : null;
        }

        private static bool IsUnordered(OpCode op)
        {
            return op.Name.EndsWith(".un", StringComparison.Ordinal) || op.Name.EndsWith(".un.s", StringComparison.Ordinal);
        }

        /// <summary>The result of a comparison, or null when the operands do not decide it.</summary>
        private static bool? Compare(OpCode op, NaNFlowValue left, NaNFlowValue right, bool nanoClr)
        {
            string relation = Relation(op);
            if (left.Kind == NaNFlowKind.NaN || right.Kind == NaNFlowKind.NaN)
            {
                // nanoCLR: Compare_Values says "greater" for NaN; IEEE: unordered, so only the .un forms are true
                return nanoClr ? relation == "ge" || relation == "gt" || relation == "ne" : IsUnordered(op);
            }

            if (left.Kind != NaNFlowKind.Integer || right.Kind != NaNFlowKind.Integer)
            {
                return null;
            }

            int order = IsUnordered(op) ? ((ulong)left.Integer).CompareTo((ulong)right.Integer) : left.Integer.CompareTo(right.Integer);
            switch (relation)
            {
                case "eq":
                    return order == 0;
                case "ne":
                    return order != 0;
                case "ge":
                    return order >= 0;
                case "gt":
                    return order > 0;
                case "le":
                    return order <= 0;
                default:
                    return order < 0;
            }
        }

        /// <summary>NaN in one variable, compared the .NET way or the nanoCLR way.</summary>
        private sealed class NaNFlow : IIlPathSemantics<NaNFlowValue>
        {
            private readonly IlVariable suspect;
            private readonly bool nanoClr;
            private readonly bool recordDivergences;
            private readonly HashSet<IlPathState<NaNFlowValue>> seen = new HashSet<IlPathState<NaNFlowValue>>();

            public NaNFlow(IlVariable suspect, bool nanoClr, bool recordDivergences)
            {
                this.suspect = suspect;
                this.nanoClr = nanoClr;
                this.recordDivergences = recordDivergences;
            }

            /// <summary>States just before a comparison with NaN whose answer differs between .NET and nanoCLR.</summary>
            public List<IlPathState<NaNFlowValue>> Divergences { get; } = new List<IlPathState<NaNFlowValue>>();

            public NaNFlowValue Unknown => default;

            public NaNFlowValue Load(IlMethodBody body, IlVariable variable, bool clobbered)
            {
                return variable.Equals(suspect) && !clobbered ? NaNFlowValue.NaN : default;
            }

            public NaNFlowValue Evaluate(IlPathStep<NaNFlowValue> step)
            {
                IlInstruction instruction = step.Instruction;
                OpCode op = instruction.OpCode;
                NaNFlowValue[] popped = step.Popped;
                bool anyNaN = Array.Exists(popped, v => v.Kind == NaNFlowKind.NaN);
                if (Relation(op) != null)
                {
                    bool? result = CompareAndNote(step);
                    return result.HasValue ? NaNFlowValue.Known(result.Value) : default;
                }

                if (op.Name.StartsWith("ldc.i4", StringComparison.Ordinal) || op.Value == OpCodes.Ldc_I8.Value)
                {
                    return NaNFlowValue.Known(Constant(instruction));
                }

                if (op.Value == OpCodes.Ldc_R8.Value)
                {
                    return double.IsNaN(BitConverter.Int64BitsToDouble(instruction.Operand)) ? NaNFlowValue.NaN : default;
                }

                if (op.Value == OpCodes.Ldc_R4.Value)
                {
                    return float.IsNaN(BitConverter.Int32BitsToSingle((int)instruction.Operand)) ? NaNFlowValue.NaN : default;
                }

                bool arithmetic = op.Value == OpCodes.Add.Value || op.Value == OpCodes.Sub.Value || op.Value == OpCodes.Mul.Value || op.Value == OpCodes.Div.Value
                    || op.Value == OpCodes.Rem.Value || op.Value == OpCodes.Neg.Value
                    || op.Value == OpCodes.Conv_R4.Value || op.Value == OpCodes.Conv_R8.Value || op.Value == OpCodes.Conv_R_Un.Value;
                if (arithmetic)
                {
                    return anyNaN ? NaNFlowValue.NaN : default;
                }

                if ((op.Value == OpCodes.Call.Value || op.Value == OpCodes.Callvirt.Value) && popped.Length == 1 && anyNaN)
                {
                    string name = MetadataNames.MemberName(step.Body.Reader, MetadataTokens.EntityHandle(instruction.Token));
                    if (name == "System.Double::IsNaN" || name == "System.Single::IsNaN")
                    {
                        return NaNFlowValue.Known(true);
                    }

                    if (name.EndsWith("::IsInfinity", StringComparison.Ordinal) || name.EndsWith("::IsPositiveInfinity", StringComparison.Ordinal) || name.EndsWith("::IsNegativeInfinity", StringComparison.Ordinal))
                    {
                        return NaNFlowValue.Known(false);
                    }
                }

                return default;
            }

            public bool? Decide(IlPathStep<NaNFlowValue> step)
            {
                OpCode op = step.Instruction.OpCode;
                NaNFlowValue condition = step.Popped[step.Popped.Length - 1];
                if (op.Value == OpCodes.Brtrue.Value || op.Value == OpCodes.Brtrue_S.Value)
                {
                    return condition.Kind == NaNFlowKind.Integer ? condition.Integer != 0 : null;
                }

                if (op.Value == OpCodes.Brfalse.Value || op.Value == OpCodes.Brfalse_S.Value)
                {
                    return condition.Kind == NaNFlowKind.Integer ? condition.Integer == 0 : null;
                }

                return Relation(op) != null ? CompareAndNote(step) : null;
            }

            public NaNFlowValue StoreElement(NaNFlowValue array, NaNFlowValue element)
            {
                return array;
            }

            private bool? CompareAndNote(IlPathStep<NaNFlowValue> step)
            {
                OpCode op = step.Instruction.OpCode;
                NaNFlowValue left = step.Popped[0];
                NaNFlowValue right = step.Popped[1];
                bool? result = Compare(op, left, right, nanoClr);
                if (recordDivergences && result != Compare(op, left, right, !nanoClr) && seen.Add(step.State))
                {
                    Divergences.Add(step.State);
                }

                return result;
            }

            private static long Constant(IlInstruction instruction)
            {
                string name = instruction.OpCode.Name;
                if (name == "ldc.i4.m1" || name == "ldc.i4.M1")
                {
                    return -1;
                }

                if (instruction.OpCode.Value == OpCodes.Ldc_I4_S.Value)
                {
                    return unchecked((sbyte)instruction.Operand);
                }

                if (instruction.OpCode.Value == OpCodes.Ldc_I4.Value)
                {
                    return (int)instruction.Operand;
                }

                if (instruction.OpCode.Value == OpCodes.Ldc_I8.Value)
                {
                    return instruction.Operand;
                }

                // ldc.i4.0 .. ldc.i4.8
                return name[name.Length - 1] - '0';
            }
        }
    }
}
