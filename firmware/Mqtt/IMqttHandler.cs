namespace HomeNode.Mqtt
{
    /// <summary>
    /// What the client reports, always from inside <see cref="MqttClient.Poll"/>, <see cref="MqttClient.Connect"/> or
    /// a publish/subscribe call, on the caller's thread.
    /// </summary>
    /// <remarks>
    /// Contract: handlers return quickly and do not throw. They may call Publish, Subscribe, Unsubscribe and
    /// Disconnect on the client, but not Poll. The message passed to <see cref="OnMessage"/> is a view that is valid
    /// until the next Poll.
    /// </remarks>
    public interface IMqttHandler
    {
        /// <summary>
        /// CONNACK accepted the connection; unacknowledged messages have already been resent (MQTT 5.0: within the
        /// server's Receive Maximum, so with more of them than that this comes once enough were acknowledged).
        /// </summary>
        void OnConnected(bool sessionPresent);

        /// <summary>The connection ended (or a connect attempt failed after the transport opened); <paramref name="reason"/> says why.</summary>
        void OnConnectionClosed(MqttStatus reason);

        void OnMessage(MqttReceivedMessage message);

        /// <summary>The broker took ownership of an outgoing QoS 1 (PUBACK) or QoS 2 (PUBREC then PUBCOMP) message.</summary>
        void OnPublishAcknowledged(ushort packetId);

        /// <summary>SUBACK: one return code per filter, 0-2 the granted QoS or 0x80 failure (§3.9.3), at <paramref name="buffer"/>[offset..offset+count).</summary>
        void OnSubscribeAcknowledged(ushort packetId, byte[] buffer, int offset, int count);

        void OnUnsubscribeAcknowledged(ushort packetId);

        /// <summary>Something went wrong that did not end the connection (oversized packet skipped, unknown packet id, session lost).</summary>
        void OnNotice(MqttStatus notice);

        /// <summary>
        /// The client gave up on a request it had accepted, named by the packet id Publish, Subscribe or Unsubscribe
        /// returned; reported at the CONNACK of the next connection, before <see cref="OnConnected"/>:
        /// <see cref="MqttStatus.SubscribeAbandoned"/> or <see cref="MqttStatus.UnsubscribeAbandoned"/> for a request
        /// still unanswered when the connection ended (3.1.1 resends only PUBLISH and PUBREL, §4.4: send it again);
        /// <see cref="MqttStatus.SessionLost"/> for an unacknowledged PUBLISH released with a lost session
        /// (<see cref="MqttConnectOptions.RepublishOnSessionLoss"/> false).
        /// Every packet id the client hands out ends in exactly one of OnPublishAcknowledged, OnSubscribeAcknowledged,
        /// OnUnsubscribeAcknowledged or this.
        /// </summary>
        void OnRequestAbandoned(ushort packetId, MqttStatus reason);
    }
}
