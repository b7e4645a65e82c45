using System;

namespace HomeNode.Mqtt
{
    /// <summary>
    /// An MQTT 3.1.1 and 5.0 client (the version is chosen per connection by <see cref="MqttConnectOptions.ProtocolVersion"/>) that owns no threads and allocates nothing after construction. The caller hands in the
    /// transport, the clock, the handler, the send and receive buffers and the in-flight table, then calls
    /// <see cref="Poll"/> often (every few milliseconds to every few hundred): it reads, dispatches, answers
    /// acknowledgements and runs keep-alive and time-outs.
    /// </summary>
    /// <remarks>
    /// Three parts: the codec (<see cref="PacketWriter"/>, <see cref="PacketReader"/>) turns packets into bytes and
    /// back; the session (<see cref="MqttSession"/>) keeps what must survive a reconnect; this class is the loop: the
    /// public API, framing of the byte stream, dispatch, keep-alive and time-outs.
    /// </remarks>
    public sealed class MqttClient
    {
        private readonly IMqttTransport transport;
        private readonly IMonotonicClock clock;
        private readonly IMqttHandler handler;
        private readonly byte[] sendBuffer;
        private readonly byte[] receiveBuffer;
        private readonly PacketWriter writer;
        private readonly PacketReader reader;
        private readonly MqttSession session;
        private readonly MqttReceivedMessage message = new MqttReceivedMessage();
        private readonly IMqttVersion5Handler handler5;
        private readonly TopicAliasTable incomingAliases;
        private readonly TopicAliasTable outgoingAliases;
        private readonly byte[] reasonCode = new byte[1];
        private readonly string[] singleFilter = new string[1];
        private readonly byte[] singleOptions = new byte[1];

        private MqttConnectOptions options;
        private MqttConnectionState state;

        // MQTT 5.0 on the current connection, and its QoS 2 receptions awaiting PUBREL (what the server's send quota
        // counts, §4.9).
        private bool version5;
        private int incomingUnreleased;
        private int receiveStart;
        private int receiveFill;
        private int skipRemaining;

        // Keep-alive and time-outs, on the caller's monotonic clock. When the client began waiting for the server's
        // answer: the CONNECT for CONNACK, or the PINGREQ for PINGRESP. One field for both: a ping is sent only once
        // connected.
        private long awaitingAnswerSince;

        // The transport took no byte of a packet that is not out yet: the send time-out runs from the first such try.
        private bool writeStalled;
        private long writeStalledSince;

        // When the last packet we sent went out whole: keep-alive counts from here (§3.1.2.10).
        private long lastSendAt;

        // When bytes last arrived from the broker: a whole keep-alive of silence pings (see Poll).
        private long lastReceiveAt;

        // PINGREQ sent and no PINGRESP yet; cleared at PINGRESP and when the connection ends.
        private bool pingOutstanding;

        // The clock is read once per public call (a read costs ~150 ns on a PC); timestamps within one call share it.
        private long now;
        private bool polling;
        private MqttStatus closeReason;

        // Counts Connect calls, so code that runs after a handler callback can tell the handler opened a new connection.
        private int connectionGeneration;

        // A packet the transport has not taken all of: its rest stays where it lies (the send buffer or its in-flight
        // slot) and goes out first at the next Poll; no other packet starts before it, so nothing is copied or queued.
        private byte[] unsentBuffer;
        private int unsentOffset;
        private int unsentCount;

        // An acknowledgement due while that packet was still being written (type 0, reserved in every version, while none
        // is). At most one: dispatch stops behind it.
        private MqttPacketType owedAckType;
        private ushort owedAckId;

        private int owedAckCode;

        // What this CONNECT asked, for its CONNACK: to resume a session (CleanSession / Clean Start 0; else a Session
        // Present is a protocol error), and whether its session is to outlive it: 3.1.1 CleanSession 0; 5.0 a Session
        // Expiry Interval above 0 (§3.1.2.11.2: with 0 it ends with the connection), which decides whether one missing
        // at the next CONNACK was lost (SessionLost). Both taken at Connect: a handler may change the options for the
        // next connection before this one's CONNACK is done with.
        private bool resumeRequested;
        private bool sessionOutlivesAsRequested;

        // Whether the session of the latest connection the server accepted outlives it: as requested, unless the
        // server's CONNACK gave a Session Expiry Interval, which the client must use instead (5.0 §3.2.2.3.2).
        private bool sessionOutlivedLastConnection;

        /// <summary>
        /// A client on <paramref name="transport"/> with the caller's buffers and in-flight table; with MQTT 5.0 it can
        /// also use Topic Aliases (§3.3.2.3.4): <paramref name="incomingAliases"/> holds the
        /// topics the server names by alias (its capacity is the Topic Alias Maximum we announce), and
        /// <paramref name="outgoingAliases"/> the topics we send by alias (used up to the server's Topic Alias Maximum),
        /// so a repeated topic costs two bytes. Either may be null (no aliases that way). A handler that implements
        /// <see cref="IMqttVersion5Handler"/> also hears reason codes and the server's CONNACK, DISCONNECT and AUTH.
        /// </summary>
        public MqttClient(IMqttTransport transport, IMonotonicClock clock, IMqttHandler handler, byte[] sendBuffer, byte[] receiveBuffer, InflightTable inflight, TopicAliasTable incomingAliases = null, TopicAliasTable outgoingAliases = null)
        {
            if (transport == null || clock == null || handler == null || sendBuffer == null || receiveBuffer == null || inflight == null)
            {
                throw new ArgumentNullException("transport, clock, handler, buffers and in-flight table are all required");
            }

            if (sendBuffer.Length < 16 || receiveBuffer.Length < 16)
            {
                throw new ArgumentOutOfRangeException("sendBuffer", "buffers need at least 16 bytes");
            }

            this.transport = transport;
            this.clock = clock;
            this.handler = handler;
            this.sendBuffer = sendBuffer;
            this.receiveBuffer = receiveBuffer;
            this.Inflight = inflight;
            this.writer = new PacketWriter(MqttProtocolVersion.V311);
            this.reader = new PacketReader(MqttProtocolVersion.V311);
            this.session = new MqttSession(inflight);
            this.handler5 = handler as IMqttVersion5Handler;
            this.incomingAliases = incomingAliases;
            this.outgoingAliases = outgoingAliases;
        }

        public MqttConnectionState State
        {
            get { return this.state; }
        }

        public bool IsConnected
        {
            get { return this.state == MqttConnectionState.Connected; }
        }

        public readonly InflightTable Inflight;

        /// <summary>
        /// What the server said in its latest CONNACK, DISCONNECT or AUTH (MQTT 5.0: limits the client obeys, reason
        /// code, texts as views valid until the next Poll). Reused for every connection.
        /// </summary>
        public readonly MqttServerProperties Server = new MqttServerProperties();

        // The counters below are fields the client adds to and a caller may read or reset: on the device a getter costs
        // a method (about 40 bytes of flash and 2 of RAM each).

        /// <summary>Incoming packets larger than the receive buffer that were skipped.</summary>
        public long OversizedPacketsSkipped;

        /// <summary>Incoming QoS 2 PUBLISH repeated by the broker before PUBREL and therefore not delivered twice.</summary>
        public long DuplicatesSuppressed;

        /// <summary>
        /// Incoming QoS 2 messages that arrived while the incoming table was full: delivered and acknowledged (PUBREC)
        /// without keeping their ids, so each is at least once rather than exactly once (see
        /// <see cref="MqttStatus.IncomingQos2TableFull"/>). Size the table for the broker's in-flight window to keep this 0.
        /// </summary>
        public long UntrackedQos2Deliveries;

        /// <summary>Unacknowledged messages dropped after <see cref="MqttConnectOptions.MaxResends"/> resends, each reported to <see cref="IMqttHandler.OnRequestAbandoned"/>.</summary>
        public long DroppedAfterMaxResends;

        /// <summary>Bytes of memory the client was given (buffers and table), for footprint reports.</summary>
        public int FootprintBytes
        {
            get
            {
                int aliases = (this.incomingAliases == null ? 0 : this.incomingAliases.FootprintBytes) + (this.outgoingAliases == null ? 0 : this.outgoingAliases.FootprintBytes);
                return this.sendBuffer.Length + this.receiveBuffer.Length + this.Inflight.FootprintBytes + aliases;
            }
        }

        /// <summary>
        /// Opens the transport and sends CONNECT; CONNACK is handled by <see cref="Poll"/>, which reports the outcome
        /// through <see cref="IMqttHandler.OnConnected"/> or <see cref="IMqttHandler.OnConnectionClosed"/>.
        /// Session state (unacknowledged messages) survives between connections of the same client object.
        /// </summary>
        /// <exception cref="ArgumentException">The options are invalid (see <see cref="MqttConnectOptions.Validate"/>).</exception>
        [SteadyState]
        public MqttStatus Connect(MqttConnectOptions connectOptions)
        {
            if (connectOptions == null)
            {
                throw new ArgumentNullException("connectOptions");
            }

            connectOptions.Validate();
            if (this.state != MqttConnectionState.Disconnected)
            {
                return MqttStatus.AlreadyConnected;
            }

            MqttProtocolVersion version = connectOptions.ProtocolVersion;
            if (version != MqttProtocolVersion.V311 && version != MqttProtocolVersion.V500)
            {
                return MqttStatus.NotSupported;
            }

            this.writer.Version = version;
            this.reader.Version = version;
            this.version5 = version == MqttProtocolVersion.V500;
            // MQTT 5.0 §3.1.2.11: the caller's properties, with the limits our buffers set, so the server never sends what we
            // cannot take: Receive Maximum = incoming QoS 2 table, Maximum Packet Size = receive buffer, Topic Alias
            // Maximum = incoming alias table (a smaller value the caller set wins).
            int length = this.writer.WriteConnect(this.sendBuffer, 0, this.sendBuffer.Length, connectOptions, this.Inflight.IncomingCapacity, this.receiveBuffer.Length, this.incomingAliases == null ? 0 : this.incomingAliases.Capacity);
            if (length == PacketWriter.DoesNotFit)
            {
                return MqttStatus.PacketTooLarge;
            }

            if (length < 0)
            {
                return MqttStatus.InvalidString;
            }

            this.options = connectOptions;
            this.Server.Reset();
            this.incomingUnreleased = 0;
            if (this.incomingAliases != null)
            {
                this.incomingAliases.Clear(); // aliases belong to one network connection (§3.3.2.3.4)
            }

            if (this.outgoingAliases != null)
            {
                this.outgoingAliases.Clear();
            }

            if (!this.transport.Open())
            {
                this.transport.Close();
                return MqttStatus.TransportOpenFailed;
            }

            this.Tick();
            this.connectionGeneration++;
            this.state = MqttConnectionState.Connecting;

            // A new connection: the connect time-out and the broker's silence count from the CONNECT; no ping or stall
            // carries over from the last one (nor Server Keep Alive: Server was reset above).
            this.awaitingAnswerSince = this.now;
            this.lastReceiveAt = this.now;
            this.pingOutstanding = false;
            this.writeStalled = false;
            this.resumeRequested = !connectOptions.CleanSession;
            this.sessionOutlivesAsRequested = this.version5 ? connectOptions.Properties != null && connectOptions.Properties.SessionExpiryInterval != 0 : this.resumeRequested;
            return this.Send(this.sendBuffer, 0, length);
        }

        /// <summary>
        /// Publishes to a topic given as UTF-8 bytes. QoS 1 and 2 messages are copied into the in-flight table and
        /// <paramref name="packetId"/> names them in <see cref="IMqttHandler.OnPublishAcknowledged"/>; if the connection
        /// drops first they are resent on reconnect. Returns <see cref="MqttStatus.InflightFull"/> rather than queuing, and
        /// <see cref="MqttStatus.SendInProgress"/> while the transport has not yet taken all of an earlier packet.
        /// Ok means the packet is the client's: if the transport takes only part of it now, Poll sends the rest.
        /// </summary>
        /// <remarks>
        /// <paramref name="properties"/>: MQTT 5.0 PUBLISH properties (§3.3.2.3); null for none, and a 3.1.1
        /// connection ignores them. What the server's CONNACK limits is checked before anything is sent:
        /// <see cref="MqttStatus.QosNotSupported"/> above its Maximum QoS, <see cref="MqttStatus.RetainNotSupported"/>
        /// for a retained message when it has no retain, <see cref="MqttStatus.PacketTooLarge"/> above its Maximum
        /// Packet Size, <see cref="MqttStatus.InflightFull"/> at its Receive Maximum. With an outgoing alias table the
        /// client gives the topic an alias the first time and sends the alias alone after that (leave
        /// <see cref="MqttPublishProperties.TopicAlias"/> 0; a value set there is sent as it is, with the topic).
        /// </remarks>
        [SteadyState]
        public MqttStatus Publish(byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, MqttQos qos, bool retain, out ushort packetId, MqttPublishProperties properties = null)
        {
            packetId = 0;
            CheckQos(qos);
            CheckRange(topic, topicOffset, topicCount);
            CheckRange(payload, payloadOffset, payloadCount);
            if (!TopicFilter.IsValidTopicName(topic, topicOffset, topicCount))
            {
                return MqttStatus.InvalidTopic;
            }

            return this.StartPublish(topic, topicOffset, topicCount, null, payload, payloadOffset, payloadCount, qos, retain, properties, out packetId);
        }

        /// <summary>Publishes to a topic given as a string, encoded straight into the packet (no allocation); otherwise as the byte-topic overload.</summary>
        [SteadyState]
        public MqttStatus Publish(string topic, byte[] payload, int payloadOffset, int payloadCount, MqttQos qos, bool retain, out ushort packetId, MqttPublishProperties properties = null)
        {
            CheckQos(qos);
            CheckRange(payload, payloadOffset, payloadCount);
            if (topic == null)
            {
                throw new ArgumentNullException("topic");
            }

            return this.StartPublish(null, 0, MqttUtf8.Measure(topic), topic, payload, payloadOffset, payloadCount, qos, retain, properties, out packetId);
        }

        /// <summary>Subscribes to one filter; the SUBACK arrives through <see cref="IMqttHandler.OnSubscribeAcknowledged"/>.</summary>
        [SteadyState]
        public MqttStatus Subscribe(string filter, MqttQos qos, out ushort packetId)
        {
            CheckQos(qos);
            return this.Subscribe(filter, (byte)qos, 0, out packetId); // an options byte with only the QoS bits is the QoS byte (§3.8.3.1)
        }

        /// <summary>Subscribes to <paramref name="count"/> filters in one SUBSCRIBE (§3.8).</summary>
        [SteadyState]
        public MqttStatus Subscribe(string[] filters, MqttQos[] qos, int count, out ushort packetId)
        {
            if (filters == null || qos == null || count < 1 || count > filters.Length || count > qos.Length)
            {
                throw new ArgumentException("need at least one filter and one QoS per filter");
            }

            for (int i = 0; i < count; i++)
            {
                CheckQos(qos[i]);
            }

            return this.SendSubscription(true, filters, qos, null, count, 0, out packetId);
        }

        /// <summary>
        /// MQTT 5.0: subscribes to one filter with its Subscription Options byte (<see cref="SubscriptionOptions.Encode"/>:
        /// QoS, No Local, Retain As Published, Retain Handling; §3.8.3.1) and a Subscription Identifier (§3.8.2.1.2,
        /// 1 to 268,435,455; 0 = none), which comes back on every message the subscription delivers.
        /// </summary>
        [SteadyState]
        public MqttStatus Subscribe(string filter, byte options, int subscriptionIdentifier, out ushort packetId)
        {
            this.singleFilter[0] = filter;
            this.singleOptions[0] = options;
            MqttStatus status = this.Subscribe(this.singleFilter, this.singleOptions, 1, subscriptionIdentifier, out packetId);
            this.singleFilter[0] = null;
            return status;
        }

        /// <summary>
        /// MQTT 5.0: subscribes to <paramref name="count"/> filters, each with its Subscription Options byte, under one
        /// Subscription Identifier (0 = none). On a 3.1.1 connection only the QoS bits may be set and the identifier
        /// must be 0 (else <see cref="MqttStatus.NotSupported"/>); so too when the server said Subscription
        /// Identifiers Available 0 (§3.2.2.3.12).
        /// </summary>
        [SteadyState]
        public MqttStatus Subscribe(string[] filters, byte[] options, int count, int subscriptionIdentifier, out ushort packetId)
        {
            if (filters == null || options == null || count < 1 || count > filters.Length || count > options.Length)
            {
                throw new ArgumentException("need at least one filter and one options byte per filter");
            }

            for (int i = 0; i < count; i++)
            {
                // QoS 3, Retain Handling 3 and the reserved bits 6-7 are Protocol Errors (§3.8.3.1) [MQTT-3.8.3-5]
                if ((options[i] & 0x03) == 3 || (options[i] & 0x30) == 0x30 || (options[i] & 0xC0) != 0)
                {
                    throw new ArgumentOutOfRangeException("options", "QoS 0-2, Retain Handling 0-2, bits 6-7 clear");
                }
            }

            if (subscriptionIdentifier < 0 || subscriptionIdentifier > 268435455)
            {
                throw new ArgumentOutOfRangeException("subscriptionIdentifier", "0 (none) or 1 to 268435455");
            }

            return this.SendSubscription(true, filters, null, options, count, subscriptionIdentifier, out packetId);
        }

        /// <summary>
        /// SUBSCRIBE (<paramref name="subscribe"/>; QoS or options per filter) or UNSUBSCRIBE (neither, identifier 0): one
        /// path for both, they differ only in the packet written and the in-flight kind.
        /// </summary>
        [SteadyState]
        private MqttStatus SendSubscription(bool subscribe, string[] filters, MqttQos[] qos, byte[] options, int count, int subscriptionIdentifier, out ushort packetId)
        {
            byte[] buffer = this.sendBuffer;
            packetId = 0;
            if (this.state != MqttConnectionState.Connected)
            {
                return MqttStatus.NotConnected;
            }

            for (int i = 0; options != null && !this.version5 && i < count; i++)
            {
                if ((options[i] & 0xFC) != 0)
                {
                    return MqttStatus.NotSupported; // 3.1.1 has only the QoS (§3.9.3)
                }
            }

            if (subscriptionIdentifier != 0 && (!this.version5 || !this.Server.SubscriptionIdentifierAvailable))
            {
                return MqttStatus.NotSupported; // MQTT 5.0 §3.2.2.3.12
            }

            if (this.unsentCount > 0)
            {
                return MqttStatus.SendInProgress;
            }

            ushort id;
            int slot = this.session.Reserve(out id);
            if (slot < 0)
            {
                return MqttStatus.InflightFull;
            }

            this.Tick();
            int length = subscribe
                ? this.writer.WriteSubscribe(buffer, 0, buffer.Length, id, filters, qos, options, count, subscriptionIdentifier)
                : this.writer.WriteUnsubscribe(buffer, 0, buffer.Length, id, filters, count);
            if (length == PacketWriter.DoesNotFit)
            {
                return MqttStatus.PacketTooLarge;
            }

            if (length < 0)
            {
                return MqttStatus.InvalidTopic;
            }

            // The filters are checked as encoded, on the bytes in the send buffer.
            int remainingLength;
            int p = 1 + RemainingLength.TryRead(buffer, 1, 4, out remainingLength) + 2; // fixed header, packet id
            if (this.version5)
            {
                int propertiesLength;
                p += RemainingLength.TryRead(buffer, p, 4, out propertiesLength) + propertiesLength; // §3.8.2.1, §3.10.2.1
                if (this.Server.MaximumPacketSize > 0 && length > this.Server.MaximumPacketSize)
                {
                    return MqttStatus.PacketTooLarge;
                }
            }

            for (int i = 0; i < count; i++)
            {
                int filterLength = PacketReader.ReadUInt16(buffer, p);
                if (!TopicFilter.IsValidFilter(buffer, p + 2, filterLength))
                {
                    return MqttStatus.InvalidTopic;
                }

                p += 2 + filterLength + (subscribe ? 1 : 0);
            }

            // the SUBACK must carry one code per filter; so must an MQTT 5.0 UNSUBACK
            this.Inflight.Occupy(slot, id, subscribe ? InflightTable.SubscribeAwaitingAck : InflightTable.UnsubscribeAwaitingAck, count);
            packetId = id;
            return this.Send(buffer, 0, length);
        }

        /// <summary>Unsubscribes from one filter; the UNSUBACK arrives through <see cref="IMqttHandler.OnUnsubscribeAcknowledged"/>.</summary>
        [SteadyState]
        public MqttStatus Unsubscribe(string filter, out ushort packetId)
        {
            this.singleFilter[0] = filter;
            MqttStatus status = this.Unsubscribe(this.singleFilter, 1, out packetId);
            this.singleFilter[0] = null;
            return status;
        }

        /// <summary>Unsubscribes from <paramref name="count"/> filters in one UNSUBSCRIBE (§3.10).</summary>
        [SteadyState]
        public MqttStatus Unsubscribe(string[] filters, int count, out ushort packetId)
        {
            if (filters == null || count < 1 || count > filters.Length)
            {
                throw new ArgumentException("need at least one filter");
            }

            return this.SendSubscription(false, filters, null, null, count, 0, out packetId);
        }

        /// <summary>
        /// Sends DISCONNECT (so the broker discards the will, §3.14) and closes the transport. Session state is kept.
        /// Returns Ok when DISCONNECT was written whole; <see cref="MqttStatus.SendInProgress"/> when the transport would
        /// not take it (or the rest of an earlier packet) at once: the transport is closed all the same, and the broker,
        /// seeing a broken connection, publishes the will. MQTT 5.0 sends <paramref name="reasonCode"/> (§3.14.2.1),
        /// such as 0x04 Disconnect with Will Message (the server publishes the will) or 0x00 (it does not); a 3.1.1
        /// connection sends a plain DISCONNECT.
        /// </summary>
        [SteadyState]
        public MqttStatus Disconnect(int reasonCode = 0)
        {
            if (reasonCode < 0 || reasonCode > 255)
            {
                throw new ArgumentOutOfRangeException("reasonCode", "one byte");
            }

            if (this.state == MqttConnectionState.Disconnected)
            {
                return MqttStatus.NotConnected;
            }

            MqttStatus status = MqttStatus.Ok;
            if (this.state == MqttConnectionState.Connected)
            {
                this.Tick();
                if (this.WriteUnsent() != MqttStatus.Ok)
                {
                    return MqttStatus.TransportClosed;
                }

                if (this.unsentCount == 0)
                {
                    int length = this.writer.WriteDisconnect(this.sendBuffer, 0, reasonCode);
                    if (this.Send(this.sendBuffer, 0, length) != MqttStatus.Ok)
                    {
                        return MqttStatus.TransportClosed;
                    }
                }

                if (this.unsentCount > 0)
                {
                    status = MqttStatus.SendInProgress;
                }
            }

            this.Close(MqttStatus.ClosedByClient);
            return status;
        }

        /// <summary>
        /// Closes the transport without DISCONNECT, as a broken link would (the broker then publishes the will).
        /// For when the application knows the network is gone (Wi-Fi lost) before keep-alive could tell.
        /// </summary>
        [SteadyState]
        public MqttStatus DropConnection()
        {
            if (this.state == MqttConnectionState.Disconnected)
            {
                return MqttStatus.NotConnected;
            }

            this.Close(MqttStatus.TransportClosed);
            return MqttStatus.Ok;
        }

        /// <summary>
        /// Does the client's work: writes what the transport did not take before, reads what arrived, dispatches complete
        /// packets, answers acknowledgements, sends PINGREQ when due and enforces the connect, ping and send time-outs.
        /// Returns Ok, NotConnected, or the reason the connection closed during this call. It never waits.
        /// </summary>
        [SteadyState]
        public MqttStatus Poll()
        {
            if (this.polling)
            {
                throw new InvalidOperationException("Poll must not be called from a handler");
            }

            if (this.state == MqttConnectionState.Disconnected)
            {
                return MqttStatus.NotConnected;
            }

            this.polling = true;
            this.Tick();
            try
            {
                // First the rest of a packet the transport did not take, then the acknowledgement owed behind it, then the
                // resend walk that waited for it, and OnConnected once that walk is done (nothing written half: nothing waits).
                if (this.unsentCount > 0 && this.WriteUnsent() == MqttStatus.Ok && this.unsentCount == 0)
                {
                    MqttPacketType owed = this.owedAckType;
                    this.owedAckType = 0;
                    if (owed != 0)
                    {
                        this.SendAcknowledgement(owed, this.owedAckId, this.owedAckCode);
                    }

                    this.ContinueWalk(); // nothing while the acknowledgement is not out, or if it closed the connection
                }

                if (this.state != MqttConnectionState.Disconnected)
                {
                    this.ReadAndDispatch();
                }

                // Keep-alive and the connect, ping and send time-outs.
                if (this.state != MqttConnectionState.Disconnected)
                {
                    MqttConnectOptions options = this.options;
                    long now = this.now;
                    // MQTT 5.0 §3.2.2.3.14: the server's keep-alive replaces ours (-1 when it sent none, always on 3.1.1).
                    int serverKeepAlive = this.Server.ServerKeepAlive;
                    long keepAlive = (serverKeepAlive >= 0 ? serverKeepAlive : options.KeepAliveSeconds) * 1000L;
                    if (this.writeStalled && now - this.writeStalledSince >= options.SendTimeoutMilliseconds)
                    {
                        // The transport took no byte of a started packet within the send time-out.
                        this.Close(MqttStatus.SendTimeout);
                    }
                    else if (this.state == MqttConnectionState.Connecting)
                    {
                        if (now - this.awaitingAnswerSince >= options.ConnectTimeoutMilliseconds)
                        {
                            this.Close(MqttStatus.ConnectTimeout);
                        }
                    }
                    else if (keepAlive == 0)
                    {
                        // §3.1.2.10: keep-alive 0 turns the mechanism off.
                    }
                    else if (this.pingOutstanding)
                    {
                        // No PINGRESP within the ping time-out: the link is dead.
                        if (now - this.awaitingAnswerSince >= options.PingTimeoutMilliseconds)
                        {
                            this.Close(MqttStatus.PingTimeout);
                        }
                    }
                    else if (now - this.lastSendAt >= keepAlive || now - this.lastReceiveAt >= keepAlive)
                    {
                        // §3.1.2.10: at most keep-alive between two packets we send. Also ping when nothing has been heard
                        // for a whole keep-alive: a black-holed TCP connection accepts our writes for a long time, so a
                        // client that keeps publishing (QoS 0 awaits no answer at all) would otherwise never notice the
                        // link is dead. Not while a packet is on its way; the send time-out watches it.
                        if (this.unsentCount == 0 && this.Send(this.sendBuffer, 0, this.writer.WritePingRequest(this.sendBuffer, 0)) == MqttStatus.Ok)
                        {
                            this.pingOutstanding = true;
                            this.awaitingAnswerSince = now;
                        }
                    }
                }
            }
            finally
            {
                this.polling = false;
            }

            return this.state == MqttConnectionState.Disconnected ? this.closeReason : MqttStatus.Ok;
        }

        /// <summary>A (buffer, offset, count) range; an empty range may have a null buffer (empty payload).</summary>
        [SteadyState]
        private static void CheckRange(byte[] buffer, int offset, int count)
        {
            if (count < 0 || offset < 0 || (count > 0 && (buffer == null || offset > buffer.Length - count)))
            {
                throw new ArgumentOutOfRangeException("count", "offset and count must lie within the buffer");
            }
        }

        [SteadyState]
        private static void CheckQos(MqttQos qos)
        {
            if ((int)qos > 2)
            {
                throw new ArgumentOutOfRangeException("qos", "0, 1 or 2");
            }
        }

        /// <summary>
        /// One path for a byte or string topic (<paramref name="topicText"/> set, <paramref name="topicCount"/> its
        /// measure: the topic is checked on the bytes it was encoded into) once the caller's arguments are checked: what
        /// the server's CONNACK limits is refused before a byte is written; the PUBLISH goes into the send buffer for
        /// QoS 0, for QoS 1/2 into a free in-flight slot (kept there with its whole topic for resending, since aliases
        /// end with the connection) under a fresh packet id.
        /// </summary>
        [SteadyState]
        private MqttStatus StartPublish(byte[] topic, int topicOffset, int topicCount, string topicText, byte[] payload, int payloadOffset, int payloadCount, MqttQos qos, bool retain, MqttPublishProperties properties, out ushort packetId)
        {
            this.Tick();
            packetId = 0;
            if (this.state != MqttConnectionState.Connected)
            {
                return MqttStatus.NotConnected;
            }

            if (this.unsentCount > 0)
            {
                return MqttStatus.SendInProgress; // the send buffer may hold its rest, and packets go out whole, in order
            }

            MqttServerProperties server = this.Server;
            if (this.version5)
            {
                // What the server's CONNACK limits is refused here, before a byte is written (MQTT 5.0 §3.2.2.3).
                if ((int)qos > server.MaximumQos)
                {
                    return MqttStatus.QosNotSupported; // §3.2.2.3.4 [MQTT-3.2.2-11]
                }

                if (retain && !server.RetainAvailable)
                {
                    return MqttStatus.RetainNotSupported; // §3.2.2.3.5 [MQTT-3.2.2-14]
                }

                if (properties != null && properties.TopicAlias > server.TopicAliasMaximum)
                {
                    return MqttStatus.TopicAliasInvalid; // §3.2.2.3.8 [MQTT-3.3.2-9]
                }

                if (qos != MqttQos.AtMostOnce && this.Inflight.PublishCount >= server.ReceiveMaximum)
                {
                    return MqttStatus.InflightFull; // the server's send quota (§4.9) [MQTT-3.3.4-7]
                }
            }

            int slot = -1;
            ushort id = 0;
            byte[] packet = this.sendBuffer;
            int offset = 0;
            int capacity = this.sendBuffer.Length;
            if (qos != MqttQos.AtMostOnce)
            {
                slot = this.session.Reserve(out id);
                if (slot < 0)
                {
                    return MqttStatus.InflightFull;
                }

                packet = this.Inflight.Storage;
                offset = slot * this.Inflight.SlotBytes;
                capacity = this.Inflight.SlotBytes;
            }

            int length = this.writer.WritePublish(packet, offset, capacity, topic, topicText, topicOffset, topicCount, payload, payloadOffset, payloadCount, qos, retain, false, id, properties, 0);
            int topicStart = 0;
            if (length > 0)
            {
                // Where the topic lies in the packet: checked there when it came as a string, and given an alias below.
                int remainingLength;
                topicStart = offset + 1 + RemainingLength.TryRead(packet, offset + 1, 4, out remainingLength) + 2; // behind the fixed header and the topic's length
                if (topicText != null && !TopicFilter.IsValidTopicName(packet, topicStart, topicCount))
                {
                    return MqttStatus.InvalidTopic;
                }
            }

            if (length == PacketWriter.DoesNotFit || (this.version5 && server.MaximumPacketSize > 0 && length > server.MaximumPacketSize))
            {
                return MqttStatus.PacketTooLarge; // §3.2.2.3.6 [MQTT-3.2.2-15]
            }

            if (length < 0)
            {
                return this.version5 && properties != null && properties.Write(null, 0) < 0 ? MqttStatus.InvalidString : MqttStatus.InvalidTopic;
            }

            byte[] source = packet;
            int sourceOffset = offset;
            int sourceLength = length;
            // §3.2.2.3.8: our outgoing aliases up to the server's Topic Alias Maximum (0 on 3.1.1: Server keeps its reset
            // value, and no 5.0 packet after CONNACK changes it while connected).
            TopicAliasTable aliases = this.outgoingAliases;
            int limit = aliases == null || aliases.Capacity > server.TopicAliasMaximum ? server.TopicAliasMaximum : aliases.Capacity;
            if (aliases != null && limit > 0 && (properties == null || (properties.TopicAlias == 0 && !properties.NoTopicAlias)))
            {
                // MQTT 5.0 §3.3.2.3.4: the packet that goes out now is written again into the send buffer with a Topic
                // Alias: the alias alone (an empty topic) when the topic has one on this connection, else the topic and a
                // new alias while any is free. It goes without an alias when the table is full, the topic too long for
                // it, or there is no room. A QoS 0 packet was written into the send buffer itself: the topic is read from
                // the alias table, not from there.
                int alias = aliases.Find(packet, topicStart, topicCount, limit);
                bool known = alias != 0;
                if (!known)
                {
                    alias = aliases.FindUnused(limit);
                    if (alias != 0 && !aliases.Set(alias, packet, topicStart, topicCount))
                    {
                        alias = 0;
                    }
                }

                if (alias != 0)
                {
                    int aliased = this.writer.WritePublish(this.sendBuffer, 0, this.sendBuffer.Length, aliases.Storage, aliases.OffsetOf(alias), known ? 0 : topicCount, payload, payloadOffset, payloadCount, qos, retain, false, id, properties, alias);

                    // The alias property adds 3 bytes (the alias alone saves the topic's): what goes out must fit the
                    // server's Maximum Packet Size too [MQTT-3.2.2-15], else the packet goes as checked above, unaliased.
                    if (aliased > 0 && (server.MaximumPacketSize == 0 || aliased <= server.MaximumPacketSize))
                    {
                        source = this.sendBuffer;
                        sourceOffset = 0;
                        sourceLength = aliased;
                    }
                    else
                    {
                        if (!known)
                        {
                            aliases.Forget(alias); // the server never heard of it
                        }

                        if (aliased > 0 && slot < 0)
                        {
                            // QoS 0: the unaliased packet lay in the send buffer, where the aliased one was just written
                            this.writer.WritePublish(packet, offset, capacity, topic, topicText, topicOffset, topicCount, payload, payloadOffset, payloadCount, qos, retain, false, id, properties, 0);
                        }
                    }
                }
            }

            packetId = id;
            if (slot >= 0)
            {
                byte kind = qos == MqttQos.AtLeastOnce ? InflightTable.PublishAwaitingAck : InflightTable.PublishAwaitingReceived;
                this.Inflight.Occupy(slot, id, kind, length);

                // Once in the table the message belongs to the session: if the send fails it goes out on reconnect.
                this.Send(source, sourceOffset, sourceLength);
                return MqttStatus.Ok;
            }

            return this.Send(source, sourceOffset, sourceLength);
        }

        [SteadyState]
        private void Tick()
        {
            this.now = this.clock.ElapsedMilliseconds;
        }

        /// <summary>
        /// Starts a packet: writes what the transport takes now and leaves the rest in place for <see cref="Poll"/>.
        /// Ok: written, or started; <see cref="MqttStatus.SendInProgress"/>: nothing written, an earlier packet is not
        /// out yet; else the connection closed and said why. Internal: <see cref="MqttSession"/>'s resend walk sends
        /// through it too, so its packets tolerate partial writes and close the connection on failure like any other.
        /// </summary>
        [SteadyState]
        internal MqttStatus Send(byte[] buffer, int offset, int count)
        {
            if (this.state == MqttConnectionState.Disconnected)
            {
                return MqttStatus.NotConnected;
            }

            if (this.unsentCount > 0)
            {
                return MqttStatus.SendInProgress;
            }

            this.unsentBuffer = buffer;
            this.unsentOffset = offset;
            this.unsentCount = count;
            return this.WriteUnsent();
        }

        /// <summary>
        /// Offers the transport the rest of the current packet until it is out or the transport takes nothing; never
        /// waits. A transport that takes nothing for the send time-out closes the connection (see <see cref="Poll"/>).
        /// </summary>
        [SteadyState]
        private MqttStatus WriteUnsent()
        {
            while (this.unsentCount > 0)
            {
                int written = this.transport.Send(this.unsentBuffer, this.unsentOffset, this.unsentCount);
                if (written < 0)
                {
                    this.Close(MqttStatus.TransportClosed);
                    return MqttStatus.TransportClosed;
                }

                if (written == 0)
                {
                    if (!this.writeStalled)
                    {
                        this.writeStalled = true;
                        this.writeStalledSince = this.now;
                    }

                    return MqttStatus.Ok;
                }

                // Bytes moved: the send time-out starts again at the next stall.
                this.writeStalled = false;
                this.unsentOffset += written;
                this.unsentCount -= written;
            }

            this.unsentBuffer = null;
            this.lastSendAt = this.now;
            return MqttStatus.Ok;
        }

        /// <summary>
        /// PUBACK, PUBREC, PUBREL or PUBCOMP with an MQTT 5.0 reason code (0x00 success; ignored for 3.1.1); owed (sent by
        /// the next poll) while an earlier packet is not out yet.
        /// </summary>
        [SteadyState]
        private MqttStatus SendAcknowledgement(MqttPacketType type, ushort packetId, int code)
        {
            if (this.unsentCount > 0)
            {
                this.owedAckType = type;
                this.owedAckId = packetId;
                this.owedAckCode = code;
                return MqttStatus.Ok;
            }

            int length = this.writer.WriteAcknowledgement(this.sendBuffer, 0, type, packetId, code);
            return this.Send(this.sendBuffer, 0, length);
        }

        [SteadyState]
        private void Close(MqttStatus reason)
        {
            if (this.state == MqttConnectionState.Disconnected)
            {
                return;
            }

            // The MQTT 5.0 DISCONNECT reason code (§3.14.2.1, table 3-10) for a close the server's bytes caused; 0 = send none.
            int code = 0;
            switch (reason)
            {
                case MqttStatus.MalformedPacket:
                case MqttStatus.MalformedRemainingLength:
                case MqttStatus.MalformedTopic:
                    code = 0x81; // Malformed Packet
                    break;
                case MqttStatus.ProtocolViolation:
                case MqttStatus.UnexpectedSessionPresent:
                case MqttStatus.AuthenticationNotSupported:
                    code = 0x82; // Protocol Error
                    break;
                case MqttStatus.ReceiveMaximumExceeded:
                    code = 0x93; // Receive Maximum exceeded
                    break;
                case MqttStatus.TopicAliasInvalid:
                    code = 0x94; // Topic Alias invalid
                    break;
                case MqttStatus.IncomingPacketTooLarge:
                    code = 0x95; // Packet too large
                    break;
            }

            if (this.version5 && code != 0 && this.state == MqttConnectionState.Connected && this.unsentCount == 0)
            {
                // MQTT 5.0 §4.13: say why before closing; best effort, the connection ends either way.
                this.transport.Send(this.sendBuffer, 0, this.writer.WriteDisconnect(this.sendBuffer, 0, code));
            }

            this.transport.Close();
            this.state = MqttConnectionState.Disconnected;
            this.closeReason = reason;
            this.unsentCount = 0;
            this.unsentBuffer = null;
            this.owedAckType = 0;
            this.session.Resuming = false; // the walk ends with the connection
            this.pingOutstanding = false;

            // Every connection ends here, so the next Connect starts with an empty receive buffer.
            this.receiveStart = 0;
            this.receiveFill = 0;
            this.skipRemaining = 0;
            this.handler.OnConnectionClosed(reason);
        }

        /// <summary>
        /// One pass: move unread bytes to the front (views handed out by the previous poll expire here), read until
        /// the buffer is full or nothing more is waiting, then dispatch every complete packet.
        /// </summary>
        [SteadyState]
        private void ReadAndDispatch()
        {
            byte[] buffer = this.receiveBuffer;
            if (this.receiveStart > 0)
            {
                int unread = this.receiveFill - this.receiveStart;
                if (unread > 0)
                {
                    Array.Copy(buffer, this.receiveStart, buffer, 0, unread);
                }

                this.receiveFill = unread;
                this.receiveStart = 0;
            }

            int received = 0;
            while (this.receiveFill < buffer.Length)
            {
                received = this.transport.Receive(buffer, this.receiveFill, buffer.Length - this.receiveFill);
                if (received <= 0)
                {
                    break; // nothing more waiting, or the transport closed (below)
                }

                this.receiveFill += received;
                this.lastReceiveAt = this.now;
                if (this.skipRemaining > 0)
                {
                    // Discard the rest of an oversized packet as it streams in, so it never needs more room than we have.
                    this.DiscardSkipped();
                    if (this.receiveStart == this.receiveFill)
                    {
                        this.receiveStart = 0;
                        this.receiveFill = 0;
                    }
                }
            }

            // What arrived before a close still counts: a refusing broker sends CONNACK and closes at once (§3.2.2.3), and
            // a PUBLISH read in the same burst is delivered before the close is reported.
            int generation = this.connectionGeneration;
            // Behind a packet the transport has not taken, dispatch waits (its answers could not go out in order); the
            // bytes stay in the receive buffer and the transport's own buffers.
            while (this.state != MqttConnectionState.Disconnected && this.unsentCount == 0)
            {
                int available = this.receiveFill - this.receiveStart;
                if (this.skipRemaining > 0)
                {
                    this.DiscardSkipped();
                    if (this.skipRemaining > 0)
                    {
                        break;
                    }

                    continue;
                }

                int start = this.receiveStart;
                int headerSize;
                int remaining;
                int total = PacketReader.TryReadFrame(buffer, start, available, out headerSize, out remaining);
                if (total == PacketReader.Malformed)
                {
                    this.Close(MqttStatus.MalformedRemainingLength);
                    break;
                }

                if (total == PacketReader.Incomplete)
                {
                    break;
                }

                if (this.state == MqttConnectionState.Connecting && (MqttPacketType)(buffer[start] >> 4) != MqttPacketType.ConnAck)
                {
                    this.Close(MqttStatus.ProtocolViolation); // the first packet from the server must be CONNACK [MQTT-3.2.0-1]
                    break;
                }

                if (total > buffer.Length)
                {
                    if (this.version5)
                    {
                        this.Close(MqttStatus.IncomingPacketTooLarge); // above our Maximum Packet Size: DISCONNECT 0x95 (§3.1.2.11.4)
                        break;
                    }

                    // Larger than the receive buffer: report it, acknowledge it if it is a QoS 1/2 PUBLISH whose packet id
                    // we can see (so the broker does not send it again on every reconnect), then skip exactly its bytes to
                    // stay in sync. A failed acknowledgement closes the connection.
                    byte header = buffer[start];
                    if ((MqttPacketType)(header >> 4) == MqttPacketType.Publish && this.state == MqttConnectionState.Connected)
                    {
                        int id = PacketReader.PeekPublishId(buffer, start, headerSize, available, buffer.Length);
                        if (id == -2)
                        {
                            this.Close(MqttStatus.MalformedPacket); // QoS 3 [MQTT-3.3.1-4]
                            continue;
                        }

                        if (id == -1)
                        {
                            break; // its packet id has not arrived yet
                        }

                        if (id > 0 && this.options.AcknowledgeOversizedPublish)
                        {
                            int qos = (header >> 1) & 0x03;
                            ushort packetId = (ushort)id;
                            if (qos == 2 && !this.Inflight.ContainsIncoming(packetId))
                            {
                                // The PUBREL that follows is answered like that of any QoS 2 reception.
                                this.Inflight.AddIncoming(packetId);
                            }

                            if (this.SendAcknowledgement(qos == 1 ? MqttPacketType.PubAck : MqttPacketType.PubRec, packetId, 0) != MqttStatus.Ok)
                            {
                                continue;
                            }
                        }
                    }

                    this.OversizedPacketsSkipped++;
                    this.skipRemaining = total;
                    this.handler.OnNotice(MqttStatus.IncomingPacketTooLarge);
                    continue;
                }

                if (available < total)
                {
                    break;
                }

                this.receiveStart = start + total;
                MqttStatus status = this.Dispatch(start, headerSize, remaining);
                if (status != MqttStatus.Ok)
                {
                    this.Close(status);
                    break;
                }
            }

            if (received < 0 && generation == this.connectionGeneration)
            {
                // (A handler that reconnected during dispatch opened a new connection: not the one that closed.) MQTT 5.0:
                // a server that closes instead of answering CONNECT may not speak 5.0 (see the status).
                this.Close(this.version5 && this.state == MqttConnectionState.Connecting ? MqttStatus.ClosedBeforeConnAck : MqttStatus.TransportClosed);
            }
        }

        /// <summary>Drops buffered bytes that belong to the oversized packet being skipped.</summary>
        [SteadyState]
        private void DiscardSkipped()
        {
            int drop = this.receiveFill - this.receiveStart;
            if (drop > this.skipRemaining)
            {
                drop = this.skipRemaining;
            }

            this.skipRemaining -= drop;
            this.receiveStart += drop;
        }

        /// <summary>Decodes the packet at <paramref name="start"/> and acts on it; a status other than Ok closes the connection.</summary>
        [SteadyState]
        private MqttStatus Dispatch(int start, int headerSize, int remaining)
        {
            PacketReader packet = this.reader;
            if (this.version5 && this.state == MqttConnectionState.Connecting && this.receiveBuffer[start] == 0x20 && remaining == 2)
            {
                // A 3.1.1 CONNACK answering our 5.0 CONNECT: return code 1 is the 3.1.1 server's "unacceptable protocol
                // level" [MQTT-3.1.2-2], so the caller can fall back; anything else is no 5.0 CONNACK at all.
                this.Server.ReasonCode = this.receiveBuffer[start + headerSize + 1];
                return this.Server.ReasonCode == 1 ? MqttStatus.RefusedProtocolVersion : MqttStatus.MalformedPacket;
            }

            MqttStatus decoded = packet.Read(this.receiveBuffer, start, headerSize, remaining);
            if (decoded != MqttStatus.Ok)
            {
                return decoded;
            }

            switch (packet.Type)
            {
                case MqttPacketType.ConnAck:
                    return this.OnConnAck(packet);
                case MqttPacketType.Publish:
                    return this.OnPublish(packet);
                case MqttPacketType.PingResp:
                    this.pingOutstanding = false;
                    return MqttStatus.Ok;
                case MqttPacketType.Disconnect:
                case MqttPacketType.Auth:
                    // MQTT 5.0 §3.14: with DISCONNECT the server says why it closes, and closes; nothing goes back. §4.12:
                    // AUTH only follows a CONNECT with an Authentication Method, which this client never sends.
                    this.OnServerPacket(packet);
                    return packet.Type == MqttPacketType.Disconnect ? MqttStatus.DisconnectedByServer : MqttStatus.AuthenticationNotSupported;
                default:
                    return this.OnAcknowledgement(packet);
            }
        }

        /// <summary>CONNACK, DISCONNECT or AUTH: the server's properties are taken and the MQTT 5.0 handler hears of it.</summary>
        [SteadyState]
        private void OnServerPacket(PacketReader packet)
        {
            if (packet.Type != MqttPacketType.ConnAck)
            {
                this.Server.ClearTexts(); // the limits stay those of CONNACK
            }

            this.Server.Take(this.receiveBuffer, packet);
            if (this.handler5 != null)
            {
                this.handler5.OnServerPacket(packet.Type, this.Server);
            }
        }

        [SteadyState]
        private MqttStatus OnConnAck(PacketReader packet)
        {
            if (this.state != MqttConnectionState.Connecting)
            {
                return MqttStatus.ProtocolViolation;
            }

            this.Server.SessionPresent = packet.SessionPresent;
            if (this.version5)
            {
                this.OnServerPacket(packet);
                if (this.state != MqttConnectionState.Connecting)
                {
                    return MqttStatus.Ok; // the handler closed the connection
                }
            }
            else
            {
                this.Server.ReasonCode = packet.ReasonCode;
            }

            int refusal = packet.ReasonCode;
            if (refusal != 0)
            {
                // The 3.1.1 return codes 1-5 (§3.2.2.3, table 3.1) are RefusedProtocolVersion to RefusedNotAuthorized in
                // order, anything else RefusedUnknownCode. MQTT 5.0 (§3.2.2.2, table 3-1) takes the 3.1.1 status where a
                // reason means the same, one hex digit per code from 0x84: 0x84 Unsupported Protocol Version (1: try
                // 3.1.1), 0x85 Client Identifier not valid (2), 0x86 Bad User Name or Password (4), 0x87 Not authorized
                // (5), 0x88 Server unavailable and 0x89 Server busy (3); any other is RefusedByServer.
                MqttStatus unknown = MqttStatus.RefusedUnknownCode;
                if (this.version5)
                {
                    refusal = refusal >= 0x84 && refusal <= 0x89 ? (0x335421 >> ((refusal - 0x84) * 4)) & 0xF : 0;
                    unknown = MqttStatus.RefusedByServer;
                }

                return refusal >= 1 && refusal <= 5 ? (MqttStatus)((int)MqttStatus.RefusedProtocolVersion + refusal - 1) : unknown;
            }

            bool sessionPresent = packet.SessionPresent;
            if (sessionPresent && !this.resumeRequested)
            {
                // A clean session was asked for, so there can be none [MQTT-3.2.2-1] (5.0: Clean Start [MQTT-3.2.2-2]);
                // §3.2.2.2 lets the client disconnect, and it does.
                return MqttStatus.UnexpectedSessionPresent;
            }

            this.state = MqttConnectionState.Connected;
            bool sessionWasKept = this.resumeRequested && this.sessionOutlivedLastConnection;
            long serverExpiry = this.Server.SessionExpiryInterval; // -1 when the server kept ours (always on 3.1.1)
            this.sessionOutlivedLastConnection = serverExpiry >= 0 ? serverExpiry != 0 : this.sessionOutlivesAsRequested;
            int lost;
            // The walk's send quota: the server's Receive Maximum (§4.9); on 3.1.1 Server keeps its reset 65,535, as many
            // as there are packet ids (and in-flight slots at most), so no quota at all.
            MqttStatus status = this.session.Resume(sessionPresent, this.options.RepublishOnSessionLoss, this.options.MaxResends, this.Server.ReceiveMaximum, this, this.handler, out lost);
            if (lost > 0 && sessionWasKept && this.state == MqttConnectionState.Connected)
            {
                // The last connection's session was to outlive it, this CONNECT asked for it, and the broker had none
                // (§3.2.2.2): it lost ours.
                this.handler.OnNotice(MqttStatus.SessionLost);
            }

            this.FinishConnect(status);
            return MqttStatus.Ok;
        }

        /// <summary>After the resend walk's latest step: OnConnected when it is done, nothing while it waits for the transport.</summary>
        [SteadyState]
        private void FinishConnect(MqttStatus walk)
        {
            if (walk == MqttStatus.SendInProgress || walk == MqttStatus.InflightFull || this.state != MqttConnectionState.Connected)
            {
                return; // waiting (for the transport, or for acknowledgements: §4.9); or a failed send closed the connection and said why
            }

            this.handler.OnConnected(this.Server.SessionPresent);
        }

        [SteadyState]
        private MqttStatus OnPublish(PacketReader packet)
        {
            MqttReceivedMessage received = this.message;
            received.Buffer = this.receiveBuffer;
            received.TopicBuffer = this.receiveBuffer;
            received.TopicOffset = packet.TopicOffset;
            received.TopicLength = packet.TopicLength;
            if (this.version5)
            {
                // MQTT 5.0: the PUBLISH properties into the message, and its Topic Alias resolved (§3.3.2.3.4): a topic
                // with an alias sets it, an empty topic with an alias reads it from our alias table, so the handler always
                // sees the topic.
                int alias = received.TakeProperties(packet);
                TopicAliasTable aliases = this.incomingAliases;
                if (alias == 0)
                {
                    if (packet.TopicLength == 0)
                    {
                        return MqttStatus.ProtocolViolation; // an empty topic needs an alias (§3.3.2.3.4)
                    }
                }
                else if (aliases == null || alias > aliases.Capacity)
                {
                    return MqttStatus.TopicAliasInvalid; // above the Topic Alias Maximum we announced [MQTT-3.3.2-10]
                }
                else if (packet.TopicLength > 0)
                {
                    if (!aliases.Set(alias, this.receiveBuffer, packet.TopicOffset, packet.TopicLength))
                    {
                        this.handler.OnNotice(MqttStatus.TopicAliasInvalid); // longer than our table keeps: a later use of it fails
                    }
                }
                else
                {
                    int length = aliases.LengthOf(alias);
                    if (length < 0)
                    {
                        return MqttStatus.ProtocolViolation; // an alias the server never set on this connection (§3.3.2.3.4)
                    }

                    received.TopicBuffer = aliases.Storage;
                    received.TopicOffset = aliases.OffsetOf(alias);
                    received.TopicLength = length;
                }
            }
            else
            {
                received.ClearProperties();
            }

            received.PayloadOffset = packet.PayloadOffset;
            received.PayloadLength = packet.PayloadLength;
            MqttQos qos = packet.Qos;
            received.Qos = qos;
            received.Retain = packet.Retain;
            received.Duplicate = packet.Duplicate;
            ushort packetId = packet.PacketId;
            received.PacketId = packetId;

            if (qos == MqttQos.AtMostOnce)
            {
                this.handler.OnMessage(received);
                return MqttStatus.Ok;
            }

            // QoS 2, delivery on PUBLISH (§4.3.3 method B): the id is remembered until PUBREL so a resent PUBLISH is not
            // delivered twice, only acknowledged again.
            if (qos == MqttQos.ExactlyOnce && this.Inflight.ContainsIncoming(packetId))
            {
                this.DuplicatesSuppressed++;
            }
            else
            {
                // MQTT 5.0: a QoS 1/2 PUBLISH while all of our Receive Maximum (the incoming QoS 2 table's size) await
                // PUBREL is one more unacknowledged than we announced (§3.3.4) [MQTT-3.3.4-9]: it closes the connection
                // (DISCONNECT 0x93); with EnforceReceiveMaximum off it is a notice and the message is taken as a 3.1.1
                // client would.
                if (this.version5 && this.incomingUnreleased >= this.Inflight.IncomingCapacity)
                {
                    if (this.options.EnforceReceiveMaximum)
                    {
                        return MqttStatus.ReceiveMaximumExceeded;
                    }

                    this.handler.OnNotice(MqttStatus.ReceiveMaximumExceeded);
                }

                if (qos == MqttQos.ExactlyOnce)
                {
                    if (this.Inflight.AddIncoming(packetId))
                    {
                        this.incomingUnreleased++;
                    }
                    else
                    {
                        // The receiver MUST answer PUBREC [MQTT-4.3.3-2], and 3.1.1 cannot ask the broker to send fewer at
                        // once. Deliver and acknowledge without keeping the id: the broker resends this PUBLISH only if our
                        // PUBREC never reached it (the link dropped first), the window in which QoS 1 may duplicate too.
                        this.UntrackedQos2Deliveries++;
                        this.handler.OnNotice(MqttStatus.IncomingQos2TableFull);
                    }
                }

                // Deliver, then acknowledge: if we die in between the broker sends it again (at least once, §4.3.2).
                this.handler.OnMessage(received);
            }

            // Not when the handler disconnected (or connected anew): the broker resends on the next connection.
            if (this.state == MqttConnectionState.Connected)
            {
                this.SendAcknowledgement(qos == MqttQos.AtLeastOnce ? MqttPacketType.PubAck : MqttPacketType.PubRec, packetId, 0);
            }

            return MqttStatus.Ok;
        }

        /// <summary>PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK or UNSUBACK.</summary>
        [SteadyState]
        private MqttStatus OnAcknowledgement(PacketReader packet)
        {
            MqttPacketType type = packet.Type;
            ushort packetId = packet.PacketId;
            int slot = 0; // a PUBREL answers a message we received: it has no slot of ours
            if (type != MqttPacketType.PubRel)
            {
                slot = this.session.Match(type, packetId);
                if (slot < 0)
                {
                    this.handler.OnNotice(MqttStatus.UnknownPacketId);
                    return MqttStatus.Ok;
                }
            }

            if (type == MqttPacketType.SubAck || type == MqttPacketType.UnsubAck)
            {
                // One code per topic filter, in order: SUBACK [MQTT-3.9.3-1], MQTT 5.0 UNSUBACK (§3.11.3; 3.1.1's has none).
                if ((type == MqttPacketType.SubAck || this.version5) && packet.ReturnCodesCount != this.Inflight.Lengths[slot])
                {
                    return MqttStatus.MalformedPacket;
                }

                this.Inflight.Release(slot);
                if (this.handler5 != null && this.version5)
                {
                    this.handler5.OnReasonCodes(type, packetId, this.receiveBuffer, packet.ReturnCodesOffset, packet.ReturnCodesCount);
                }

                if (type == MqttPacketType.SubAck)
                {
                    this.handler.OnSubscribeAcknowledged(packetId, this.receiveBuffer, packet.ReturnCodesOffset, packet.ReturnCodesCount);
                }
                else
                {
                    this.handler.OnUnsubscribeAcknowledged(packetId);
                }

                return MqttStatus.Ok;
            }

            // MQTT 5.0: the reason code of PUBACK, PUBREC, PUBREL or PUBCOMP to the MQTT 5.0 handler (0x00 when left out).
            if (this.handler5 != null && this.version5)
            {
                this.reasonCode[0] = (byte)packet.ReasonCode;
                this.handler5.OnReasonCodes(type, packetId, this.reasonCode, 0, 1);
            }

            if (type == MqttPacketType.PubRel)
            {
                // Answer every PUBREL, known or not, with PUBCOMP [MQTT-4.3.3-2]: after a reconnect the id may be from
                // a session we lost track of. MQTT 5.0 says which: 0x92 Packet Identifier not found (§3.7.2.1).
                bool known = this.Inflight.RemoveIncoming(packetId);
                if (known && this.incomingUnreleased > 0)
                {
                    this.incomingUnreleased--;
                }

                this.SendAcknowledgement(MqttPacketType.PubComp, packetId, known ? 0 : 0x92);
                return MqttStatus.Ok;
            }

            // MQTT 5.0 §4.3.2, §4.3.3: a PUBACK or PUBREC of 0x80 or above ends the flow; the message is refused, not resent.
            bool refused = packet.ReasonCode >= 0x80 && this.Inflight.Kinds[slot] != InflightTable.ReleaseAwaitingComplete;
            if (type == MqttPacketType.PubRec && !refused)
            {
                // The slot now holds the PUBREL for a resend after a reconnect; this one goes like any acknowledgement.
                this.session.ReplaceWithRelease(slot, this.writer);
                this.SendAcknowledgement(MqttPacketType.PubRel, packetId, 0);
                return MqttStatus.Ok;
            }

            this.session.Acknowledged(slot);
            this.Inflight.Release(slot);
            if (refused)
            {
                this.handler.OnRequestAbandoned(packetId, MqttStatus.PublishRefused);
            }
            else
            {
                this.handler.OnPublishAcknowledged(packetId);
            }

            this.ContinueWalk();
            return MqttStatus.Ok;
        }

        /// <summary>
        /// A resend walk that waits goes on: after the packet the transport had not taken (see <see cref="Poll"/>),
        /// or after an acknowledgement gave back some of the server's send quota (MQTT 5.0 §4.9).
        /// </summary>
        [SteadyState]
        private void ContinueWalk()
        {
            // A walk still resuming means CONNACK came and OnConnected (with the CONNACK's Session Present, kept in
            // Server) is owed until the walk is done; the walk stops with the connection (Close).
            if (this.session.Resuming && this.unsentCount == 0 && this.state == MqttConnectionState.Connected)
            {
                this.FinishConnect(this.session.ContinueResume(this, this.handler));
            }
        }
    }
}
