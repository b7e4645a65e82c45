using System;
using HomeNode.App.Connection;

namespace HomeNode.Tests.App
{
    public static class NetworkJoinRetryTests
    {
        /// <summary>A failed join is followed by another join (the helpers allow it), not by a reboot.</summary>
        public static void JoinsAgainBeforeRebooting()
        {
            NetworkJoinRetry retry = new NetworkJoinRetry(7, 3);
            int first = retry.NextDelayMilliseconds();
            Check.True(first >= 5000 && first <= 10000, "first pause " + first.ToString());
            Check.Equal(2, retry.JoinsLeft, "joins left");
            int second = retry.NextDelayMilliseconds();
            Check.True(second >= 10000 && second <= 20000, "second pause " + second.ToString());
            Check.Equal(-1, retry.NextDelayMilliseconds(), "third failure: reboot");
            Check.Equal(3, retry.Failures, "failures");
        }

        public static void PausesStayUnderTheCap()
        {
            NetworkJoinRetry retry = new NetworkJoinRetry(99, 50);
            for (int i = 0; i < 48; i++)
            {
                int delay = retry.NextDelayMilliseconds();
                Check.True(delay > 0 && delay <= NetworkJoinRetry.CapMilliseconds, "pause " + i.ToString());
            }
        }

        public static void RejectsBadConstruction()
        {
            Check.Throws(typeof(ArgumentOutOfRangeException), delegate { new NetworkJoinRetry(1, 0); }, "limit");
        }
    }
}
