using System;
using System.Collections.Generic;
using System.Reflection;
using System.Reflection.Metadata;

namespace HomeNode.IlAudit
{
    /// <summary>
    /// The assemblies under audit plus the device mscorlib they were compiled against, with type lookup across
    /// them (base types, interfaces, overrides) by name.
    /// </summary>
    public sealed class AuditScope : IDisposable
    {
        private readonly Dictionary<string, LoadedAssembly> byName = new Dictionary<string, LoadedAssembly>(StringComparer.Ordinal);

        private AuditScope(List<LoadedAssembly> audited, LoadedAssembly coreLibrary)
        {
            Assemblies = audited;
            CoreLibrary = coreLibrary;
            foreach (LoadedAssembly assembly in audited)
            {
                if (byName.ContainsKey(assembly.Name))
                {
                    throw new ArgumentException("assembly " + assembly.Name + " given twice");
                }

                byName.Add(assembly.Name, assembly);
            }
        }

        public IReadOnlyList<LoadedAssembly> Assemblies { get; }

        public LoadedAssembly CoreLibrary { get; }

        /// <param name="assemblyPaths">the compiled nano assemblies (bin/&lt;Configuration&gt;/nano/HomeNode.*.dll)</param>
        /// <param name="coreLibraryPath">the device mscorlib; see <see cref="DeviceCoreLibrary.DefaultPath"/></param>
        public static AuditScope Open(IEnumerable<string> assemblyPaths, string coreLibraryPath)
        {
            List<LoadedAssembly> audited = new List<LoadedAssembly>();
            LoadedAssembly coreLibrary = null;
            try
            {
                foreach (string path in assemblyPaths)
                {
                    audited.Add(LoadedAssembly.Read(path));
                }

                coreLibrary = LoadedAssembly.Read(coreLibraryPath);
                return new AuditScope(audited, coreLibrary);
            }
            catch
            {
                foreach (LoadedAssembly assembly in audited)
                {
                    assembly.Dispose();
                }

                coreLibrary?.Dispose();
                throw;
            }
        }

        /// <summary>An audited assembly by simple name, or the core library for "mscorlib"; null when neither.</summary>
        public LoadedAssembly Find(string assemblyName)
        {
            if (assemblyName == null)
            {
                return null;
            }

            if (byName.TryGetValue(assemblyName, out LoadedAssembly assembly))
            {
                return assembly;
            }

            return string.Equals(assemblyName, CoreLibrary.Name, StringComparison.Ordinal) ? CoreLibrary : null;
        }

        public bool IsAudited(LoadedAssembly assembly)
        {
            return assembly != null && assembly != CoreLibrary;
        }

        /// <summary>Where a TypeDef/TypeRef handle in <paramref name="from"/> is defined; false for TypeSpecs and unresolvable references.</summary>
        internal bool TryResolveType(LoadedAssembly from, EntityHandle handle, out TypeLocation location)
        {
            location = default;
            if (handle.Kind == HandleKind.TypeDefinition)
            {
                location = new TypeLocation(from, (TypeDefinitionHandle)handle);
                return true;
            }

            if (handle.Kind != HandleKind.TypeReference)
            {
                return false;
            }

            TypeReferenceHandle reference = (TypeReferenceHandle)handle;
            string scope = MetadataNames.ScopeAssembly(from.Reader, reference);
            LoadedAssembly target = scope == null ? from : Find(scope);
            if (target == null || !target.TryFindType(MetadataNames.TypeName(from.Reader, reference), out TypeDefinitionHandle definition))
            {
                return false;
            }

            location = new TypeLocation(target, definition);
            return true;
        }

        internal bool TryGetBaseType(TypeLocation type, out TypeLocation baseType)
        {
            EntityHandle handle = type.Definition.BaseType;
            baseType = default;
            return !handle.IsNil && TryResolveType(type.Assembly, handle, out baseType);
        }

        /// <summary>True when <paramref name="type"/> has a base type (not itself) with this full name.</summary>
        internal bool DerivesFrom(TypeLocation type, string baseTypeName)
        {
            TypeLocation current = type;
            for (int depth = 0; depth < 64 && TryGetBaseType(current, out TypeLocation next); depth++)
            {
                if (next.Name == baseTypeName)
                {
                    return true;
                }

                current = next;
            }

            return false;
        }

        internal bool IsValueType(TypeLocation type)
        {
            return (DerivesFrom(type, "System.ValueType") && type.Name != "System.Enum") || DerivesFrom(type, "System.Enum");
        }

        internal bool IsDelegate(TypeLocation type)
        {
            return DerivesFrom(type, "System.MulticastDelegate") || DerivesFrom(type, "System.Delegate");
        }

        internal bool IsInterface(TypeLocation type)
        {
            return (type.Definition.Attributes & TypeAttributes.Interface) != 0;
        }

        /// <summary>Full names of every interface the type implements, through base types and base interfaces.</summary>
        internal HashSet<string> InterfaceClosure(TypeLocation type)
        {
            HashSet<string> names = new HashSet<string>(StringComparer.Ordinal);
            Stack<TypeLocation> pending = new Stack<TypeLocation>();
            pending.Push(type);
            HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);
            while (pending.Count > 0)
            {
                TypeLocation current = pending.Pop();
                if (!seen.Add(current.Assembly.Name + "!" + current.Name))
                {
                    continue;
                }

                foreach (InterfaceImplementationHandle handle in current.Definition.GetInterfaceImplementations())
                {
                    EntityHandle implemented = current.Assembly.Reader.GetInterfaceImplementation(handle).Interface;
                    names.Add(MetadataNames.TypeName(current.Assembly.Reader, implemented));
                    if (TryResolveType(current.Assembly, implemented, out TypeLocation resolved))
                    {
                        pending.Push(resolved);
                    }
                }

                if (TryGetBaseType(current, out TypeLocation baseType))
                {
                    pending.Push(baseType);
                }
            }

            return names;
        }

        /// <summary>A method of <paramref name="type"/> (not its bases) with this name and signature.</summary>
        internal bool TryFindMethod(TypeLocation type, string name, string signature, out MethodDefinitionHandle method)
        {
            MetadataReader reader = type.Assembly.Reader;
            foreach (MethodDefinitionHandle candidate in type.Definition.GetMethods())
            {
                MethodDefinition definition = reader.GetMethodDefinition(candidate);
                if (reader.StringComparer.Equals(definition.Name, name) && MetadataNames.Signature(reader, candidate) == signature)
                {
                    method = candidate;
                    return true;
                }
            }

            method = default;
            return false;
        }

        /// <summary>The definition a MethodDef/MemberRef token names, in scope or in the core library, searching base types.</summary>
        internal bool TryResolveMethod(LoadedAssembly assembly, EntityHandle token, out MethodLocation target)
        {
            target = default;
            MetadataReader reader = assembly.Reader;
            if (token.Kind == HandleKind.MethodDefinition)
            {
                target = new MethodLocation(assembly, (MethodDefinitionHandle)token);
                return true;
            }

            if (token.Kind != HandleKind.MemberReference)
            {
                return false;
            }

            MemberReference member = reader.GetMemberReference((MemberReferenceHandle)token);
            if (member.Parent.Kind == HandleKind.MethodDefinition)
            {
                target = new MethodLocation(assembly, (MethodDefinitionHandle)member.Parent);
                return true;
            }

            if (!TryResolveType(assembly, member.Parent, out TypeLocation type))
            {
                return false;
            }

            string name = reader.GetString(member.Name);
            string signature = MetadataNames.Signature(reader, member);
            for (int depth = 0; depth < 64; depth++)
            {
                if (TryFindMethod(type, name, signature, out MethodDefinitionHandle found))
                {
                    target = new MethodLocation(type.Assembly, found);
                    return true;
                }

                if (!TryGetBaseType(type, out type))
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>True when the TypeDef/TypeRef resolves to an enum (a type whose base is System.Enum).</summary>
        internal bool IsEnum(LoadedAssembly from, EntityHandle handle, out TypeLocation type)
        {
            return TryResolveType(from, handle, out type) && TryGetBaseType(type, out TypeLocation baseType) && baseType.Name == "System.Enum";
        }

        public void Dispose()
        {
            foreach (LoadedAssembly assembly in Assemblies)
            {
                assembly.Dispose();
            }

            CoreLibrary.Dispose();
        }
    }
}
