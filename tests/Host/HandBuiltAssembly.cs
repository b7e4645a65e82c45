using System;
using System.IO;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace HomeNode.Tests.Host
{
    /// <summary>
    /// Writes a tiny assembly the C# compiler would refuse to build against the device mscorlib, to prove the
    /// compatibility audit fails on it: references to mscorlib 4.0.0.0 and System.Runtime, a type the device does
    /// not have (List`1) and an overload it does not have (String.PadLeft(int); the device only has PadLeft(int, char)).
    /// </summary>
    internal static class HandBuiltAssembly
    {
        public const string Name = "HomeNode.HandBuilt";

        public static void Write(string path)
        {
            MetadataBuilder metadata = new MetadataBuilder();
            metadata.AddModule(0, metadata.GetOrAddString(Name + ".dll"), metadata.GetOrAddGuid(Guid.NewGuid()), default, default);
            metadata.AddAssembly(metadata.GetOrAddString(Name), new Version(1, 0, 0, 0), default, default, 0, AssemblyHashAlgorithm.None);

            AssemblyReferenceHandle device = AddAssemblyReference(metadata, "mscorlib", new Version(1, 17, 11, 0));
            AddAssemblyReference(metadata, "mscorlib", new Version(4, 0, 0, 0));
            AddAssemblyReference(metadata, "System.Runtime", new Version(10, 0, 0, 0));

            TypeReferenceHandle objectType = metadata.AddTypeReference(device, metadata.GetOrAddString("System"), metadata.GetOrAddString("Object"));
            TypeReferenceHandle stringType = metadata.AddTypeReference(device, metadata.GetOrAddString("System"), metadata.GetOrAddString("String"));
            TypeReferenceHandle listType = metadata.AddTypeReference(device, metadata.GetOrAddString("System.Collections.Generic"), metadata.GetOrAddString("List`1"));

            BlobBuilder padLeftSignature = new BlobBuilder();
            new BlobEncoder(padLeftSignature).MethodSignature(isInstanceMethod: true).Parameters(1, r => r.Type().String(), p => p.AddParameter().Type().Int32());
            MemberReferenceHandle padLeft = metadata.AddMemberReference(stringType, metadata.GetOrAddString("PadLeft"), metadata.GetOrAddBlob(padLeftSignature));

            // IL_0000 ldtoken List`1; IL_0005 callvirt String::PadLeft(int); IL_000A ret. Never run, only read.
            BlobBuilder ilStream = new BlobBuilder();
            MethodBodyStreamEncoder bodies = new MethodBodyStreamEncoder(ilStream);
            InstructionEncoder il = new InstructionEncoder(new BlobBuilder());
            il.OpCode(ILOpCode.Ldtoken);
            il.Token(listType);
            il.OpCode(ILOpCode.Callvirt);
            il.Token(padLeft);
            il.OpCode(ILOpCode.Ret);
            int bodyOffset = bodies.AddMethodBody(il);

            BlobBuilder runSignature = new BlobBuilder();
            new BlobEncoder(runSignature).MethodSignature().Parameters(0, r => r.Void(), p => { });
            MethodDefinitionHandle run = metadata.AddMethodDefinition(
                MethodAttributes.Public | MethodAttributes.Static | MethodAttributes.HideBySig,
                MethodImplAttributes.IL,
                metadata.GetOrAddString("Run"),
                metadata.GetOrAddBlob(runSignature),
                bodyOffset,
                default);

            metadata.AddTypeDefinition(default, default, metadata.GetOrAddString("<Module>"), default, MetadataTokens.FieldDefinitionHandle(1), run);
            metadata.AddTypeDefinition(
                TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract,
                metadata.GetOrAddString("HomeNode.HandBuilt"),
                metadata.GetOrAddString("Probe"),
                objectType,
                MetadataTokens.FieldDefinitionHandle(1),
                run);

            ManagedPEBuilder pe = new ManagedPEBuilder(PEHeaderBuilder.CreateLibraryHeader(), new MetadataRootBuilder(metadata), ilStream);
            BlobBuilder image = new BlobBuilder();
            pe.Serialize(image);
            using (FileStream file = File.Create(path))
            {
                image.WriteContentTo(file);
            }
        }

        private static AssemblyReferenceHandle AddAssemblyReference(MetadataBuilder metadata, string name, Version version)
        {
            return metadata.AddAssemblyReference(metadata.GetOrAddString(name), version, default, default, default, default);
        }
    }
}
