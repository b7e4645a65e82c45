using System;
using System.IO;
using System.Reflection.Metadata;

namespace HomeNode.IlAudit
{
    /// <summary>How big an assembly is: what the bench prints next to the peer (nanoFramework.M2Mqtt: 30,341 bytes of IL).</summary>
    public sealed class AssemblyFootprint
    {
        private AssemblyFootprint(string name, long fileBytes, int ilBytes, int methodBodyBytes, int methodBodies, int types)
        {
            Name = name;
            FileBytes = fileBytes;
            IlBytes = ilBytes;
            MethodBodyBytes = methodBodyBytes;
            MethodBodies = methodBodies;
            Types = types;
        }

        public string Name { get; }

        /// <summary>Size of the .dll file.</summary>
        public long FileBytes { get; }

        /// <summary>Sum of the IL code sizes of all method bodies (ECMA-335 §II.25.4, code only).</summary>
        public int IlBytes { get; }

        /// <summary>Sum of whole method bodies: headers, code and exception tables.</summary>
        public int MethodBodyBytes { get; }

        public int MethodBodies { get; }

        /// <summary>TypeDef rows, the &lt;Module&gt; pseudo-type and compiler-generated types included.</summary>
        public int Types { get; }

        public static AssemblyFootprint Measure(string path)
        {
            using (LoadedAssembly assembly = LoadedAssembly.Read(path))
            {
                return Measure(assembly);
            }
        }

        public static AssemblyFootprint Measure(LoadedAssembly assembly)
        {
            if (assembly == null)
            {
                throw new ArgumentNullException(nameof(assembly));
            }

            int il = 0;
            int bodies = 0;
            int bodyBytes = 0;
            foreach (MethodDefinitionHandle handle in assembly.Reader.MethodDefinitions)
            {
                MethodBodyBlock body = assembly.GetMethodBody(handle);
                if (body != null)
                {
                    il += body.GetILBytes().Length;
                    bodyBytes += body.Size;
                    bodies++;
                }
            }

            return new AssemblyFootprint(assembly.Name, new FileInfo(assembly.Path).Length, il, bodyBytes, bodies, assembly.Reader.TypeDefinitions.Count);
        }

        public override string ToString()
        {
            return Name + ": " + IlBytes + " B IL in " + MethodBodies + " method bodies (" + MethodBodyBytes + " B with headers), " + Types + " types, file " + FileBytes + " B";
        }
    }
}
