using HomeNode.App.Runtime;
using HomeNode.Tests.Runtime;

namespace HomeNode.Tests.Reliability
{
    /// <summary>The runtime's reconnect schedule when the broker refuses, compared with a broker that is unreachable.</summary>
    public static class ReconnectScheduleTests
    {
        /// <summary>
        /// A refusal (CONNACK 5) and an unreachable broker are both one failed attempt: with the same jitter seed the
        /// CONNECT times must be the same, base, 2 x base, 4 x base ... (equal jitter), never faster than one a second.
        /// </summary>
        public static void RefusedAndUnreachableBrokersGetTheSameBackoffSchedule()
        {
            long[] unreachable = Attempts(false, 12);
            long[] refused = Attempts(true, 12);
            for (int i = 0; i < unreachable.Length; i++)
            {
                Check.Equal(unreachable[i], refused[i], "attempt " + i.ToString() + " (ms after start)");
            }
        }

        /// <summary>Equal jitter (ReconnectBackoff): the gap before attempt k+1 lies in [E/2, E], E = base x 2^k, at least 1 s.</summary>
        public static void RefusedAttemptsFollowTheExponentialSchedule()
        {
            long[] refused = Attempts(true, 7);
            long exponential = 1000;
            for (int i = 1; i < refused.Length; i++)
            {
                long gap = refused[i] - refused[i - 1];
                long low = exponential / 2 < 1000 ? 1000 : exponential / 2;
                Check.True(gap >= low && gap <= exponential + 100, "gap " + i.ToString() + " = " + gap.ToString() + " ms, expected " + low.ToString() + " to " + exponential.ToString());
                exponential *= 2;
            }
        }

        /// <summary>
        /// The one-a-second limit is about CONNECT packets (AWS IoT Core counts them), so it must hold even when the
        /// transport took long to open (TLS handshake) before the first CONNECT left and the next opens at once.
        /// </summary>
        public static void TwoConnectPacketsAreAtLeastOneSecondApartEvenAfterASlowOpen()
        {
            RuntimeRig rig = new RuntimeRig();
            rig.Transport.OpenClock = rig.Clock;
            rig.Transport.OpenMilliseconds = 900;
            rig.Runtime.Start();
            long previousConnect = -1;
            int connects = 0;
            int opens = 0;
            for (int step = 0; step < 400; step++)
            {
                rig.Runtime.Poll();
                if (rig.Transport.OpenCount != opens)
                {
                    opens = rig.Transport.OpenCount;
                    long sentAt = rig.Clock.Now; // the clock only moved inside Open, and CONNECT is sent right after it
                    Check.True(previousConnect < 0 || sentAt - previousConnect >= 1000, "CONNECT " + connects.ToString() + " came " + (sentAt - previousConnect).ToString() + " ms after the previous one");
                    previousConnect = sentAt;
                    connects++;
                    rig.Transport.OpenMilliseconds = 0;
                    rig.Transport.Deliver(HexBytes.Parse("20 02 00 05"));
                    rig.Runtime.Poll();
                }

                rig.Clock.Advance(50);
            }

            Check.True(connects >= 3, "attempts seen: " + connects.ToString());
        }

        private static long[] Attempts(bool refuse, int count)
        {
            RuntimeRig rig = new RuntimeRig();
            rig.Transport.OpenSucceeds = refuse;

            rig.Runtime.Start();
            long start = rig.Clock.Now;
            long[] attempts = new long[count];
            int found = 0;
            int opens = 0;
            for (int step = 0; step < 20000 && found < count; step++)
            {
                rig.Runtime.Poll();
                if (rig.Transport.OpenCount != opens)
                {
                    opens = rig.Transport.OpenCount;
                    attempts[found++] = rig.Clock.Now - start;
                    if (refuse)
                    {
                        Check.Equal(RuntimeStatus.Connecting, rig.Runtime.Status, "CONNECT sent");
                        rig.Transport.Deliver(HexBytes.Parse("20 02 00 05")); // §3.2.2.3: 5 = not authorized
                        rig.Runtime.Poll();
                    }
                }

                rig.Clock.Advance(50);
            }

            Check.Equal(count, found, "attempts seen");
            return attempts;
        }
    }
}
