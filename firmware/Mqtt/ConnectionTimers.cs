namespace HomeNode.Mqtt
{
    /// <summary>
    /// The time-keeping of one connection, on the caller's monotonic clock: the connect time-out, keep-alive counted
    /// from the last packet we sent (§3.1.2.10), the ping time-out, the send time-out of a transport that takes no
    /// bytes, and the dead-link check that pings when nothing has
    /// been heard from the broker for a whole keep-alive. It decides; the client acts.
    /// </summary>
    public sealed class ConnectionTimers
    {
        // What Due says the client must do now. Constants rather than an enum: on nanoCLR an enum is a type, a field
        // and a name each in flash, constants cost nothing.

        /// <summary>Nothing is due.</summary>
        public const int None = 0;

        /// <summary>Send PINGREQ (§3.1.2.10).</summary>
        public const int SendPing = 1;

        /// <summary>No CONNACK within the connect time-out: close.</summary>
        public const int ConnectTimedOut = 2;

        /// <summary>No PINGRESP within the ping time-out: the link is dead, close.</summary>
        public const int PingTimedOut = 3;

        /// <summary>The transport took no byte of a started packet within the send time-out: close.</summary>
        public const int SendTimedOut = 4;

        // When the client began waiting for the server's answer: the CONNECT for CONNACK, or the PINGREQ for PINGRESP.
        // One field for both: a ping is sent only once connected (Due says SendPing only then).
        private long awaitingAnswerSince;
        private bool writeStalled;
        private long writeStalledSince;

        // What the client records as it happens, as plain fields: a method that only stores its argument costs flash
        // and RAM of its own on nanoCLR.

        /// <summary>When the last packet we sent went out whole: keep-alive counts from here (§3.1.2.10).</summary>
        public long LastSendAt;

        /// <summary>When bytes last arrived from the broker: a whole keep-alive of silence pings (see <see cref="Due"/>).</summary>
        public long LastReceiveAt;

        /// <summary>PINGREQ sent and no PINGRESP yet; the client clears it at PINGRESP and when the connection ends.</summary>
        public bool PingOutstanding;

        /// <summary>MQTT 5.0 Server Keep Alive (§3.2.2.3.14) in seconds, which replaces the options' keep-alive; -1 = none. Cleared by <see cref="ConnectStarted"/>.</summary>
        public int ServerKeepAliveSeconds;

        /// <summary>CONNECT is about to be sent.</summary>
        [SteadyState]
        public void ConnectStarted(long now)
        {
            this.awaitingAnswerSince = now;
            this.ServerKeepAliveSeconds = -1;
            this.LastReceiveAt = now;
            this.PingOutstanding = false;
            this.writeStalled = false;
        }

        /// <summary>The transport took no byte of a packet that is not out yet: the send time-out runs from the first such try.</summary>
        [SteadyState]
        public void WriteStalled(long now)
        {
            if (!this.writeStalled)
            {
                this.writeStalled = true;
                this.writeStalledSince = now;
            }
        }

        /// <summary>The transport took bytes: the send time-out starts again at the next stall.</summary>
        [SteadyState]
        public void WriteMoved()
        {
            this.writeStalled = false;
        }

        [SteadyState]
        public void PingSent(long now)
        {
            this.PingOutstanding = true;
            this.awaitingAnswerSince = now;
        }

        /// <summary>What is due at <paramref name="now"/>: <see cref="None"/>, <see cref="SendPing"/>, or a time-out that closes the connection.</summary>
        [SteadyState]
        public int Due(long now, bool connecting, MqttConnectOptions options)
        {
            if (this.writeStalled && now - this.writeStalledSince >= options.SendTimeoutMilliseconds)
            {
                return SendTimedOut;
            }

            if (connecting)
            {
                return now - this.awaitingAnswerSince >= options.ConnectTimeoutMilliseconds ? ConnectTimedOut : None;
            }

            long keepAlive = (this.ServerKeepAliveSeconds >= 0 ? this.ServerKeepAliveSeconds : options.KeepAliveSeconds) * 1000L;
            if (keepAlive == 0)
            {
                return None;
            }

            if (this.PingOutstanding)
            {
                return now - this.awaitingAnswerSince >= options.PingTimeoutMilliseconds ? PingTimedOut : None;
            }

            // §3.1.2.10: at most keep-alive between two packets we send. Also ping when nothing has been heard for a
            // whole keep-alive: a black-holed TCP connection accepts our writes for a long time, so a client that keeps
            // publishing (QoS 0 awaits no answer at all) would otherwise never notice the link is dead.
            return now - this.LastSendAt >= keepAlive || now - this.LastReceiveAt >= keepAlive ? SendPing : None;
        }
    }
}
