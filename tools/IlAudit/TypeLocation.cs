using System.Reflection.Metadata;

namespace HomeNode.IlAudit
{
    /// <summary>A type definition and the assembly that defines it.</summary>
    internal readonly struct TypeLocation
    {
        public TypeLocation(LoadedAssembly assembly, TypeDefinitionHandle handle)
        {
            Assembly = assembly;
            Handle = handle;
        }

        public LoadedAssembly Assembly { get; }

        public TypeDefinitionHandle Handle { get; }

        public TypeDefinition Definition => Assembly.Reader.GetTypeDefinition(Handle);

        public string Name => MetadataNames.TypeName(Assembly.Reader, Handle);
    }
}
