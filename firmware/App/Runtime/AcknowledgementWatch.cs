using HomeNode.App.Diagnostics;
using HomeNode.Mqtt;

namespace HomeNode.App.Runtime
{
    /// <summary>
    /// Notices a broker that answers pings but stops acknowledging. MQTT 3.1.1 has no time-out for a missing PUBACK or
    /// SUBACK: unacknowledged packets are only resent on reconnect (§4.4), so the in-flight table would stay full for
    /// good and readings, light states and the SUBSCRIBE would wait forever. After two keep-alives (at least
    /// <see cref="MinimumWaitMilliseconds"/>) with packets waiting and nothing acknowledged, the connection is dropped:
    /// the reconnect resends what is unacknowledged (MaxResends caps a message the broker never takes).
    /// </summary>
    public sealed class AcknowledgementWatch
    {
        /// <summary>Shortest wait before a connection that acknowledges nothing is dropped.</summary>
        public const int MinimumWaitMilliseconds = 30000;

        private readonly long waitMilliseconds;

        // When packets started waiting with no acknowledgement since; -1 while none waits.
        private long awaitingSince = -1;

        public AcknowledgementWatch(int keepAliveSeconds)
        {
            long wait = keepAliveSeconds * 2000L;
            this.waitMilliseconds = wait < MinimumWaitMilliseconds ? MinimumWaitMilliseconds : wait;
        }

        public long WaitMilliseconds
        {
            get { return this.waitMilliseconds; }
        }

        /// <summary>A new connection, or an acknowledgement arrived: waiting starts again from <paramref name="now"/>.</summary>
        [SteadyState]
        public void Progress(long now, int awaiting)
        {
            this.awaitingSince = awaiting > 0 ? now : -1;
        }

        /// <summary>True when <paramref name="awaiting"/> packets have waited the whole wait with nothing acknowledged.</summary>
        [SteadyState]
        public bool Stalled(long now, int awaiting, ILog log)
        {
            if (awaiting == 0)
            {
                this.awaitingSince = -1;
                return false;
            }

            if (this.awaitingSince < 0)
            {
                this.awaitingSince = now;
                return false;
            }

            if (now - this.awaitingSince < this.waitMilliseconds)
            {
                return false;
            }

            if (log != null)
            {
                log.Write("mqtt: no acknowledgement for ");
                log.Write((now - this.awaitingSince) / 1000);
                log.Write(" s with ");
                log.Write(awaiting);
                log.WriteLine(" awaiting; reconnecting");
            }

            this.awaitingSince = -1;
            return true;
        }
    }
}
