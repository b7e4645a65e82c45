using System;
using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>
    /// A transport for unit tests: the test queues the broker's bytes, chooses how they are cut into reads and how
    /// much each write accepts, and reads back what the client sent. Fixed buffers, so it allocates nothing per call.
    /// </summary>
    public sealed class ScriptedTransport : IMqttTransport
    {
        private readonly byte[] incoming;
        private readonly byte[] sent;
        private int incomingRead;
        private int incomingWritten;
        private int sentCount;

        public ScriptedTransport(int capacity)
        {
            this.incoming = new byte[capacity];
            this.sent = new byte[capacity];
            this.OpenSucceeds = true;
        }

        public bool OpenSucceeds;

        /// <summary>Largest number of bytes one Receive returns (0 = no limit): splits packets across reads.</summary>
        public int MaxReadChunk;

        /// <summary>Largest number of bytes one Send accepts (0 = no limit): partial writes.</summary>
        public int MaxWriteChunk;

        /// <summary>Sends that report 0 bytes written before the next one succeeds.</summary>
        public int StalledWrites;

        /// <summary>Bytes Send still accepts before it takes none (returns 0) until raised again; -1 = no limit.</summary>
        public int WriteBudget = -1;

        /// <summary>Calls to Send, accepted or not (a client that spins on a full transport shows here).</summary>
        public int SendCalls;

        /// <summary>When set, the clock advances this far on each stalled write (so send time-outs can fire).</summary>
        public FakeClock StallClock;

        public long StallMilliseconds;

        /// <summary>When set, Open moves this clock by <see cref="OpenMilliseconds"/> first (a slow TCP connect or TLS handshake).</summary>
        public FakeClock OpenClock;

        public long OpenMilliseconds;

        /// <summary>The peer closed: Receive and Send return -1.</summary>
        public bool PeerClosed;

        /// <summary>Writes fail (-1) while reads still return what was delivered: a connection whose sending half broke first.</summary>
        public bool RefuseWrites;

        /// <summary>When set, Receive returns -1 once the queued bytes are consumed.</summary>
        public bool CloseWhenDrained;

        public int OpenCount;

        public int CloseCount;

        public bool IsOpen;

        public int SentCount
        {
            get { return this.sentCount; }
        }

        public byte[] SentBytes
        {
            get { return this.sent; }
        }

        public int PendingIncoming
        {
            get { return this.incomingWritten - this.incomingRead; }
        }

        public bool Open()
        {
            this.OpenCount++;
            if (this.OpenClock != null)
            {
                this.OpenClock.Advance(this.OpenMilliseconds);
            }

            if (!this.OpenSucceeds)
            {
                return false;
            }

            this.IsOpen = true;
            this.PeerClosed = false;
            return true;
        }

        public void Close()
        {
            this.CloseCount++;
            this.IsOpen = false;
        }

        /// <summary>Queues bytes the broker sends.</summary>
        public void Deliver(byte[] bytes)
        {
            this.Deliver(bytes, 0, bytes.Length);
        }

        public void Deliver(byte[] bytes, int offset, int count)
        {
            if (this.incomingRead == this.incomingWritten)
            {
                this.incomingRead = 0;
                this.incomingWritten = 0;
            }

            if (this.incomingWritten + count > this.incoming.Length)
            {
                int unread = this.incomingWritten - this.incomingRead;
                Array.Copy(this.incoming, this.incomingRead, this.incoming, 0, unread);
                this.incomingRead = 0;
                this.incomingWritten = unread;
            }

            Array.Copy(bytes, offset, this.incoming, this.incomingWritten, count);
            this.incomingWritten += count;
        }

        /// <summary>Drops the broker bytes not read yet (a new connection starts with an empty stream).</summary>
        public void DiscardIncoming()
        {
            this.incomingRead = 0;
            this.incomingWritten = 0;
        }

        /// <summary>Forgets what was sent so far.</summary>
        public void ClearSent()
        {
            this.sentCount = 0;
        }

        public int Send(byte[] buffer, int offset, int count)
        {
            this.SendCalls++;
            if (this.PeerClosed || this.RefuseWrites || !this.IsOpen)
            {
                return -1;
            }

            if (this.StalledWrites > 0)
            {
                this.StalledWrites--;
                if (this.StallClock != null)
                {
                    this.StallClock.Advance(this.StallMilliseconds);
                }

                return 0;
            }

            int accepted = count;
            if (this.MaxWriteChunk > 0 && accepted > this.MaxWriteChunk)
            {
                accepted = this.MaxWriteChunk;
            }

            if (this.WriteBudget >= 0)
            {
                if (accepted > this.WriteBudget)
                {
                    accepted = this.WriteBudget;
                }

                this.WriteBudget -= accepted;
                if (accepted == 0)
                {
                    return 0;
                }
            }

            if (this.sentCount + accepted > this.sent.Length)
            {
                this.sentCount = 0; // a long-running test that does not read what was sent: wrap instead of failing
            }

            Array.Copy(buffer, offset, this.sent, this.sentCount, accepted);
            this.sentCount += accepted;
            return accepted;
        }

        public int Receive(byte[] buffer, int offset, int count)
        {
            if (this.PeerClosed || !this.IsOpen)
            {
                return -1;
            }

            int available = this.incomingWritten - this.incomingRead;
            if (available == 0)
            {
                return this.CloseWhenDrained ? -1 : 0;
            }

            int n = available < count ? available : count;
            if (this.MaxReadChunk > 0 && n > this.MaxReadChunk)
            {
                n = this.MaxReadChunk;
            }

            Array.Copy(this.incoming, this.incomingRead, buffer, offset, n);
            this.incomingRead += n;
            return n;
        }

        /// <summary>True when what was sent since the last <see cref="ClearSent"/> is exactly <paramref name="expected"/>.</summary>
        public void ExpectSent(byte[] expected, string what)
        {
            Check.Bytes(expected, this.sent, 0, this.sentCount, what);
        }
    }
}
