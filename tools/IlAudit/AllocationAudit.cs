using System;
using System.Collections.Generic;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace HomeNode.IlAudit
{
    /// <summary>
    /// The static allocation proof: from every method marked [HomeNode.Mqtt.SteadyState], walk the call graph
    /// through the audited assemblies and report each instruction that allocates on the managed heap.
    /// </summary>
    /// <remarks>
    /// <para>Allocating IL: newobj of a reference type (delegates and closures included), newarr, box, a
    /// <c>constrained.</c> call that boxes a value type which does not override the Object method it calls,
    /// and calls to the mscorlib methods in <see cref="AllocatingLibraryMethods"/>. newobj of a value type is
    /// fine (its constructor is walked). Calls into HomeNode assemblies that are not in the scope are reported,
    /// since they cannot be checked.</para>
    /// <para>Edges: call, callvirt, newobj of value types, ldftn and ldvirtftn targets. A callvirt of a virtual
    /// or interface method adds every override and implementation in the audited assemblies; invoking a HomeNode
    /// delegate type adds every method the audited code wraps in that delegate type anywhere. Static
    /// constructors are not walked: they run once, before steady state.</para>
    /// <para>Code on paths that can only end in a throw (argument checks for caller bugs) is skipped, see
    /// <see cref="ThrowPaths"/>. There is no other escape hatch.</para>
    /// </remarks>
    public static class AllocationAudit
    {
        public const string SteadyStateAttributeName = "HomeNode.Mqtt.SteadyStateAttribute";

        /// <summary>A private leaf method whose allocation works around a nanoCLR defect (see the attribute's documentation).</summary>
        public const string NanoClrWorkaroundAttributeName = "HomeNode.Mqtt.NanoClrWorkaroundAttribute";

        public static AllocationReport Run(AuditScope scope)
        {
            if (scope == null)
            {
                throw new ArgumentNullException(nameof(scope));
            }

            Walker walker = new Walker(scope);
            return walker.Run();
        }

        private sealed class MethodScan
        {
            public readonly List<KeyValuePair<int, string>> Allocations = new List<KeyValuePair<int, string>>();
            public readonly List<MethodLocation> Callees = new List<MethodLocation>();
        }

        private sealed class Walker
        {
            private readonly AuditScope scope;
            private readonly Dictionary<MethodLocation, MethodScan> scans = new Dictionary<MethodLocation, MethodScan>();
            private readonly Dictionary<string, HashSet<string>> interfaceClosures = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            private Dictionary<string, List<MethodLocation>> delegateTargets;

            public Walker(AuditScope scope)
            {
                this.scope = scope;
            }

            public AllocationReport Run()
            {
                List<MethodLocation> entries = FindEntryPoints();
                entries.Sort((a, b) => string.CompareOrdinal(a.Assembly.Name + "!" + a.Name + a.Signature, b.Assembly.Name + "!" + b.Name + b.Signature));
                HashSet<MethodLocation> reachable = new HashSet<MethodLocation>();
                HashSet<string> reported = new HashSet<string>(StringComparer.Ordinal);
                List<AllocationFinding> findings = new List<AllocationFinding>();
                List<string> entryNames = new List<string>();
                foreach (MethodLocation entry in entries)
                {
                    entryNames.Add(entry.Assembly.Name + "!" + entry.Name);
                    Dictionary<MethodLocation, MethodLocation> parent = new Dictionary<MethodLocation, MethodLocation>();
                    Queue<MethodLocation> queue = new Queue<MethodLocation>();
                    parent[entry] = entry;
                    queue.Enqueue(entry);
                    if (entry.Definition.RelativeVirtualAddress == 0)
                    {
                        // an abstract or interface method marked as steady state stands for its implementations
                        foreach (MethodLocation implementation in Overrides(entry))
                        {
                            if (!parent.ContainsKey(implementation))
                            {
                                parent[implementation] = entry;
                                queue.Enqueue(implementation);
                            }
                        }
                    }

                    while (queue.Count > 0)
                    {
                        MethodLocation method = queue.Dequeue();
                        reachable.Add(method);
                        MethodScan scan = Scan(method);
                        foreach (KeyValuePair<int, string> allocation in scan.Allocations)
                        {
                            string key = method.Assembly.Name + "!" + MetadataTokens.GetToken(method.Handle) + "@" + allocation.Key;
                            if (reported.Add(key))
                            {
                                findings.Add(new AllocationFinding(method.Assembly.Name, method.Name, allocation.Key, allocation.Value, entry.Name, PathBetween(parent, entry, method)));
                            }
                        }

                        foreach (MethodLocation callee in scan.Callees)
                        {
                            if (!parent.ContainsKey(callee))
                            {
                                parent[callee] = method;
                                queue.Enqueue(callee);
                            }
                        }
                    }
                }

                return new AllocationReport(entryNames, reachable.Count, findings);
            }

            private static List<string> PathBetween(Dictionary<MethodLocation, MethodLocation> parent, MethodLocation entry, MethodLocation method)
            {
                List<string> path = new List<string>();
                MethodLocation current = parent[method];
                while (!current.Equals(entry))
                {
                    path.Add(current.Name);
                    current = parent[current];
                }

                path.Reverse();
                return path;
            }

            private List<MethodLocation> FindEntryPoints()
            {
                List<MethodLocation> entries = new List<MethodLocation>();
                foreach (LoadedAssembly assembly in scope.Assemblies)
                {
                    MetadataReader reader = assembly.Reader;
                    foreach (MethodDefinitionHandle handle in reader.MethodDefinitions)
                    {
                        foreach (CustomAttributeHandle attributeHandle in reader.GetMethodDefinition(handle).GetCustomAttributes())
                        {
                            if (AttributeTypeName(reader, reader.GetCustomAttribute(attributeHandle)) == SteadyStateAttributeName)
                            {
                                entries.Add(new MethodLocation(assembly, handle));
                                break;
                            }
                        }
                    }
                }

                return entries;
            }

            private static bool HasAttribute(MetadataReader reader, MethodDefinition definition, string attributeTypeName)
            {
                foreach (CustomAttributeHandle attributeHandle in definition.GetCustomAttributes())
                {
                    if (AttributeTypeName(reader, reader.GetCustomAttribute(attributeHandle)) == attributeTypeName)
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// A workaround method's own allocations are accepted; it must be private and call only mscorlib, so nothing
            /// else can hide behind it. A violation is reported as a finding of the method.
            /// </summary>
            private static void CheckWorkaround(MethodLocation method, List<IlInstruction> code, MetadataReader reader, MethodScan scan)
            {
                if ((method.Definition.Attributes & MethodAttributes.MemberAccessMask) != MethodAttributes.Private)
                {
                    scan.Allocations.Add(new KeyValuePair<int, string>(0, "[NanoClrWorkaround] method is not private"));
                }

                foreach (IlInstruction instruction in code)
                {
                    short op = instruction.OpCode.Value;
                    bool isCall = op == OpCodes.Call.Value || op == OpCodes.Callvirt.Value || op == OpCodes.Newobj.Value || op == OpCodes.Ldftn.Value;
                    if (isCall && instruction.Token != 0)
                    {
                        EntityHandle target = MetadataTokens.EntityHandle(instruction.Token);
                        if (target.Kind == HandleKind.MethodDefinition)
                        {
                            scan.Allocations.Add(new KeyValuePair<int, string>(instruction.Offset, "[NanoClrWorkaround] method calls a HomeNode method"));
                        }
                    }
                }
            }

            private static string AttributeTypeName(MetadataReader reader, CustomAttribute attribute)
            {
                EntityHandle constructor = attribute.Constructor;
                if (constructor.Kind == HandleKind.MethodDefinition)
                {
                    return MetadataNames.TypeName(reader, reader.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType());
                }

                if (constructor.Kind == HandleKind.MemberReference)
                {
                    return MetadataNames.TypeName(reader, reader.GetMemberReference((MemberReferenceHandle)constructor).Parent);
                }

                return null;
            }

            private MethodScan Scan(MethodLocation method)
            {
                if (scans.TryGetValue(method, out MethodScan cached))
                {
                    return cached;
                }

                MethodScan scan = new MethodScan();
                scans.Add(method, scan);
                MethodBodyBlock body = method.Assembly.GetMethodBody(method.Handle);
                if (body == null)
                {
                    return scan;
                }

                List<IlInstruction> code = IlDecoder.Decode(body.GetILBytes());
                bool[] throwPath = ThrowPaths.Find(code, body);
                MetadataReader reader = method.Assembly.Reader;
                if (HasAttribute(reader, method.Definition, NanoClrWorkaroundAttributeName))
                {
                    CheckWorkaround(method, code, reader, scan);
                    return scan;
                }

                for (int i = 0; i < code.Count; i++)
                {
                    if (throwPath[i])
                    {
                        continue;
                    }

                    IlInstruction instruction = code[i];
                    short op = instruction.OpCode.Value;
                    if (op == OpCodes.Newarr.Value)
                    {
                        scan.Allocations.Add(Finding(instruction, "newarr " + TypeName(reader, instruction)));
                    }
                    else if (op == OpCodes.Box.Value)
                    {
                        scan.Allocations.Add(Finding(instruction, "box " + TypeName(reader, instruction)));
                    }
                    else if (op == OpCodes.Newobj.Value)
                    {
                        ScanNewObject(method, code, i, scan);
                    }
                    else if (op == OpCodes.Call.Value || op == OpCodes.Callvirt.Value)
                    {
                        IlInstruction? constrained = i > 0 && code[i - 1].OpCode.Value == OpCodes.Constrained.Value ? code[i - 1] : null;
                        ScanCall(method, instruction, constrained, scan);
                    }
                    else if (op == OpCodes.Ldftn.Value || op == OpCodes.Ldvirtftn.Value)
                    {
                        // the delegate built from it may be invoked later in steady state
                        AddTarget(method, instruction, op == OpCodes.Ldvirtftn.Value, scan);
                    }
                }

                return scan;
            }

            private static KeyValuePair<int, string> Finding(IlInstruction instruction, string text)
            {
                return new KeyValuePair<int, string>(instruction.Offset, text);
            }

            private static string TypeName(MetadataReader reader, IlInstruction instruction)
            {
                return MetadataNames.TypeName(reader, MetadataTokens.EntityHandle(instruction.Token));
            }

            private void ScanNewObject(MethodLocation method, List<IlInstruction> code, int index, MethodScan scan)
            {
                IlInstruction instruction = code[index];
                MetadataReader reader = method.Assembly.Reader;
                EntityHandle constructor = MetadataTokens.EntityHandle(instruction.Token);
                EntityHandle typeHandle = DeclaringType(reader, constructor);
                string typeName = typeHandle.IsNil ? MetadataNames.MemberName(reader, constructor) : MetadataNames.TypeName(reader, typeHandle);
                if (!typeHandle.IsNil && scope.TryResolveType(method.Assembly, typeHandle, out TypeLocation type))
                {
                    if (scope.IsValueType(type))
                    {
                        AddTarget(method, instruction, false, scan);
                        return;
                    }

                    if (scope.IsDelegate(type))
                    {
                        string target = string.Empty;
                        if (index > 0 && (code[index - 1].OpCode.Value == OpCodes.Ldftn.Value || code[index - 1].OpCode.Value == OpCodes.Ldvirtftn.Value))
                        {
                            target = " (" + code[index - 1].OpCode.Name + " " + MetadataNames.MemberName(reader, MetadataTokens.EntityHandle(code[index - 1].Token)) + ")";
                        }

                        scan.Allocations.Add(Finding(instruction, "newobj delegate " + typeName + target));
                        return;
                    }
                }

                scan.Allocations.Add(Finding(instruction, "newobj " + typeName));
            }

            private void ScanCall(MethodLocation method, IlInstruction instruction, IlInstruction? constrained, MethodScan scan)
            {
                MetadataReader reader = method.Assembly.Reader;
                EntityHandle token = MetadataTokens.EntityHandle(instruction.Token);
                string name = MetadataNames.MemberName(reader, token);
                string opName = instruction.OpCode.Name;
                if (scope.TryResolveMethod(method.Assembly, token, out MethodLocation target) && !scope.IsAudited(target.Assembly))
                {
                    string reason = AllocatingLibraryMethods.Reason(target.DeclaringType.Name, target.Assembly.Reader.GetString(target.Definition.Name));
                    if (reason != null)
                    {
                        scan.Allocations.Add(Finding(instruction, opName + " " + name + " (" + reason + ")"));
                        return;
                    }

                    if (constrained.HasValue && BoxesReceiver(method.Assembly, constrained.Value, target))
                    {
                        scan.Allocations.Add(Finding(instruction, "box by constrained. " + TypeName(reader, constrained.Value) + " " + opName + " " + name));
                        return;
                    }
                }

                AddTarget(method, instruction, instruction.OpCode.Value == OpCodes.Callvirt.Value, scan);
            }

            /// <summary>
            /// A constrained. call on a value type that does not implement the method itself passes the value boxed
            /// (ECMA-335 §III.2.1): Object/ValueType/Enum methods it does not override.
            /// </summary>
            private bool BoxesReceiver(LoadedAssembly assembly, IlInstruction constrained, MethodLocation target)
            {
                if (!scope.TryResolveType(assembly, MetadataTokens.EntityHandle(constrained.Token), out TypeLocation type) || !scope.IsValueType(type))
                {
                    return false;
                }

                string declaring = target.DeclaringType.Name;
                if (declaring != "System.Object" && declaring != "System.ValueType" && declaring != "System.Enum")
                {
                    return false;
                }

                string methodName = target.Assembly.Reader.GetString(target.Definition.Name);
                return !scope.TryFindMethod(type, methodName, target.Signature, out _);
            }

            /// <summary>Adds the callee (and for a virtual call every override in scope), or reports why it cannot be followed.</summary>
            private void AddTarget(MethodLocation method, IlInstruction instruction, bool isVirtualCall, MethodScan scan)
            {
                MetadataReader reader = method.Assembly.Reader;
                EntityHandle token = MetadataTokens.EntityHandle(instruction.Token);
                if (!scope.TryResolveMethod(method.Assembly, token, out MethodLocation target))
                {
                    if (IsIntoHomeNode(reader, token))
                    {
                        scan.Allocations.Add(Finding(instruction, instruction.OpCode.Name + " " + MetadataNames.MemberName(reader, token) + " (target not in the audited assemblies; cannot prove it does not allocate)"));
                    }

                    return;
                }

                if (scope.IsAudited(target.Assembly))
                {
                    scan.Callees.Add(target);
                    TypeLocation declaring = target.DeclaringType;
                    if (isVirtualCall && scope.IsDelegate(declaring) && target.Assembly.Reader.StringComparer.Equals(target.Definition.Name, "Invoke")
                        && DelegateTargets().TryGetValue(declaring.Name, out List<MethodLocation> invoked))
                    {
                        // the delegate may have been built outside steady state (at start-up) and is only invoked here
                        scan.Callees.AddRange(invoked);
                    }
                }

                if (isVirtualCall && (target.Definition.Attributes & MethodAttributes.Virtual) != 0)
                {
                    scan.Callees.AddRange(Overrides(target));
                }
            }

            private bool IsIntoHomeNode(MetadataReader reader, EntityHandle token)
            {
                EntityHandle parent = DeclaringType(reader, token);
                if (parent.Kind == HandleKind.TypeReference)
                {
                    string assembly = MetadataNames.ScopeAssembly(reader, (TypeReferenceHandle)parent);
                    return assembly == null || assembly.StartsWith("HomeNode.", StringComparison.Ordinal);
                }

                return parent.Kind == HandleKind.TypeSpecification;
            }

            private static EntityHandle DeclaringType(MetadataReader reader, EntityHandle member)
            {
                switch (member.Kind)
                {
                    case HandleKind.MethodDefinition:
                        return reader.GetMethodDefinition((MethodDefinitionHandle)member).GetDeclaringType();
                    case HandleKind.MemberReference:
                        EntityHandle parent = reader.GetMemberReference((MemberReferenceHandle)member).Parent;
                        return parent.Kind == HandleKind.MethodDefinition ? DeclaringType(reader, parent) : parent;
                    case HandleKind.MethodSpecification:
                        return DeclaringType(reader, reader.GetMethodSpecification((MethodSpecificationHandle)member).Method);
                    default:
                        return default;
                }
            }

            /// <summary>Every method in the audited assemblies that overrides or implements <paramref name="method"/>.</summary>
            private List<MethodLocation> Overrides(MethodLocation method)
            {
                List<MethodLocation> result = new List<MethodLocation>();
                TypeLocation declaring = method.DeclaringType;
                string declaringName = declaring.Name;
                bool isInterface = scope.IsInterface(declaring);
                string name = method.Assembly.Reader.GetString(method.Definition.Name);
                string signature = method.Signature;
                foreach (LoadedAssembly assembly in scope.Assemblies)
                {
                    MetadataReader reader = assembly.Reader;
                    foreach (TypeDefinitionHandle handle in reader.TypeDefinitions)
                    {
                        TypeLocation type = new TypeLocation(assembly, handle);
                        if (scope.IsInterface(type))
                        {
                            continue;
                        }

                        if (isInterface)
                        {
                            if (!InterfaceClosure(type).Contains(declaringName))
                            {
                                continue;
                            }

                            foreach (MethodImplementationHandle implementationHandle in type.Definition.GetMethodImplementations())
                            {
                                MethodImplementation implementation = reader.GetMethodImplementation(implementationHandle);
                                if (MetadataNames.MemberName(reader, implementation.MethodDeclaration) == declaringName + "::" + name
                                    && implementation.MethodBody.Kind == HandleKind.MethodDefinition)
                                {
                                    result.Add(new MethodLocation(assembly, (MethodDefinitionHandle)implementation.MethodBody));
                                }
                            }
                        }
                        else if (!scope.DerivesFrom(type, declaringName))
                        {
                            continue;
                        }

                        if (scope.TryFindMethod(type, name, signature, out MethodDefinitionHandle found)
                            && (reader.GetMethodDefinition(found).Attributes & MethodAttributes.Virtual) != 0)
                        {
                            result.Add(new MethodLocation(assembly, found));
                        }
                    }
                }

                return result;
            }

            /// <summary>For each delegate type, every method any audited code wraps in one (ldftn/ldvirtftn then newobj).</summary>
            private Dictionary<string, List<MethodLocation>> DelegateTargets()
            {
                if (delegateTargets != null)
                {
                    return delegateTargets;
                }

                delegateTargets = new Dictionary<string, List<MethodLocation>>(StringComparer.Ordinal);
                foreach (LoadedAssembly assembly in scope.Assemblies)
                {
                    MetadataReader reader = assembly.Reader;
                    foreach (MethodDefinitionHandle handle in reader.MethodDefinitions)
                    {
                        MethodBodyBlock body = assembly.GetMethodBody(handle);
                        if (body == null)
                        {
                            continue;
                        }

                        List<IlInstruction> code = IlDecoder.Decode(body.GetILBytes());
                        for (int i = 0; i + 1 < code.Count; i++)
                        {
                            short op = code[i].OpCode.Value;
                            if ((op != OpCodes.Ldftn.Value && op != OpCodes.Ldvirtftn.Value) || code[i + 1].OpCode.Value != OpCodes.Newobj.Value)
                            {
                                continue;
                            }

                            EntityHandle delegateType = DeclaringType(reader, MetadataTokens.EntityHandle(code[i + 1].Token));
                            if (delegateType.IsNil || !scope.TryResolveMethod(assembly, MetadataTokens.EntityHandle(code[i].Token), out MethodLocation target) || !scope.IsAudited(target.Assembly))
                            {
                                continue;
                            }

                            string name = MetadataNames.TypeName(reader, delegateType);
                            if (!delegateTargets.TryGetValue(name, out List<MethodLocation> targets))
                            {
                                targets = new List<MethodLocation>();
                                delegateTargets.Add(name, targets);
                            }

                            targets.Add(target);
                            if (op == OpCodes.Ldvirtftn.Value)
                            {
                                targets.AddRange(Overrides(target));
                            }
                        }
                    }
                }

                return delegateTargets;
            }

            private HashSet<string> InterfaceClosure(TypeLocation type)
            {
                string key = type.Assembly.Name + "!" + type.Name;
                if (!interfaceClosures.TryGetValue(key, out HashSet<string> closure))
                {
                    closure = scope.InterfaceClosure(type);
                    interfaceClosures.Add(key, closure);
                }

                return closure;
            }
        }
    }
}
