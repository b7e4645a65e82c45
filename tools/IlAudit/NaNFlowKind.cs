namespace HomeNode.IlAudit
{
    /// <summary>The kinds of <see cref="NaNFlowValue"/>.</summary>
    internal enum NaNFlowKind
    {
        /// <summary>Anything (the default value).</summary>
        Unknown,

        /// <summary>An integer known on this path.</summary>
        Integer,

        /// <summary>The floating-point NaN the rule follows.</summary>
        NaN,
    }
}
