namespace HomeNode.IlAudit
{
    /// <summary>The kinds of <see cref="EnumFlowValue"/>.</summary>
    internal enum EnumFlowKind
    {
        /// <summary>Anything else (the default value).</summary>
        Other,

        /// <summary>A boxed enum, or a value of static type System.Enum.</summary>
        Enum,

        /// <summary>An object[] made in this method (the params array of String.Format and String.Concat).</summary>
        ObjectArray,
    }
}
