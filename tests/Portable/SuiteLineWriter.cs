namespace HomeNode.Tests
{
    /// <summary>Where <see cref="PortableSuite"/> reports each case; the device mscorlib has no System.Action&lt;string&gt;.</summary>
    public delegate void SuiteLineWriter(string line);
}
