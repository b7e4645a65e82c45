using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace HomeNode.Tests.Host
{
    /// <summary>
    /// Runs every case of the portable suite (tests/Portable): each public static parameterless method of a
    /// public type whose name ends in "Tests". The same discovery runs on the device in tests/Device.
    /// </summary>
    public class PortableSuiteTests
    {
        public static IEnumerable<object[]> Cases() => SuiteCases.Of(SuiteTypes());

        [Theory]
        [MemberData(nameof(Cases))]
        public void Runs(string testCase) => SuiteCases.Run(SuiteTypes(), testCase);

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
