using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace HomeNode.IlAudit
{
    /// <summary>
    /// One method body decoded once for the rules that read it: its instructions, the types and names of its
    /// arguments, locals and the fields it touches, and which instructions lie on paths that only end in a throw.
    /// </summary>
    internal sealed class IlMethodBody
    {
        private static readonly Dictionary<short, KeyValuePair<IlVariableKind, IlVariableAccess>> VariableOpCodes = new Dictionary<short, KeyValuePair<IlVariableKind, IlVariableAccess>>();
        private static readonly Dictionary<short, int> ImplicitIndex = new Dictionary<short, int>();

        private readonly Dictionary<int, int> indexOfOffset = new Dictionary<int, int>();
        private readonly Dictionary<string, string> fieldTypes = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly ImmutableArray<string> localTypes;
        private bool[] throwPath;

        static IlMethodBody()
        {
            Add(IlVariableKind.Argument, IlVariableAccess.Load, OpCodes.Ldarg, OpCodes.Ldarg_S, OpCodes.Ldarg_0, OpCodes.Ldarg_1, OpCodes.Ldarg_2, OpCodes.Ldarg_3);
            Add(IlVariableKind.Argument, IlVariableAccess.Store, OpCodes.Starg, OpCodes.Starg_S);
            Add(IlVariableKind.Argument, IlVariableAccess.Address, OpCodes.Ldarga, OpCodes.Ldarga_S);
            Add(IlVariableKind.Local, IlVariableAccess.Load, OpCodes.Ldloc, OpCodes.Ldloc_S, OpCodes.Ldloc_0, OpCodes.Ldloc_1, OpCodes.Ldloc_2, OpCodes.Ldloc_3);
            Add(IlVariableKind.Local, IlVariableAccess.Store, OpCodes.Stloc, OpCodes.Stloc_S, OpCodes.Stloc_0, OpCodes.Stloc_1, OpCodes.Stloc_2, OpCodes.Stloc_3);
            Add(IlVariableKind.Local, IlVariableAccess.Address, OpCodes.Ldloca, OpCodes.Ldloca_S);
            Add(IlVariableKind.Field, IlVariableAccess.Load, OpCodes.Ldfld, OpCodes.Ldsfld);
            Add(IlVariableKind.Field, IlVariableAccess.Store, OpCodes.Stfld, OpCodes.Stsfld);
            Add(IlVariableKind.Field, IlVariableAccess.Address, OpCodes.Ldflda, OpCodes.Ldsflda);
            OpCode[] implicitArguments = { OpCodes.Ldarg_0, OpCodes.Ldarg_1, OpCodes.Ldarg_2, OpCodes.Ldarg_3 };
            OpCode[] implicitLoads = { OpCodes.Ldloc_0, OpCodes.Ldloc_1, OpCodes.Ldloc_2, OpCodes.Ldloc_3 };
            OpCode[] implicitStores = { OpCodes.Stloc_0, OpCodes.Stloc_1, OpCodes.Stloc_2, OpCodes.Stloc_3 };
            for (int i = 0; i < 4; i++)
            {
                ImplicitIndex.Add(implicitArguments[i].Value, i);
                ImplicitIndex.Add(implicitLoads[i].Value, i);
                ImplicitIndex.Add(implicitStores[i].Value, i);
            }
        }

        private IlMethodBody(LoadedAssembly assembly, MethodDefinitionHandle handle, MethodBodyBlock block)
        {
            Assembly = assembly;
            Handle = handle;
            Block = block;
            MethodDefinition definition = Reader.GetMethodDefinition(handle);
            Name = MetadataNames.MemberName(Reader, handle);
            Signature = definition.DecodeSignature(new SignatureNameProvider(), null);
            DeclaringType = MetadataNames.TypeName(Reader, definition.GetDeclaringType());
            localTypes = block.LocalSignature.IsNil
                ? ImmutableArray<string>.Empty
                : Reader.GetStandaloneSignature(block.LocalSignature).DecodeLocalSignature(new SignatureNameProvider(), null);
            Code = IlDecoder.Decode(block.GetILBytes());
            for (int i = 0; i < Code.Count; i++)
            {
                indexOfOffset.Add(Code[i].Offset, i);
            }
        }

        public LoadedAssembly Assembly { get; }

        public MetadataReader Reader => Assembly.Reader;

        public MethodDefinitionHandle Handle { get; }

        /// <summary>Namespace.Type::Method.</summary>
        public string Name { get; }

        public string DeclaringType { get; }

        public MethodSignature<string> Signature { get; }

        public MethodBodyBlock Block { get; }

        public List<IlInstruction> Code { get; }

        /// <summary>The decoded body, or null for abstract, extern and runtime-implemented methods.</summary>
        public static IlMethodBody Read(LoadedAssembly assembly, MethodDefinitionHandle handle)
        {
            MethodBodyBlock block = assembly.GetMethodBody(handle);
            return block == null ? null : new IlMethodBody(assembly, handle, block);
        }

        public bool TryGetIndex(int offset, out int index)
        {
            return indexOfOffset.TryGetValue(offset, out index);
        }

        /// <summary>True when every path from the instruction ends in a throw (see <see cref="ThrowPaths"/>).</summary>
        public bool OnThrowPath(int index)
        {
            throwPath ??= ThrowPaths.Find(Code, Block);
            return throwPath[index];
        }

        /// <summary>The argument, local or field the instruction loads, stores or takes the address of.</summary>
        public bool TryGetVariable(IlInstruction instruction, out IlVariable variable, out IlVariableAccess access)
        {
            variable = default;
            access = default;
            if (!VariableOpCodes.TryGetValue(instruction.OpCode.Value, out KeyValuePair<IlVariableKind, IlVariableAccess> kind))
            {
                return false;
            }

            access = kind.Value;
            int index = ImplicitIndex.TryGetValue(instruction.OpCode.Value, out int implicitIndex) ? implicitIndex : (int)instruction.Operand;
            switch (kind.Key)
            {
                case IlVariableKind.Argument:
                    variable = IlVariable.Argument(index);
                    return true;
                case IlVariableKind.Local:
                    variable = IlVariable.Local(index);
                    return true;
                default:
                    EntityHandle field = MetadataTokens.EntityHandle(instruction.Token);
                    string name = MetadataNames.MemberName(Reader, field);
                    if (!fieldTypes.ContainsKey(name))
                    {
                        fieldTypes.Add(name, FieldType(field));
                    }

                    variable = IlVariable.FieldNamed(name);
                    return true;
            }
        }

        /// <summary>The declared type of a variable (System.Double, HomeNode.App.X, ...); null when unknown.</summary>
        public string TypeOf(IlVariable variable)
        {
            switch (variable.Kind)
            {
                case IlVariableKind.Argument:
                    if (Signature.Header.IsInstance)
                    {
                        return variable.Index == 0 ? DeclaringType : ParameterType(variable.Index - 1);
                    }

                    return ParameterType(variable.Index);
                case IlVariableKind.Local:
                    return variable.Index < localTypes.Length ? localTypes[variable.Index] : null;
                default:
                    return fieldTypes.TryGetValue(variable.Field, out string type) ? type : null;
            }
        }

        /// <summary>How a message names the variable: the parameter or field name, <c>this</c>, or "local N".</summary>
        public string NameOf(IlVariable variable)
        {
            switch (variable.Kind)
            {
                case IlVariableKind.Argument:
                    int sequence = Signature.Header.IsInstance ? variable.Index : variable.Index + 1;
                    if (sequence == 0)
                    {
                        return "this";
                    }

                    foreach (ParameterHandle handle in Reader.GetMethodDefinition(Handle).GetParameters())
                    {
                        Parameter parameter = Reader.GetParameter(handle);
                        if (parameter.SequenceNumber == sequence)
                        {
                            return "argument " + Reader.GetString(parameter.Name);
                        }
                    }

                    return "argument " + variable.Index;
                case IlVariableKind.Local:
                    return "local " + variable.Index;
                default:
                    return "field " + variable.Field.Substring(variable.Field.IndexOf("::", StringComparison.Ordinal) + 2);
            }
        }

        private static void Add(IlVariableKind kind, IlVariableAccess access, params OpCode[] opCodes)
        {
            foreach (OpCode opCode in opCodes)
            {
                VariableOpCodes.Add(opCode.Value, new KeyValuePair<IlVariableKind, IlVariableAccess>(kind, access));
            }
        }

        private string ParameterType(int index)
        {
            return index >= 0 && index < Signature.ParameterTypes.Length ? Signature.ParameterTypes[index] : null;
        }

        private string FieldType(EntityHandle field)
        {
            if (field.Kind == HandleKind.FieldDefinition)
            {
                return MetadataNames.FieldSignature(Reader, (FieldDefinitionHandle)field);
            }

            if (field.Kind == HandleKind.MemberReference)
            {
                MemberReference member = Reader.GetMemberReference((MemberReferenceHandle)field);
                return member.GetKind() == MemberReferenceKind.Field ? MetadataNames.Signature(Reader, member) : null;
            }

            return null;
        }
    }
}
