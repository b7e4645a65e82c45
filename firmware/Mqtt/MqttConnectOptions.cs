using System;

namespace HomeNode.Mqtt
{
    /// <summary>What CONNECT says (MQTT 3.1.1 §3.1) and the client's time-outs. Built once at start-up and reused for every reconnect.</summary>
    public sealed class MqttConnectOptions
    {
        public MqttConnectOptions(string clientId)
        {
            this.ClientId = clientId;
            this.ProtocolVersion = MqttProtocolVersion.V311;
            this.KeepAliveSeconds = 60;
            this.CleanSession = true;
            this.ConnectTimeoutMilliseconds = 10000;
            this.PingTimeoutMilliseconds = 10000;
            this.SendTimeoutMilliseconds = 10000;
            this.RepublishOnSessionLoss = true;
            this.AcknowledgeOversizedPublish = true;
            this.MaxResends = 5;
            this.EnforceReceiveMaximum = true;
        }

        /// <summary>3.1.1 (the default) or 5.0, for the next Connect; any other value makes Connect return <see cref="MqttStatus.NotSupported"/>.</summary>
        public MqttProtocolVersion ProtocolVersion;

        /// <summary>1 to 23 bytes are always accepted [MQTT-3.1.3-5]; brokers often take more. Keep it stable across reconnects.</summary>
        public string ClientId;

        /// <summary>0 turns keep-alive off (§3.1.2.10). AWS IoT Core accepts 30 to 1200.</summary>
        public int KeepAliveSeconds;

        /// <summary>
        /// false resumes the broker's session: subscriptions and unacknowledged QoS 1/2 messages survive a reconnect.
        /// MQTT 5.0: this is Clean Start (§3.1.2.4), and how long the session outlives a connection is
        /// <see cref="MqttConnectProperties.SessionExpiryInterval"/> (0, the default, ends it with the connection).
        /// </summary>
        public bool CleanSession;

        /// <summary>null for no user name.</summary>
        public string Username;

        /// <summary>Binary data (§3.1.3.5); needs a user name [MQTT-3.1.2-22]. null for none.</summary>
        public byte[] Password;

        /// <summary>null for no will.</summary>
        public string WillTopic;

        public byte[] WillPayload;

        public MqttQos WillQos;

        public bool WillRetain;

        /// <summary>How long to wait for CONNACK after CONNECT was sent.</summary>
        public int ConnectTimeoutMilliseconds;

        /// <summary>How long to wait for PINGRESP before the connection is declared dead.</summary>
        public int PingTimeoutMilliseconds;

        /// <summary>How long a send may make no progress before the connection is declared dead.</summary>
        public int SendTimeoutMilliseconds;

        /// <summary>
        /// When the broker starts a new session although PUBLISH packets of ours were unacknowledged (clean session, or
        /// it lost ours), the client goes on with the new session (MQTT 3.1.1 §3.2.2.2 lets it choose) and so drops the
        /// old session state (§4.1): the broker has none of it, and a clean session must not reuse it [MQTT-3.1.2-6]. true (the default) sends
        /// those messages again as new messages (DUP=0, new delivery), so nothing the caller handed over is lost, at the
        /// price of a possible duplicate; false releases them (the handler hears <see cref="MqttStatus.SessionLost"/>
        /// either way when the session was meant to persist).
        /// </summary>
        public bool RepublishOnSessionLoss;

        /// <summary>
        /// A QoS 1/2 PUBLISH larger than the receive buffer is skipped. true (the default) acknowledges it anyway
        /// (PUBACK, or PUBREC and later PUBCOMP), so the broker does not send it again on every reconnect, and reports
        /// <see cref="MqttStatus.IncomingPacketTooLarge"/>; false leaves it unacknowledged, so a persistent session
        /// gets it again after the next reconnect (useful only if the receive buffer can grow by then).
        /// </summary>
        public bool AcknowledgeOversizedPublish;

        /// <summary>
        /// How many reconnects may send one unacknowledged QoS 1 PUBLISH again before the client drops it: counted in
        /// <see cref="MqttClient.DroppedAfterMaxResends"/> and reported to <see cref="IMqttHandler.OnRequestAbandoned"/>
        /// with <see cref="MqttStatus.ResendLimitReached"/>. A message the broker answers by dropping the connection (an
        /// ACL that disconnects, a payload it chokes on) would otherwise be resent at every CONNACK for ever. QoS 2
        /// messages are never given up this way: their packet id stays taken at the broker until PUBCOMP (MQTT 3.1.1
        /// §2.3.1, §4.3.3), and a released id could be reused for a new message the broker would then drop.
        /// 5 by default; 0 never resends; int.MaxValue for no limit.
        /// </summary>
        public int MaxResends;

        /// <summary>
        /// MQTT 5.0: a server that sends more unacknowledged QoS 1/2 PUBLISH than our Receive Maximum (the incoming QoS 2
        /// table's size) breaks §3.3.4. true (the default) closes the connection with DISCONNECT 0x93, as the spec says;
        /// false reports <see cref="MqttStatus.ReceiveMaximumExceeded"/> as a notice and takes the message as a 3.1.1
        /// client would (delivered and acknowledged; a QoS 2 one beyond the table is at least once, see
        /// <see cref="MqttStatus.IncomingQos2TableFull"/>). mosquitto 2.0.11 (Debian 12) needs false when it delivers
        /// QoS 2: after PUBCOMP it refills its send quota twice over (seen here: four unacknowledged with a Receive
        /// Maximum of 2), while QoS 1 stays within it.
        /// </summary>
        public bool EnforceReceiveMaximum;

        /// <summary>
        /// MQTT 5.0 CONNECT and will properties (used when <see cref="ProtocolVersion"/> is 5.0); null sends none of the
        /// caller's. The client announces the limits its buffers set either way (Receive Maximum, Maximum Packet Size,
        /// Topic Alias Maximum; see <see cref="MqttConnectProperties.Write"/>).
        /// </summary>
        public MqttConnectProperties Properties;

        /// <summary>Throws for values no broker would accept; called by <see cref="MqttClient.Connect"/>.</summary>
        public void Validate()
        {
            int clientIdBytes = this.ClientId == null ? -1 : MqttUtf8.Measure(this.ClientId);
            if (clientIdBytes < 0 || clientIdBytes > 65535)
            {
                throw new ArgumentException("client id must be valid UTF-8 without U+0000, at most 65535 bytes");
            }

            if (this.ClientId.Length == 0 && !this.CleanSession && this.ProtocolVersion != MqttProtocolVersion.V500)
            {
                // MQTT-3.1.3-7: a zero-byte client id requires a clean session (MQTT 5.0 dropped the rule: the server assigns one, §3.1.3.1).
                throw new ArgumentException("an empty client id needs CleanSession = true");
            }

            if (this.KeepAliveSeconds < 0 || this.KeepAliveSeconds > 65535)
            {
                throw new ArgumentOutOfRangeException("KeepAliveSeconds", "0 to 65535");
            }

            if (this.Password != null && this.Username == null)
            {
                throw new ArgumentException("a password needs a user name (MQTT-3.1.2-22)");
            }

            if (this.Username != null && MqttUtf8.Measure(this.Username) < 0)
            {
                throw new ArgumentException("user name must be valid UTF-8 without U+0000");
            }

            if (this.WillTopic != null)
            {
                if (this.WillTopic.Length == 0 || MqttUtf8.Measure(this.WillTopic) < 0 || MqttUtf8.ContainsAscii(this.WillTopic, '+') || MqttUtf8.ContainsAscii(this.WillTopic, '#'))
                {
                    throw new ArgumentException("will topic must be a valid topic name without wildcards");
                }

                if ((int)this.WillQos > 2)
                {
                    throw new ArgumentOutOfRangeException("WillQos", "0, 1 or 2");
                }
            }

            if (this.ConnectTimeoutMilliseconds <= 0 || this.PingTimeoutMilliseconds <= 0 || this.SendTimeoutMilliseconds <= 0)
            {
                throw new ArgumentOutOfRangeException("time-outs", "must be positive");
            }

            if (this.MaxResends < 0)
            {
                throw new ArgumentOutOfRangeException("MaxResends", "0 or more");
            }
        }
    }
}
