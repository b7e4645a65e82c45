namespace HomeNode.IlAudit
{
    /// <summary>Where an <see cref="IlVariable"/> lives.</summary>
    internal enum IlVariableKind
    {
        Argument,
        Local,

        /// <summary>An instance or static field, by Type::Name; the object it belongs to is not told apart.</summary>
        Field,
    }
}
