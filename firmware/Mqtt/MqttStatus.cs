namespace HomeNode.Mqtt
{
    /// <summary>
    /// Outcome of a client operation or the reason a connection ended. Hot paths return this
    /// instead of throwing; exceptions are kept for caller bugs (bad arguments).
    /// </summary>
    public enum MqttStatus : byte
    {
        Ok = 0,

        // ---- the call could not be carried out now; nothing was sent ----

        /// <summary>The operation needs a connection and there is none.</summary>
        NotConnected,

        /// <summary>Connect was called while already connected or connecting.</summary>
        AlreadyConnected,

        /// <summary>
        /// Every in-flight slot is taken, or (MQTT 5.0) as many QoS 1/2 PUBLISH await acknowledgement as the server's
        /// Receive Maximum allows (§4.9); try again after acknowledgements arrive (see Poll).
        /// </summary>
        InflightFull,

        /// <summary>
        /// The transport has not yet taken all of an earlier packet (it accepted part of it, or nothing); Poll writes
        /// the rest, and packets go out whole and in order, so try again after a Poll.
        /// </summary>
        SendInProgress,

        /// <summary>The packet does not fit the send buffer or an in-flight slot, or (MQTT 5.0) is larger than the server's Maximum Packet Size (§3.2.2.3.6).</summary>
        PacketTooLarge,

        /// <summary>A topic name or filter is empty, too long, has wildcards where they are not allowed, or is not valid MQTT UTF-8 (§1.5.3, §4.7).</summary>
        InvalidTopic,

        /// <summary>A string field is not valid MQTT UTF-8 (§1.5.3) or longer than 65535 bytes.</summary>
        InvalidString,

        /// <summary>The requested protocol version or feature is not implemented.</summary>
        NotSupported,

        // ---- the transport ----

        /// <summary>The transport could not open a connection.</summary>
        TransportOpenFailed,

        /// <summary>The transport reported the connection closed or broken.</summary>
        TransportClosed,

        /// <summary>The transport accepted no byte of a started packet for the send time-out (counted across polls).</summary>
        SendTimeout,

        // ---- the broker's answer to CONNECT (CONNACK return codes, §3.2.2.3) ----

        /// <summary>
        /// The server does not speak the protocol version asked for: 3.1.1 return code 1, a 5.0 CONNACK with 0x84
        /// Unsupported Protocol Version, or a 3.1.1 CONNACK (return code 1) answering a 5.0 CONNECT. Try 3.1.1.
        /// </summary>
        RefusedProtocolVersion,
        RefusedIdentifierRejected,
        RefusedServerUnavailable,
        RefusedBadCredentials,
        RefusedNotAuthorized,

        /// <summary>CONNACK carried a return code that 3.1.1 reserves (6-255).</summary>
        RefusedUnknownCode,

        /// <summary>No CONNACK arrived within the connect time-out.</summary>
        ConnectTimeout,

        /// <summary>No PINGRESP arrived within the ping time-out (§3.1.2.10).</summary>
        PingTimeout,

        /// <summary>The broker said a session was present although this client asked for a clean one, which MQTT-3.2.2-1 forbids; the client disconnects (MQTT 3.1.1 §3.2.2.2 leaves that choice to the client).</summary>
        UnexpectedSessionPresent,

        // ---- bytes from the broker broke the protocol; the connection was closed ----

        /// <summary>Reserved flag bits, an unknown packet type, a packet only a client may send, or a field that contradicts the spec.</summary>
        MalformedPacket,

        /// <summary>The remaining length used more than four bytes (§2.2.3).</summary>
        MalformedRemainingLength,

        /// <summary>A topic in PUBLISH was not valid MQTT UTF-8 or contained wildcards (§3.3.2.1, §1.5.3).</summary>
        MalformedTopic,

        /// <summary>A packet arrived that is not allowed in the current state (a second CONNACK, anything before CONNACK).</summary>
        ProtocolViolation,

        // ---- not fatal: reported, then the client carries on ----

        /// <summary>An incoming packet was larger than the receive buffer; it was skipped without losing stream sync.</summary>
        IncomingPacketTooLarge,

        /// <summary>
        /// An incoming QoS 2 PUBLISH arrived while the table of receptions awaiting PUBREL was full. It was delivered and
        /// answered with PUBREC as MQTT-4.3.3-2 requires, but its id was not kept: if the link drops before our PUBREC
        /// reaches the broker, the broker sends it again (DUP=1) after the reconnect and it is delivered again. So this
        /// message is at least once, not exactly once; nothing waits for a reconnect. Counted in
        /// <see cref="MqttClient.UntrackedQos2Deliveries"/>; size the table for the broker's in-flight window (mosquitto:
        /// max_inflight_messages, 20 by default) to keep exactly once.
        /// </summary>
        IncomingQos2TableFull,

        /// <summary>An acknowledgement named a packet id this client is not waiting for; it was ignored.</summary>
        UnknownPacketId,

        /// <summary>The broker had no session although one was expected (CleanSession 0, Session Present 0, MQTT 3.1.1 §3.2.2.2, MQTT-3.2.2-3): the client went on with the new session, and its unacknowledged publishes were sent again as new messages (see <see cref="MqttConnectOptions.RepublishOnSessionLoss"/>).</summary>
        SessionLost,

        /// <summary>Disconnect was called by the application.</summary>
        ClosedByClient,

        // ---- why a request was given up (IMqttHandler.OnRequestAbandoned) ----

        /// <summary>A SUBSCRIBE was unanswered when the connection ended; 3.1.1 does not resend it (§4.4), so subscribe again.</summary>
        SubscribeAbandoned,

        /// <summary>An UNSUBSCRIBE was unanswered when the connection ended; 3.1.1 does not resend it (§4.4), so unsubscribe again.</summary>
        UnsubscribeAbandoned,

        /// <summary>A message was sent again on <see cref="MqttConnectOptions.MaxResends"/> reconnects and still not acknowledged; it was dropped.</summary>
        ResendLimitReached,

        // ---- MQTT 5.0 (OASIS MQTT 5.0); the reason code itself is in MqttClient.Server.ReasonCode ----

        /// <summary>A 5.0 CONNACK refused the connection with a reason code that has no 3.1.1 counterpart above (§3.2.2.2; 0x84 is <see cref="RefusedProtocolVersion"/>).</summary>
        RefusedByServer,

        /// <summary>
        /// 5.0 only: the transport closed after CONNECT and before any CONNACK. A server that does not speak 5.0 may do
        /// this (§4.13: it may close on a CONNECT it cannot parse), so it is a reason to try 3.1.1 once.
        /// </summary>
        ClosedBeforeConnAck,

        /// <summary>The server sent DISCONNECT (§3.14); its reason code, Reason String and Server Reference are in MqttClient.Server.</summary>
        DisconnectedByServer,

        /// <summary>The server sent more unacknowledged QoS 1/2 PUBLISH than our Receive Maximum; the client sent DISCONNECT 0x93 (§3.3.4).</summary>
        ReceiveMaximumExceeded,

        /// <summary>
        /// An incoming Topic Alias was above our Topic Alias Maximum (the client closed with DISCONNECT 0x94, §3.3.2.3.4);
        /// as a notice, the server set an alias for a topic longer than our alias table keeps (the message was delivered;
        /// a later use of the alias alone closes the connection as a Protocol Error). As a publish status: a Topic Alias
        /// set by the caller above the server's Topic Alias Maximum; nothing was sent.
        /// </summary>
        TopicAliasInvalid,

        /// <summary>The publish asked for a QoS above the server's Maximum QoS (§3.2.2.3.4); nothing was sent.</summary>
        QosNotSupported,

        /// <summary>The publish was retained and the server said Retain Available 0 (§3.2.2.3.5); nothing was sent.</summary>
        RetainNotSupported,

        /// <summary>Given up: the server answered the PUBLISH with a PUBACK or PUBREC reason code of 0x80 or above (§4.3); it is not resent.</summary>
        PublishRefused,

        /// <summary>The server sent AUTH; enhanced authentication (§4.12) is not implemented, so the client closed with DISCONNECT 0x82.</summary>
        AuthenticationNotSupported,
    }
}
