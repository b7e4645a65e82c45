using System.Collections.Generic;

namespace HomeNode.IlAudit
{
    /// <summary>One allocating instruction reachable from a [SteadyState] method.</summary>
    public sealed class AllocationFinding
    {
        public AllocationFinding(string assembly, string method, int offset, string instruction, string entryPoint, IReadOnlyList<string> path)
        {
            Assembly = assembly;
            Method = method;
            Offset = offset;
            Instruction = instruction;
            EntryPoint = entryPoint;
            Path = path;
        }

        /// <summary>Simple name of the assembly that holds <see cref="Method"/>.</summary>
        public string Assembly { get; }

        /// <summary>The method holding the instruction, as Namespace.Type::Method.</summary>
        public string Method { get; }

        /// <summary>IL offset of the instruction.</summary>
        public int Offset { get; }

        /// <summary>What allocates, e.g. "newarr System.Byte" or "call System.String::Concat (builds a new string)".</summary>
        public string Instruction { get; }

        /// <summary>The first [SteadyState] method (Namespace.Type::Method) from which the instruction was reached.</summary>
        public string EntryPoint { get; }

        /// <summary>Methods called between <see cref="EntryPoint"/> and <see cref="Method"/>, outermost first; empty when they are the same or directly linked.</summary>
        public IReadOnlyList<string> Path { get; }

        public override string ToString()
        {
            string via = Path.Count == 0 ? string.Empty : " via " + string.Join(" -> ", Path);
            return Assembly + "!" + Method + " IL_" + Offset.ToString("X4") + ": " + Instruction + " (reached from " + EntryPoint + via + ")";
        }
    }
}
