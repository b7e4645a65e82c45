using System;
using System.Collections.Generic;
using System.Linq;
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

            // the failure names the case, the exception and where it was thrown
            Assert.StartsWith("FAIL SuiteRunnerFixtureTests.Fails: Exception: fixture value: expected 1, got 2 at HomeNode.Tests.Check.Equal", failures);
            Assert.Contains("SuiteRunnerFixtureTests.Fails", failures.Substring(failures.IndexOf(" < ", StringComparison.Ordinal)));
            Assert.Contains("PASS SuiteRunnerFixtureTests.Passes", lines);
            Assert.Contains(failures, lines);
            Assert.Contains("SKIP SuiteRunnerFixtureTests.CannotRunHere: the fixture's reason", lines);
            Assert.Equal("1 passed, 1 failed, 1 skipped", lines[lines.Count - 1]);
            Assert.Equal(4, lines.Count);
        }

        [Fact]
        public void DiscoveryListsOnlyParameterlessVoidMethodsOfTestsTypes()
        {
            string[] cases = PortableSuite.Discover(new[] { typeof(SuiteRunnerFixtureTests), typeof(string) });

            Assert.Equal(new[] { "SuiteRunnerFixtureTests.CannotRunHere", "SuiteRunnerFixtureTests.Fails", "SuiteRunnerFixtureTests.Passes" }, cases.OrderBy(c => c, StringComparer.Ordinal));
        }

        [Fact]
        public void DiscoveryFindsTheSameCasesAsTheXunitTheory()
        {
            string[] cases = PortableSuite.Discover(PortableSuiteTests.SuiteTypes());

            Assert.Equal(PortableSuiteTests.Cases().Select(c => (string)c[0]), cases.OrderBy(c => c, StringComparer.Ordinal));
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
            string failures = PortableSuite.RunAll(PortableSuiteTests.SuiteTypes(), lines.Add);

            Assert.Equal(string.Empty, failures);
            Assert.Contains("PASS SteppedClockFilterTests.BackwardStepNeverDecreasesTheOutput", lines);
        }
    }
}
