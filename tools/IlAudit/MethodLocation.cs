using System;
using System.Reflection.Metadata;

namespace HomeNode.IlAudit
{
    /// <summary>A method definition and the assembly that defines it.</summary>
    internal readonly struct MethodLocation : IEquatable<MethodLocation>
    {
        public MethodLocation(LoadedAssembly assembly, MethodDefinitionHandle handle)
        {
            Assembly = assembly;
            Handle = handle;
        }

        public LoadedAssembly Assembly { get; }

        public MethodDefinitionHandle Handle { get; }

        public MethodDefinition Definition => Assembly.Reader.GetMethodDefinition(Handle);

        public TypeLocation DeclaringType => new TypeLocation(Assembly, Definition.GetDeclaringType());

        /// <summary>Type::Method with the namespace-qualified type name.</summary>
        public string Name => MetadataNames.MemberName(Assembly.Reader, Handle);

        public string Signature => MetadataNames.Signature(Assembly.Reader, Handle);

        public bool Equals(MethodLocation other)
        {
            return Assembly == other.Assembly && Handle == other.Handle;
        }

        public override bool Equals(object obj)
        {
            return obj is MethodLocation other && Equals(other);
        }

        public override int GetHashCode()
        {
            return HashCode.Combine(Assembly, Handle);
        }
    }
}
