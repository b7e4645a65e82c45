using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace HomeNode.IlAudit
{
    /// <summary>
    /// One assembly read as ECMA-335 metadata from its file bytes; nothing is loaded into the runtime, so
    /// assemblies built against the device mscorlib can be inspected on the host.
    /// </summary>
    public sealed class LoadedAssembly : IDisposable
    {
        private readonly PEReader peReader;
        private readonly Dictionary<string, TypeDefinitionHandle> typesByName = new Dictionary<string, TypeDefinitionHandle>(StringComparer.Ordinal);

        private LoadedAssembly(string path, PEReader peReader)
        {
            Path = path;
            this.peReader = peReader;
            Reader = peReader.GetMetadataReader();
            AssemblyDefinition definition = Reader.GetAssemblyDefinition();
            Name = Reader.GetString(definition.Name);
            Version = definition.Version;
            foreach (TypeDefinitionHandle type in Reader.TypeDefinitions)
            {
                typesByName[MetadataNames.TypeName(Reader, type)] = type;
            }
        }

        public string Path { get; }

        public string Name { get; }

        public Version Version { get; }

        public MetadataReader Reader { get; }

        /// <summary>Reads <paramref name="path"/> into memory; the file is not kept open.</summary>
        public static LoadedAssembly Read(string path)
        {
            if (path == null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            byte[] bytes = File.ReadAllBytes(path);
            PEReader reader = new PEReader(ImmutableArray.Create(bytes));
            if (!reader.HasMetadata)
            {
                reader.Dispose();
                throw new BadImageFormatException("no ECMA-335 metadata", path);
            }

            return new LoadedAssembly(path, reader);
        }

        /// <summary>The type with this full name (namespace-qualified, nested types as Outer/Inner).</summary>
        public bool TryFindType(string fullName, out TypeDefinitionHandle type)
        {
            return typesByName.TryGetValue(fullName, out type);
        }

        /// <summary>The method body, or null for abstract, extern and runtime-implemented methods.</summary>
        public MethodBodyBlock GetMethodBody(MethodDefinitionHandle method)
        {
            int rva = Reader.GetMethodDefinition(method).RelativeVirtualAddress;
            return rva == 0 ? null : peReader.GetMethodBody(rva);
        }

        public void Dispose()
        {
            peReader.Dispose();
        }

        public override string ToString()
        {
            return Name + " " + Version;
        }
    }
}
