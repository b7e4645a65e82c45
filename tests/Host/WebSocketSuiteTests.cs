using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace HomeNode.Tests.Host
{
    /// <summary>
    /// Runs the WebSocket transport's portable cases (tests/WebSockets, an assembly of its own next to tests/Portable), discovered like <see cref="PortableSuiteTests"/>; tests/DeviceRunner runs the same cases on nanoCLR.
    /// </summary>
    public class WebSocketSuiteTests
    {
        private static Type[] SuiteTypes => typeof(HomeNode.Tests.WebSockets.WebSocketRig).Assembly.GetTypes();

        public static IEnumerable<object[]> Cases() => SuiteCases.Of(SuiteTypes);

        [Theory]
        [MemberData(nameof(Cases))]
        public void Runs(string testCase) => SuiteCases.Run(SuiteTypes, testCase);

        [Fact]
        public void SuiteHasTheWebSocketCases()
        {
            Assert.True(Cases().Count() > 40);
        }
    }
}
