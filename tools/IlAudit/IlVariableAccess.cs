namespace HomeNode.IlAudit
{
    /// <summary>What an instruction does with an <see cref="IlVariable"/>.</summary>
    internal enum IlVariableAccess
    {
        Load,
        Store,

        /// <summary>ldarga, ldloca, ldflda, ldsflda: the variable may change behind the address.</summary>
        Address,
    }
}
