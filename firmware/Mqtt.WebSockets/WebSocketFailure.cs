namespace HomeNode.Mqtt.WebSockets
{
    /// <summary>
    /// Why the last WebSocket connection of a <see cref="WebSocketTransport"/> failed to open or ended. The MQTT client
    /// sees only <see cref="MqttStatus.TransportOpenFailed"/> or <see cref="MqttStatus.TransportClosed"/>; this says
    /// which rule the server broke.
    /// </summary>
    public enum WebSocketFailure
    {
        None = 0,

        /// <summary>The transport below (TCP or TLS) did not open.</summary>
        OpenFailed,

        /// <summary>No complete answer to the upgrade request within the handshake time-out.</summary>
        HandshakeTimeout,

        /// <summary>The connection closed before the answer to the upgrade request was complete.</summary>
        HandshakeConnectionClosed,

        /// <summary>The answer's header is larger than the receive buffer.</summary>
        HandshakeTooLarge,

        /// <summary>The answer is not an HTTP/1.1 response (bad status line, a header line without a colon).</summary>
        HandshakeMalformed,

        /// <summary>The status is not 101 Switching Protocols (RFC 6455 §4.1); <see cref="WebSocketTransport.LastHttpStatus"/> holds it.</summary>
        HandshakeRefused,

        /// <summary>Upgrade: websocket or Connection: Upgrade is missing (RFC 6455 §4.1, points 2 and 3).</summary>
        HandshakeNoUpgrade,

        /// <summary>Sec-WebSocket-Accept is missing or is not base64(SHA-1(key + GUID)) (RFC 6455 §4.1, point 4).</summary>
        HandshakeBadAccept,

        /// <summary>Sec-WebSocket-Protocol is missing or is not mqtt (MQTT 3.1.1 §6, RFC 6455 §4.1 point 6).</summary>
        HandshakeNoSubprotocol,

        /// <summary>The server answered with an extension we did not ask for (RFC 6455 §4.1, point 5).</summary>
        HandshakeUnexpectedExtension,

        /// <summary>A frame from the server is masked (RFC 6455 §5.1).</summary>
        MaskedFrame,

        /// <summary>A text frame: MQTT is carried in binary frames only (MQTT 3.1.1 §6).</summary>
        TextFrame,

        /// <summary>A frame longer than <see cref="WebSocketOptions.MaxIncomingFrameBytes"/>.</summary>
        FrameTooLarge,

        /// <summary>RSV1, RSV2 or RSV3 set without a negotiated extension (RFC 6455 §5.2).</summary>
        ReservedBits,

        /// <summary>A reserved opcode (RFC 6455 §5.2: 3-7 and B-F).</summary>
        BadOpcode,

        /// <summary>A close, ping or pong frame without FIN (RFC 6455 §5.5).</summary>
        FragmentedControlFrame,

        /// <summary>A continuation frame with no fragmented message open (RFC 6455 §5.4).</summary>
        UnexpectedContinuation,

        /// <summary>A new data frame while a fragmented message is still open (RFC 6455 §5.4).</summary>
        ExpectedContinuation,

        /// <summary>A payload length not in its shortest form (RFC 6455 §5.2), or a close frame with a 1-byte body (§5.5.1).</summary>
        BadLength,

        /// <summary>The server sent a close frame between MQTT packets; <see cref="WebSocketTransport.LastCloseStatus"/> holds its status.</summary>
        ClosedByServer,

        /// <summary>The server sent a close frame in the middle of an MQTT packet.</summary>
        ClosedMidPacket,

        /// <summary>A close frame whose status may not be sent (RFC 6455 §7.4: 1004-1006, 1015, or reserved); answered with 1002.</summary>
        BadCloseStatus,

        /// <summary>A close frame whose reason is not UTF-8 (RFC 6455 §5.5.1, §8.1); answered with 1007.</summary>
        BadCloseReason,

        /// <summary>The connection below ended without a close frame.</summary>
        ConnectionLost,

        /// <summary>Closed by our side (<see cref="IMqttTransport.Close"/>), with status 1000.</summary>
        ClosedByClient,
    }
}
