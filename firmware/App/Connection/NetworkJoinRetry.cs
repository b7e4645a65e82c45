using System;

namespace HomeNode.App.Connection
{
    /// <summary>
    /// What start-up does when the network does not come up: wait and join again, with a growing, jittered pause, and
    /// reboot only after several failed joins in a row (a radio or driver that a reboot might clear).
    /// </summary>
    /// <remarks>
    /// The join may be repeated without a reboot: nanoframework/System.Device.Wifi 1.5.144 (commit f3af6ad, "Fix WiFi
    /// helper retry/reset behavior") documents WifiNetworkHelper.ConnectDhcp and Reconnect as retryable, and their
    /// path (ScanAndConnect, NetworkHelper.InternalWaitNetworkAvailable with setupEvents false) never reaches the
    /// once-only guard, which is kept for the event-based SetupNetworkHelper; the same holds for System.Net's
    /// NetworkHelper.SetupAndConnectNetwork since commit 32e2b7e. Not thread-safe: start-up owns it.
    /// </remarks>
    public sealed class NetworkJoinRetry
    {
        /// <summary>Failed joins in a row before a reboot.</summary>
        public const int DefaultJoinsBeforeReboot = 5;

        /// <summary>First pause between joins; it doubles up to <see cref="CapMilliseconds"/>, with jitter.</summary>
        public const int BaseMilliseconds = 10000;

        public const int CapMilliseconds = 300000;

        private readonly ReconnectBackoff backoff;
        private readonly int joinsBeforeReboot;
        private int failures;

        /// <param name="seed">Jitter seed (<see cref="JitterSeed"/>): boards behind one access point must not rejoin in step.</param>
        public NetworkJoinRetry(uint seed, int joinsBeforeReboot)
        {
            if (joinsBeforeReboot < 1)
            {
                throw new ArgumentOutOfRangeException("joinsBeforeReboot");
            }

            this.backoff = new ReconnectBackoff(seed, BaseMilliseconds, CapMilliseconds);
            this.joinsBeforeReboot = joinsBeforeReboot;
        }

        /// <summary>Failed joins so far.</summary>
        public int Failures
        {
            get { return this.failures; }
        }

        /// <summary>Joins left before the reboot, counting the next one.</summary>
        public int JoinsLeft
        {
            get { return this.joinsBeforeReboot - this.failures; }
        }

        /// <summary>A join failed: the pause before the next join, or -1 when it is time to reboot.</summary>
        public int NextDelayMilliseconds()
        {
            this.failures++;
            return this.failures >= this.joinsBeforeReboot ? -1 : this.backoff.NextDelayMilliseconds();
        }
    }
}
