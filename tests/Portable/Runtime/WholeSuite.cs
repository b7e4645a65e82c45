using System;

namespace HomeNode.Tests.Runtime
{
    /// <summary>
    /// The portable suite's two assemblies (HomeNode.Tests.Portable and this one, HomeNode.Tests.Portable.Runtime), as
    /// the one list of types every runner hands to <see cref="PortableSuite"/>: the .NET runner, nanoCLR's and
    /// TestFramework's. The name does not end in "Tests", so it holds no cases itself.
    /// </summary>
    public static class WholeSuite
    {
        public static Type[] Types()
        {
            Type[] first = typeof(Check).Assembly.GetTypes();
            Type[] second = typeof(WholeSuite).Assembly.GetTypes();
            Type[] all = new Type[first.Length + second.Length];
            Array.Copy(first, all, first.Length);
            Array.Copy(second, 0, all, first.Length, second.Length);
            return all;
        }
    }
}
