using System;

namespace HomeNode.Tests.Host
{
    /// <summary>
    /// Input for <see cref="PortableSuiteRunnerTests"/>: a "*Tests" type as the portable suite runner sees it, with one
    /// passing case, one failing case and methods that are not cases. Not an xunit class (no [Fact]).
    /// </summary>
    public static class SuiteRunnerFixtureTests
    {
        public static void Passes()
        {
        }

        public static void Fails()
        {
            HomeNode.Tests.Check.Equal(1L, 2L, "fixture value");
        }

        public static void CannotRunHere()
        {
            throw new HomeNode.Tests.DeviceLimitation("the fixture's reason");
        }

        public static int ReturnsAValue()
        {
            throw new InvalidOperationException("not a case: returns int");
        }

        public static void TakesAParameter(int value)
        {
            throw new InvalidOperationException("not a case: has a parameter " + value.ToString());
        }
    }
}
