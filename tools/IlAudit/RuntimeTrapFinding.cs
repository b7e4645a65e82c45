namespace HomeNode.IlAudit
{
    /// <summary>One instruction in a nano assembly that runs into a <see cref="RuntimeTrap"/> on nanoCLR.</summary>
    public sealed class RuntimeTrapFinding
    {
        public RuntimeTrapFinding(string assembly, string method, int offset, RuntimeTrap trap, string detail)
        {
            Assembly = assembly;
            Method = method;
            Offset = offset;
            Trap = trap;
            Detail = detail;
        }

        /// <summary>Simple name of the assembly that holds <see cref="Method"/>.</summary>
        public string Assembly { get; }

        /// <summary>Namespace.Type::Method.</summary>
        public string Method { get; }

        /// <summary>IL offset of the instruction.</summary>
        public int Offset { get; }

        public RuntimeTrap Trap { get; }

        /// <summary>What the instruction does, e.g. "constrained. HomeNode.App.X callvirt System.Object::ToString".</summary>
        public string Detail { get; }

        /// <summary>The trap in words, with the fix: see <see cref="RuntimeTrapAudit.Describe"/>.</summary>
        public string Problem => RuntimeTrapAudit.Describe(Trap);

        public override string ToString()
        {
            return Assembly + "!" + Method + " IL_" + Offset.ToString("X4") + ": " + Problem + " (" + Detail + ")";
        }
    }
}
