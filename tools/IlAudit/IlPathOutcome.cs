namespace HomeNode.IlAudit
{
    /// <summary>How the paths explored from one state end.</summary>
    internal sealed class IlPathOutcome
    {
        /// <summary>Some path reached code from which every path throws (see <see cref="ThrowPaths"/>).</summary>
        public bool ReachesThrow { get; set; }

        /// <summary>Some path reached <c>ret</c>.</summary>
        public bool ReachesReturn { get; set; }

        /// <summary>Some path ended where the explorer cannot follow (a caught throw, endfinally, a malformed stack) or the budget ran out.</summary>
        public bool Inconclusive { get; set; }

        /// <summary>Every path ends in a throw.</summary>
        public bool OnlyThrows => ReachesThrow && !ReachesReturn && !Inconclusive;
    }
}
