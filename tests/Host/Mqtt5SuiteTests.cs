using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xunit;

namespace HomeNode.Tests.Host
{
    /// <summary>
    /// Runs the MQTT 5.0 client's portable cases (tests/Mqtt5, an assembly of its own next to tests/Portable),
    /// discovered like <see cref="PortableSuiteTests"/>; tests/DeviceRunner runs the same cases on nanoCLR.
    /// </summary>
    public class Mqtt5SuiteTests
    {
        private static Assembly Suite => typeof(HomeNode.Tests.Mqtt5.Version5Rig).Assembly;

        public static IEnumerable<object[]> Cases()
        {
            return Suite.GetTypes()
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
            Type type = Suite.GetTypes().Single(t => t.IsPublic && t.Name == testCase.Substring(0, dot));
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

        [Fact]
        public void SuiteHasTheVersion5Cases()
        {
            Assert.True(Cases().Count() > 25);
        }
    }
}
