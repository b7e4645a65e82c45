namespace HomeNode.IlAudit
{
    /// <summary>
    /// Things nanoCLR does differently from .NET that the IL of the nano build shows (../shared/nftool/README.md,
    /// "What the real runtime does differently").
    /// </summary>
    public enum RuntimeTrap
    {
        /// <summary>Enum.ToString returns the number, not the name.</summary>
        EnumToString,

        /// <summary>MethodBase.GetParameters crashes the runtime once a GC has run after the Type.GetMethods that returned the MethodInfo.</summary>
        GetParameters,

        /// <summary>A comparison with NaN answers as if the left operand were greater, so a guard like <c>!(x &gt;= 0)</c> lets NaN through.</summary>
        NaNGuard,
    }
}
