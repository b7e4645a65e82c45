using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace HomeNode.IlAudit
{
    /// <summary>
    /// Display and lookup names for metadata entities: types as Namespace.Name (nested: Outer/Inner), members as
    /// Type::Name, and signatures in a form that is equal for a reference and its definition in another assembly.
    /// </summary>
    internal static class MetadataNames
    {
        public static string TypeName(MetadataReader reader, TypeDefinitionHandle handle)
        {
            TypeDefinition type = reader.GetTypeDefinition(handle);
            string name = reader.GetString(type.Name);
            TypeDefinitionHandle declaring = type.GetDeclaringType();
            if (!declaring.IsNil)
            {
                return TypeName(reader, declaring) + "/" + name;
            }

            string ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public static string TypeName(MetadataReader reader, TypeReferenceHandle handle)
        {
            TypeReference type = reader.GetTypeReference(handle);
            string name = reader.GetString(type.Name);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return TypeName(reader, (TypeReferenceHandle)type.ResolutionScope) + "/" + name;
            }

            string ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        /// <summary>Name of a TypeDef, TypeRef or TypeSpec handle (a TypeSpec is decoded).</summary>
        public static string TypeName(MetadataReader reader, EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    return TypeName(reader, (TypeDefinitionHandle)handle);
                case HandleKind.TypeReference:
                    return TypeName(reader, (TypeReferenceHandle)handle);
                case HandleKind.TypeSpecification:
                    return reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(new SignatureNameProvider(), null);
                default:
                    return handle.Kind + " 0x" + MetadataTokens.GetToken(handle).ToString("X8");
            }
        }

        /// <summary>Name of the assembly a TypeRef points into; null when it is the referencing module itself.</summary>
        public static string ScopeAssembly(MetadataReader reader, TypeReferenceHandle handle)
        {
            EntityHandle scope = reader.GetTypeReference(handle).ResolutionScope;
            while (scope.Kind == HandleKind.TypeReference)
            {
                scope = reader.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
            }

            if (scope.Kind == HandleKind.AssemblyReference)
            {
                return reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name);
            }

            return null;
        }

        /// <summary>Type::Name of a MethodDef, MemberRef or MethodSpec.</summary>
        public static string MemberName(MetadataReader reader, EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.MethodDefinition:
                {
                    MethodDefinition method = reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                    return TypeName(reader, method.GetDeclaringType()) + "::" + reader.GetString(method.Name);
                }

                case HandleKind.FieldDefinition:
                {
                    FieldDefinition field = reader.GetFieldDefinition((FieldDefinitionHandle)handle);
                    return TypeName(reader, field.GetDeclaringType()) + "::" + reader.GetString(field.Name);
                }

                case HandleKind.MemberReference:
                {
                    MemberReference member = reader.GetMemberReference((MemberReferenceHandle)handle);
                    string parent = member.Parent.Kind == HandleKind.MethodDefinition
                        ? MemberName(reader, member.Parent)
                        : TypeName(reader, member.Parent);
                    return parent + "::" + reader.GetString(member.Name);
                }

                case HandleKind.MethodSpecification:
                    return MemberName(reader, reader.GetMethodSpecification((MethodSpecificationHandle)handle).Method);
                default:
                    return handle.Kind + " 0x" + MetadataTokens.GetToken(handle).ToString("X8");
            }
        }

        public static string Signature(MetadataReader reader, MethodDefinitionHandle handle)
        {
            return Format(reader.GetMethodDefinition(handle).DecodeSignature(new SignatureNameProvider(), null));
        }

        /// <summary>The signature of a method or field reference, comparable with <see cref="Signature(MetadataReader, MethodDefinitionHandle)"/> and <see cref="FieldSignature"/>.</summary>
        public static string Signature(MetadataReader reader, MemberReference member)
        {
            SignatureNameProvider provider = new SignatureNameProvider();
            return member.GetKind() == MemberReferenceKind.Field
                ? member.DecodeFieldSignature(provider, null)
                : Format(member.DecodeMethodSignature(provider, null));
        }

        public static string FieldSignature(MetadataReader reader, FieldDefinitionHandle handle)
        {
            return reader.GetFieldDefinition(handle).DecodeSignature(new SignatureNameProvider(), null);
        }

        public static string Format(MethodSignature<string> signature)
        {
            string text = (signature.Header.IsInstance ? "instance " : string.Empty) + signature.ReturnType;
            if (signature.GenericParameterCount > 0)
            {
                text += "<" + signature.GenericParameterCount + ">";
            }

            return text + "(" + string.Join(",", signature.ParameterTypes) + ")";
        }
    }
}
