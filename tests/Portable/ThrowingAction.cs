namespace HomeNode.Tests
{
    /// <summary>A parameterless action for <see cref="Check.Throws"/>; the device mscorlib has no System.Action.</summary>
    public delegate void ThrowingAction();
}
