using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace HomeNode.IlAudit
{
    /// <summary>
    /// Decodes signature blobs into type names that do not depend on which assembly encoded them, and notes
    /// whether a generic instantiation occurred (the device runtime of CoreLibrary 1.17.11 has no generics).
    /// </summary>
    internal sealed class SignatureNameProvider : ISignatureTypeProvider<string, object>
    {
        public bool SawGenericInstantiation { get; private set; }

        public bool SawGenericParameter { get; private set; }

        public string GetPrimitiveType(PrimitiveTypeCode typeCode)
        {
            // PrimitiveTypeCode member names are the System type names (ECMA-335 §II.23.1.16).
            return "System." + typeCode;
        }

        public string GetTypeFromDefinition(MetadataReader metadata, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            return MetadataNames.TypeName(metadata, handle);
        }

        public string GetTypeFromReference(MetadataReader metadata, TypeReferenceHandle handle, byte rawTypeKind)
        {
            return MetadataNames.TypeName(metadata, handle);
        }

        public string GetTypeFromSpecification(MetadataReader metadata, object genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
        {
            return metadata.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
        }

        public string GetSZArrayType(string elementType)
        {
            return elementType + "[]";
        }

        public string GetArrayType(string elementType, ArrayShape shape)
        {
            return elementType + "[" + new string(',', shape.Rank - 1) + "]";
        }

        public string GetByReferenceType(string elementType)
        {
            return elementType + "&";
        }

        public string GetPointerType(string elementType)
        {
            return elementType + "*";
        }

        public string GetPinnedType(string elementType)
        {
            return elementType;
        }

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired)
        {
            return unmodifiedType;
        }

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
        {
            SawGenericInstantiation = true;
            return genericType + "<" + string.Join(",", typeArguments) + ">";
        }

        public string GetGenericTypeParameter(object genericContext, int index)
        {
            SawGenericParameter = true;
            return "!" + index;
        }

        public string GetGenericMethodParameter(object genericContext, int index)
        {
            SawGenericParameter = true;
            return "!!" + index;
        }

        public string GetFunctionPointerType(MethodSignature<string> signature)
        {
            return "method " + MetadataNames.Format(signature);
        }
    }
}
