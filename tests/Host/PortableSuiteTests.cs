using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xunit;

namespace HomeNode.Tests.Host
{
    /// <summary>
    /// Runs every case of the portable suite (tests/Portable): each public static parameterless method of a
    /// public type whose name ends in "Tests". The same discovery runs on the device in tests/Device.
    /// </summary>
    public class PortableSuiteTests
    {
        public static IEnumerable<object[]> Cases()
        {
            return SuiteTypes()
                .Where(t => t.IsPublic && t.Name.EndsWith("Tests", StringComparison.Ordinal))
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static)
                    .Where(m => m.GetParameters().Length == 0 && m.ReturnType == typeof(void))
                    .Select(m => new object[] { t.Name + "." + m.Name }))
                .OrderBy(c => (string)c[0], StringComparer.Ordinal);
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Runs(string testCase)
        {
            int dot = testCase.IndexOf('.');
            Type type = SuiteTypes().Single(t => t.IsPublic && t.Name == testCase.Substring(0, dot));
            MethodInfo method = type.GetMethod(testCase.Substring(dot + 1), BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes);
            try
            {
                method.Invoke(null, null);
            }
            catch (TargetInvocationException e)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            }
        }

        /// <summary>The three assemblies of the portable suite: the MQTT client's cases, the firmware's, the runtime's.</summary>
        public static Type[] SuiteTypes()
        {
            return typeof(HomeNode.Tests.Check).Assembly.GetTypes()
                .Concat(typeof(HomeNode.Tests.App.ConfigText).Assembly.GetTypes())
                .Concat(typeof(HomeNode.Tests.Runtime.RuntimeRig).Assembly.GetTypes())
                .ToArray();
        }

        [Fact]
        public void SuiteIsNotEmpty()
        {
            Assert.True(Cases().Count() > 0);
        }
    }
}
