using HomeNode.Mqtt;

namespace HomeNode.AuditSamples
{
    /// <summary>
    /// [NanoClrWorkaround]: a private leaf may allocate without a finding; one that is not private, or that calls our
    /// own code, is reported, so the exemption cannot hide anything else.
    /// </summary>
    public sealed class WorkaroundSamples
    {
        [SteadyState]
        public int ThroughAPrivateLeaf(string text)
        {
            return LowHalf(text);
        }

        [SteadyState]
        public int ThroughAVisibleWorkaround(string text)
        {
            return VisibleLowHalf(text);
        }

        [SteadyState]
        public int ThroughAWorkaroundThatCallsOurCode(string text)
        {
            return LowHalfViaOurCode(text);
        }

        [NanoClrWorkaround]
        internal static int VisibleLowHalf(string text)
        {
            return text.ToCharArray(0, 2)[1];
        }

        [NanoClrWorkaround]
        private static int LowHalf(string text)
        {
            return text.ToCharArray(0, 2)[1];
        }

        [NanoClrWorkaround]
        private static int LowHalfViaOurCode(string text)
        {
            return Allocate(text.Length)[0];
        }

        private static int[] Allocate(int length)
        {
            return new int[length];
        }
    }
}
