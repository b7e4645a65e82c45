namespace HomeNode.IlAudit
{
    /// <summary>One thing in a nano assembly that the device runtime (CoreLibrary 1.17.11) cannot load or run.</summary>
    public sealed class CompatibilityFinding
    {
        public CompatibilityFinding(string assembly, string place, string problem)
        {
            Assembly = assembly;
            Place = place;
            Problem = problem;
        }

        /// <summary>Simple name of the assembly where the problem is.</summary>
        public string Assembly { get; }

        /// <summary>Where: Namespace.Type, Namespace.Type::Member, Namespace.Type::Method IL_xxxx, or the metadata row.</summary>
        public string Place { get; }

        public string Problem { get; }

        public override string ToString()
        {
            return Assembly + "!" + Place + ": " + Problem;
        }
    }
}
