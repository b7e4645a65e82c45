using System;
using System.Collections.Generic;
using HomeNode.Tests;
using Xunit;

namespace HomeNode.Tests.Host
{
    /// <summary>The reflection runner that tests/Device uses inside nanoclr, exercised on the host.</summary>
    public class PortableSuiteRunnerTests
    {
        [Fact]
        public void ReportsEachCaseAndReturnsOnlyTheFailures()
        {
            List<string> lines = new List<string>();
            string failures = PortableSuite.RunAll(new[] { typeof(SuiteRunnerFixtureTests), typeof(string) }, lines.Add);

            Assert.Equal("FAIL SuiteRunnerFixtureTests.Fails: Exception: fixture value: expected 1, got 2", failures);
            Assert.Contains("PASS SuiteRunnerFixtureTests.Passes", lines);
            Assert.Contains("FAIL SuiteRunnerFixtureTests.Fails: Exception: fixture value: expected 1, got 2", lines);
            Assert.Equal("1 passed, 1 failed", lines[lines.Count - 1]);
            Assert.Equal(3, lines.Count);
        }

        [Fact]
        public void NoCaseFoundIsAFailure()
        {
            List<string> lines = new List<string>();
            string failures = PortableSuite.RunAll(new[] { typeof(string), typeof(PortableSuiteRunnerTests) }, lines.Add);

            Assert.StartsWith("FAIL no case found", failures);
            Assert.Equal(new[] { "0 passed, 0 failed" }, lines);
        }

        [Fact]
        public void WholePortableSuitePassesUnderTheDeviceRunner()
        {
            List<string> lines = new List<string>();
            string failures = PortableSuite.RunAll(typeof(Check).Assembly.GetTypes(), lines.Add);

            Assert.Equal(string.Empty, failures);
            Assert.Contains("PASS SteppedClockFilterTests.BackwardStepNeverDecreasesTheOutput", lines);
        }
    }
}
