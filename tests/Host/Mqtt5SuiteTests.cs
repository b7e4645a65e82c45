using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace HomeNode.Tests.Host
{
    /// <summary>
    /// Runs the MQTT 5.0 client's portable cases (tests/Mqtt5, an assembly of its own next to tests/Portable), discovered like <see cref="PortableSuiteTests"/>; tests/DeviceRunner runs the same cases on nanoCLR.
    /// </summary>
    public class Mqtt5SuiteTests
    {
        private static Type[] SuiteTypes => typeof(HomeNode.Tests.Mqtt5.Version5Rig).Assembly.GetTypes();

        public static IEnumerable<object[]> Cases() => SuiteCases.Of(SuiteTypes);

        [Theory]
        [MemberData(nameof(Cases))]
        public void Runs(string testCase) => SuiteCases.Run(SuiteTypes, testCase);

        [Fact]
        public void SuiteHasTheVersion5Cases()
        {
            Assert.True(Cases().Count() > 25);
        }
    }
}
