using System;
using HomeNode.App.Diagnostics;
using HomeNode.Mqtt;

namespace HomeNode.App.Connection
{
    /// <summary>
    /// Opens the TCP connection to the broker: asks DNS once and keeps the answer, tries every address it gave within
    /// one time-out, and asks DNS again only when every address has failed, at most once per resolve spacing.
    /// </summary>
    /// <remarks>
    /// Why the cache: on the board a DNS lookup blocks the whole runtime, every thread included (lwIP's
    /// lwip_getaddrinfo waits inside the native call; nf-interpreter src/PAL/Lwip/lwIP_Sockets.cpp GetAddrInfo), for up
    /// to about 7 s per DNS server when none answers. Asked at every reconnect attempt, an unreachable DNS server would
    /// freeze lights and sensors for that long each time; cached, a broker that is down costs no lookup at all, and a
    /// DNS server that is down costs one lookup per spacing. The connect itself is bounded by the connector's time-out
    /// (the device connector runs it on a worker thread). An address that fails moves to the back, so the next attempt
    /// starts with another one; the one that worked stays first. Used from the firmware loop's thread only.
    /// </remarks>
    public sealed class BrokerDialer
    {
        /// <summary>Addresses kept from one DNS answer.</summary>
        public const int DefaultCapacity = 4;

        /// <summary>Shortest time between two lookups once the first has been made.</summary>
        public const long DefaultResolveSpacingMilliseconds = 60000;

        private readonly string host;
        private readonly int port;
        private readonly IHostResolver resolver;
        private readonly IAddressConnector connector;
        private readonly IMonotonicClock clock;
        private readonly ILog log;
        private readonly int timeoutMilliseconds;
        private readonly long resolveSpacingMilliseconds;
        private readonly uint[] addresses;
        private readonly uint[] answer;
        private int count;
        private int next;
        private int failedSinceSuccess;
        private bool resolvedOnce;
        private long lastResolveAt;
        private int lookups;

        /// <param name="host">The broker's host name (for the lookup's log lines; the resolver knows it).</param>
        /// <param name="port">The broker's port (for log lines; the connector knows it).</param>
        /// <param name="timeoutMilliseconds">Bound on one <see cref="Open"/>'s connect attempts together (not the lookup).</param>
        public BrokerDialer(string host, int port, IHostResolver resolver, IAddressConnector connector, IMonotonicClock clock, ILog log, int timeoutMilliseconds, int capacity, long resolveSpacingMilliseconds)
        {
            if (host == null || resolver == null || connector == null || clock == null || log == null)
            {
                throw new ArgumentNullException();
            }

            if (timeoutMilliseconds < 1 || capacity < 1 || resolveSpacingMilliseconds < 0)
            {
                throw new ArgumentOutOfRangeException();
            }

            this.host = host;
            this.port = port;
            this.resolver = resolver;
            this.connector = connector;
            this.clock = clock;
            this.log = log;
            this.timeoutMilliseconds = timeoutMilliseconds;
            this.resolveSpacingMilliseconds = resolveSpacingMilliseconds;
            this.addresses = new uint[capacity];
            this.answer = new uint[capacity];
        }

        /// <summary>Addresses known from the last DNS answer that had any.</summary>
        public int AddressCount
        {
            get { return this.count; }
        }

        /// <summary>DNS lookups made so far.</summary>
        public int Lookups
        {
            get { return this.lookups; }
        }

        /// <summary>Connects to the broker; true when the connector holds a connection.</summary>
        public bool Open()
        {
            long now = this.clock.ElapsedMilliseconds;
            if (this.ShouldResolve(now))
            {
                this.Resolve(now);
            }

            if (this.count == 0)
            {
                return false;
            }

            // The lookup above is not part of the budget: it blocks natively and is bounded by lwIP, not by us.
            long deadline = this.clock.ElapsedMilliseconds + this.timeoutMilliseconds;
            int tries = this.count;
            for (int i = 0; i < tries; i++)
            {
                long remaining = deadline - this.clock.ElapsedMilliseconds;
                if (remaining <= 0)
                {
                    break;
                }

                int index = this.next;
                uint address = this.addresses[index];
                if (this.connector.Connect(address, (int)remaining))
                {
                    this.failedSinceSuccess = 0;
                    return true;
                }

                // the next attempt starts with the next address; a working one is kept first
                this.next = (index + 1) % this.count;
                if (this.failedSinceSuccess < this.count)
                {
                    this.failedSinceSuccess++;
                }

                this.log.Write("tcp: ");
                this.WriteAddress(address);
                this.log.Write(":");
                this.log.Write(this.port);
                this.log.WriteLine(deadline - this.clock.ElapsedMilliseconds <= 0 ? ": no answer in time" : ": refused or unreachable");
            }

            return false;
        }

        private bool ShouldResolve(long now)
        {
            if (!this.resolvedOnce)
            {
                return true;
            }

            bool exhausted = this.count == 0 || this.failedSinceSuccess >= this.count;
            return exhausted && now - this.lastResolveAt >= this.resolveSpacingMilliseconds;
        }

        private void Resolve(long now)
        {
            this.resolvedOnce = true;
            this.lastResolveAt = now;
            this.lookups++;
            int found = this.resolver.Resolve(this.answer);
            if (found <= 0)
            {
                // keep what an earlier answer gave: a stale address is better than none
                this.log.Write("dns: no address for ");
                this.log.Write(this.host);
                this.log.Write(this.count == 0 ? string.Empty : ", keeping the last answer");
                this.log.Write("; next lookup in ");
                this.log.Write(this.resolveSpacingMilliseconds / 1000);
                this.log.WriteLine(" s at the earliest");
                return;
            }

            if (found > this.answer.Length)
            {
                found = this.answer.Length;
            }

            // a lookup follows a round in which every address failed: start again in DNS order
            Array.Copy(this.answer, this.addresses, found);
            this.count = found;
            this.next = 0;
            this.failedSinceSuccess = 0;
            this.log.Write("dns: ");
            this.log.Write(this.host);
            this.log.Write(" is ");
            this.WriteAddress(this.addresses[0]);
            for (int i = 1; i < found; i++)
            {
                this.log.Write(", ");
                this.WriteAddress(this.addresses[i]);
            }

            this.log.WriteLine(string.Empty);
        }

        private void WriteAddress(uint address)
        {
            for (int shift = 0; shift < 32; shift += 8)
            {
                if (shift != 0)
                {
                    this.log.Write(".");
                }

                this.log.Write((address >> shift) & 0xFF);
            }
        }
    }
}
