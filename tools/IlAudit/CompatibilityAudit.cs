using System;
using System.Collections.Generic;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace HomeNode.IlAudit
{
    /// <summary>
    /// Checks that the nano assemblies only use what the device runtime has: no generic definitions or
    /// instantiations, references to mscorlib 1.17.11.0 and HomeNode siblings only, and every type and member
    /// referenced in mscorlib present in the real device mscorlib.
    /// </summary>
    public static class CompatibilityAudit
    {
        public static CompatibilityReport Run(AuditScope scope)
        {
            if (scope == null)
            {
                throw new ArgumentNullException(nameof(scope));
            }

            List<CompatibilityFinding> findings = new List<CompatibilityFinding>();
            LoadedAssembly core = scope.CoreLibrary;
            if (core.Name != DeviceCoreLibrary.AssemblyName || core.Version != DeviceCoreLibrary.AssemblyVersion)
            {
                findings.Add(new CompatibilityFinding(core.Name, core.Path, "the reference library is " + core + ", expected " + DeviceCoreLibrary.AssemblyName + " " + DeviceCoreLibrary.AssemblyVersion));
            }

            int checkedReferences = 0;
            foreach (LoadedAssembly assembly in scope.Assemblies)
            {
                checkedReferences += Check(scope, assembly, findings);
            }

            return new CompatibilityReport(scope.Assemblies.Count, checkedReferences, findings);
        }

        private static int Check(AuditScope scope, LoadedAssembly assembly, List<CompatibilityFinding> findings)
        {
            MetadataReader reader = assembly.Reader;
            void Report(string place, string problem) => findings.Add(new CompatibilityFinding(assembly.Name, place, problem));

            foreach (AssemblyReferenceHandle handle in reader.AssemblyReferences)
            {
                AssemblyReference reference = reader.GetAssemblyReference(handle);
                string name = reader.GetString(reference.Name);
                bool deviceCore = name == DeviceCoreLibrary.AssemblyName && reference.Version == DeviceCoreLibrary.AssemblyVersion;
                if (!deviceCore && !name.StartsWith("HomeNode.", StringComparison.Ordinal))
                {
                    Report("AssemblyRef " + name + " " + reference.Version, "only " + DeviceCoreLibrary.AssemblyName + " " + DeviceCoreLibrary.AssemblyVersion + " and HomeNode assemblies may be referenced");
                }
            }

            Dictionary<int, string> firstUse = new Dictionary<int, string>();
            foreach (TypeDefinitionHandle typeHandle in reader.TypeDefinitions)
            {
                TypeDefinition type = reader.GetTypeDefinition(typeHandle);
                string typeName = MetadataNames.TypeName(reader, typeHandle);
                if (type.GetGenericParameters().Count > 0)
                {
                    Report(typeName, "generic type definition (" + type.GetGenericParameters().Count + " type parameter(s))");
                }

                CheckGenericUse(reader, type.BaseType, typeName, "base type", Report);
                foreach (InterfaceImplementationHandle implementation in type.GetInterfaceImplementations())
                {
                    CheckGenericUse(reader, reader.GetInterfaceImplementation(implementation).Interface, typeName, "interface", Report);
                }

                foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
                {
                    SignatureNameProvider provider = new SignatureNameProvider();
                    string fieldType = reader.GetFieldDefinition(fieldHandle).DecodeSignature(provider, null);
                    if (provider.SawGenericInstantiation)
                    {
                        Report(MetadataNames.MemberName(reader, fieldHandle), "field of generic type " + fieldType);
                    }
                }

                foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
                {
                    MethodDefinition method = reader.GetMethodDefinition(methodHandle);
                    string methodName = MetadataNames.MemberName(reader, methodHandle);
                    if (method.GetGenericParameters().Count > 0)
                    {
                        Report(methodName, "generic method definition (" + method.GetGenericParameters().Count + " type parameter(s))");
                    }

                    SignatureNameProvider provider = new SignatureNameProvider();
                    MethodSignature<string> signature = method.DecodeSignature(provider, null);
                    if (provider.SawGenericInstantiation)
                    {
                        Report(methodName, "signature uses a generic instantiation: " + MetadataNames.Format(signature));
                    }

                    ScanBody(assembly, methodHandle, methodName, firstUse, Report);
                }
            }

            for (int row = 1; row <= reader.GetTableRowCount(TableIndex.TypeSpec); row++)
            {
                TypeSpecificationHandle handle = MetadataTokens.TypeSpecificationHandle(row);
                SignatureNameProvider provider = new SignatureNameProvider();
                string name = reader.GetTypeSpecification(handle).DecodeSignature(provider, null);
                if (provider.SawGenericInstantiation || provider.SawGenericParameter)
                {
                    Report(Place(firstUse, handle, "TypeSpec"), "generic instantiation " + name);
                }
            }

            for (int row = 1; row <= reader.GetTableRowCount(TableIndex.MethodSpec); row++)
            {
                MethodSpecificationHandle handle = MetadataTokens.MethodSpecificationHandle(row);
                Report(Place(firstUse, handle, "MethodSpec"), "generic method instantiation " + MetadataNames.MemberName(reader, handle));
            }

            int checkedReferences = 0;
            foreach (TypeReferenceHandle handle in reader.TypeReferences)
            {
                string scopeName = MetadataNames.ScopeAssembly(reader, handle);
                LoadedAssembly target = scope.Find(scopeName);
                if (target == null)
                {
                    continue;
                }

                checkedReferences++;
                if (!scope.TryResolveType(assembly, handle, out _))
                {
                    Report(Place(firstUse, handle, "TypeRef"), "type " + MetadataNames.TypeName(reader, handle) + " does not exist in " + target);
                }
            }

            foreach (MemberReferenceHandle handle in reader.MemberReferences)
            {
                MemberReference member = reader.GetMemberReference(handle);
                if (member.Parent.Kind != HandleKind.TypeReference)
                {
                    continue;
                }

                LoadedAssembly target = scope.Find(MetadataNames.ScopeAssembly(reader, (TypeReferenceHandle)member.Parent));
                if (target == null || !scope.TryResolveType(assembly, member.Parent, out TypeLocation type))
                {
                    continue;
                }

                checkedReferences++;
                string signature = MetadataNames.Signature(reader, member);
                if (!HasMember(scope, type, reader.GetString(member.Name), signature, member.GetKind() == MemberReferenceKind.Field))
                {
                    Report(Place(firstUse, handle, "MemberRef"), "member " + MetadataNames.MemberName(reader, handle) + " " + signature + " does not exist in " + target);
                }
            }

            return checkedReferences;
        }

        private delegate void Reporter(string place, string problem);

        private static void CheckGenericUse(MetadataReader reader, EntityHandle handle, string place, string what, Reporter report)
        {
            if (handle.Kind != HandleKind.TypeSpecification)
            {
                return;
            }

            SignatureNameProvider provider = new SignatureNameProvider();
            string name = reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(provider, null);
            if (provider.SawGenericInstantiation)
            {
                report(place, what + " is a generic instantiation " + name);
            }
        }

        /// <summary>Records where each token is first used and checks the locals signature.</summary>
        private static void ScanBody(LoadedAssembly assembly, MethodDefinitionHandle handle, string methodName, Dictionary<int, string> firstUse, Reporter report)
        {
            MethodBodyBlock body = assembly.GetMethodBody(handle);
            if (body == null)
            {
                return;
            }

            if (!body.LocalSignature.IsNil)
            {
                SignatureNameProvider provider = new SignatureNameProvider();
                var locals = assembly.Reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(provider, null);
                if (provider.SawGenericInstantiation)
                {
                    report(methodName, "local of generic type (" + string.Join(", ", locals) + ")");
                }
            }

            foreach (IlInstruction instruction in IlDecoder.Decode(body.GetILBytes()))
            {
                OperandType operand = instruction.OpCode.OperandType;
                bool isToken = operand == OperandType.InlineMethod || operand == OperandType.InlineType || operand == OperandType.InlineField || operand == OperandType.InlineTok;
                if (!isToken)
                {
                    continue;
                }

                string place = methodName + " IL_" + instruction.Offset.ToString("X4");
                firstUse.TryAdd(instruction.Token, place);
                EntityHandle token = MetadataTokens.EntityHandle(instruction.Token);
                if (token.Kind == HandleKind.MemberReference)
                {
                    // a member of a generic instantiation is reached through its parent TypeSpec
                    firstUse.TryAdd(MetadataTokens.GetToken(assembly.Reader.GetMemberReference((MemberReferenceHandle)token).Parent), place);
                }
            }
        }

        private static string Place(Dictionary<int, string> firstUse, EntityHandle handle, string table)
        {
            int token = MetadataTokens.GetToken(handle);
            return firstUse.TryGetValue(token, out string place) ? place : table + " 0x" + token.ToString("X8");
        }

        private static bool HasMember(AuditScope scope, TypeLocation type, string name, string signature, bool isField)
        {
            for (int depth = 0; depth < 64; depth++)
            {
                MetadataReader reader = type.Assembly.Reader;
                if (isField)
                {
                    foreach (FieldDefinitionHandle field in type.Definition.GetFields())
                    {
                        if (reader.StringComparer.Equals(reader.GetFieldDefinition(field).Name, name) && MetadataNames.FieldSignature(reader, field) == signature)
                        {
                            return true;
                        }
                    }
                }
                else if (scope.TryFindMethod(type, name, signature, out _))
                {
                    return true;
                }

                if (!scope.TryGetBaseType(type, out type))
                {
                    return false;
                }
            }

            return false;
        }
    }
}
