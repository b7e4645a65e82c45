using System;
using HomeNode.Mqtt;
using HomeNode.Tests.Mqtt;

namespace HomeNode.Tests.Reliability
{
    /// <summary>
    /// One connected client fed arbitrary broker bytes: the target of the receive-path fuzz test (tests/Host) and of
    /// the SharpFuzz harness (tools/Fuzz). The client is reused for every input; after a close it is connected again
    /// (CONNECT, CONNACK) before the next input. Allocates nothing after construction.
    /// </summary>
    /// <remarks>
    /// After each input the client must be connected, or disconnected with a reason that bytes from the broker may
    /// cause (malformed packet, protocol violation, transport closed). Anything else, or a client that stops consuming
    /// input, throws InvalidOperationException out of <see cref="Feed"/>; an exception from the client passes through.
    /// </remarks>
    public sealed class ReceivePathFuzzTarget
    {
        /// <summary>Small, so that oversized packets (skipped without losing sync) are common.</summary>
        public const int ReceiveBufferBytes = 128;

        public const int MaxInputBytes = 4096;

        public const int RecentIdCount = 8;

        private static readonly byte[] ConnAck = new byte[] { 0x20, 0x02, 0x00, 0x00 };
        private static readonly byte[] ConnAckSessionPresent = new byte[] { 0x20, 0x02, 0x01, 0x00 };

        // MQTT 5.0: Topic Alias Maximum 4, so the client sends by alias too
        private static readonly byte[] ConnAckVersion5 = new byte[] { 0x20, 0x06, 0x00, 0x00, 0x03, 0x22, 0x00, 0x04 };
        private static readonly byte[] ConnAckVersion5SessionPresent = new byte[] { 0x20, 0x06, 0x01, 0x00, 0x03, 0x22, 0x00, 0x04 };

        private readonly ScriptedTransport transport = new ScriptedTransport(MaxInputBytes * 2);
        private readonly FakeClock clock = new FakeClock();
        private readonly CountingHandler handler = new CountingHandler();
        private readonly MqttConnectOptions options;
        private readonly MqttClient client;
        private readonly byte[] topic = new byte[] { (byte)'f', (byte)'u', (byte)'z', (byte)'z', (byte)'/', (byte)'o' };
        private readonly byte[] payload = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 };
        private readonly ushort[] recentIds = new ushort[RecentIdCount];
        private readonly MqttPublishProperties properties = new MqttPublishProperties();
        private readonly bool version5;
        private int recentNext;
        private int primeTurn;

        public ReceivePathFuzzTarget()
            : this(false)
        {
        }

        /// <summary>A target speaking MQTT 5.0 when <paramref name="version5"/>, with topic alias tables both ways.</summary>
        public ReceivePathFuzzTarget(bool version5)
        {
            this.version5 = version5;
            this.options = new MqttConnectOptions("fuzz");
            this.options.CleanSession = false; // session present both ways: resend on reconnect is exercised too
            this.options.KeepAliveSeconds = 30;
            this.options.ConnectTimeoutMilliseconds = 5000;
            this.options.PingTimeoutMilliseconds = 5000;
            this.options.SendTimeoutMilliseconds = 5000;
            if (version5)
            {
                this.options.ProtocolVersion = MqttProtocolVersion.V500;
                this.options.Properties = new MqttConnectProperties();
                this.options.Properties.SessionExpiryInterval = 60;
                this.properties.MessageExpiryInterval = 30;
                this.client = new MqttClient(this.transport, this.clock, this.handler, new byte[256], new byte[ReceiveBufferBytes], new InflightTable(6, 64, 4), new TopicAliasTable(4, 16), new TopicAliasTable(4, 16));
            }
            else
            {
                this.client = new MqttClient(this.transport, this.clock, this.handler, new byte[256], new byte[ReceiveBufferBytes], new InflightTable(6, 64, 4));
            }
        }

        public MqttClient Client
        {
            get { return this.client; }
        }

        public CountingHandler Handler
        {
            get { return this.handler; }
        }

        public long Inputs;

        public long Reconnects;

        /// <summary>Connections dropped after an input that did not end on a packet boundary.</summary>
        public long Drops;

        /// <summary>A packet id the client used recently (so generated acknowledgements can hit live in-flight entries).</summary>
        public ushort RecentId(int index)
        {
            return this.recentIds[index % RecentIdCount];
        }

        /// <summary>Connects if needed (answering CONNACK, with or without a session) and puts work in flight.</summary>
        public void Prepare(bool sessionPresent)
        {
            if (this.client.State != MqttConnectionState.Connected)
            {
                if (this.client.State == MqttConnectionState.Disconnected)
                {
                    this.transport.DiscardIncoming();
                    MqttStatus connect = this.client.Connect(this.options);
                    if (connect != MqttStatus.Ok)
                    {
                        throw new InvalidOperationException("fuzz: reconnect failed: " + connect.ToString());
                    }
                }

                this.transport.MaxReadChunk = 0;
                if (this.version5)
                {
                    this.transport.Deliver(sessionPresent ? ConnAckVersion5SessionPresent : ConnAckVersion5);
                }
                else
                {
                    this.transport.Deliver(sessionPresent ? ConnAckSessionPresent : ConnAck);
                }

                this.client.Poll();
                if (!this.client.IsConnected)
                {
                    throw new InvalidOperationException("fuzz: CONNACK did not connect the client");
                }

                this.Reconnects++;
            }

            ushort id;
            MqttStatus status;
            switch (this.primeTurn++ & 3)
            {
                case 0:
                    status = this.client.Publish(this.topic, 0, this.topic.Length, this.payload, 0, this.payload.Length, MqttQos.AtLeastOnce, false, out id, this.properties);
                    break;
                case 1:
                    status = this.client.Publish(this.topic, 0, this.topic.Length, this.payload, 0, this.payload.Length, MqttQos.ExactlyOnce, false, out id, this.properties);
                    break;
                case 2:
                    status = this.client.Subscribe("fuzz/#", MqttQos.ExactlyOnce, out id);
                    break;
                default:
                    status = this.client.Unsubscribe("fuzz/#", out id);
                    break;
            }

            // Acknowledgements in the next input name these ids: the live in-flight entries first, then older ones.
            InflightTable table = this.client.Inflight;
            long after = -1;
            int slot;
            while ((slot = table.NextInOrder(after)) >= 0)
            {
                after = table.Sequences[slot];
                this.recentIds[this.recentNext] = table.PacketIds[slot];
                this.recentNext = (this.recentNext + 1) % RecentIdCount;
            }

            if (status == MqttStatus.Ok)
            {
                this.recentIds[this.recentNext] = id;
                this.recentNext = (this.recentNext + 1) % RecentIdCount;
            }

            this.transport.ClearSent();
        }

        /// <summary>
        /// Delivers <paramref name="count"/> bytes in reads of at most <paramref name="readChunk"/> bytes (0 = as many
        /// as fit) and polls until they are consumed or the client closed. Throws when an invariant breaks.
        /// </summary>
        /// <param name="packetAligned">
        /// The input ends on a packet boundary (whole valid packets). When false the connection is dropped after the
        /// checks, as a real stream would be cut: otherwise a corrupted length would swallow the inputs that follow.
        /// </param>
        public void Feed(byte[] input, int offset, int count, int readChunk, bool packetAligned)
        {
            this.Inputs++;
            this.transport.MaxReadChunk = readChunk;
            this.transport.Deliver(input, offset, count);
            int polls = 0;
            while (this.transport.PendingIncoming > 0 && this.client.State != MqttConnectionState.Disconnected)
            {
                this.client.Poll();
                if (++polls > count + 2)
                {
                    throw new InvalidOperationException("fuzz: the client stopped reading (" + this.transport.PendingIncoming.ToString() + " bytes left)");
                }
            }

            this.clock.Advance(1);
            this.client.Poll();
            MqttConnectionState state = this.client.State;
            if (state == MqttConnectionState.Connecting)
            {
                throw new InvalidOperationException("fuzz: a connected client went back to Connecting");
            }

            if (state == MqttConnectionState.Disconnected && !IsBrokerCausedClose(this.handler.LastCloseReason))
            {
                throw new InvalidOperationException("fuzz: closed with " + this.handler.LastCloseReason.ToString());
            }

            this.transport.ClearSent();
            if (!packetAligned && state == MqttConnectionState.Connected)
            {
                this.client.DropConnection();
                this.Drops++;
            }
        }

        /// <summary>
        /// Reasons bytes from a connected broker may give for a close. PingTimeout too: the clock moves 1 ms per input,
        /// and PINGRESP arrives only when the fuzzer happens to send one.
        /// </summary>
        public static bool IsBrokerCausedClose(MqttStatus reason)
        {
            switch (reason)
            {
                case MqttStatus.MalformedPacket:
                case MqttStatus.MalformedRemainingLength:
                case MqttStatus.MalformedTopic:
                case MqttStatus.ProtocolViolation:
                case MqttStatus.TransportClosed:
                case MqttStatus.PingTimeout:
                case MqttStatus.IncomingPacketTooLarge: // MQTT 5.0: above our Maximum Packet Size
                case MqttStatus.ReceiveMaximumExceeded:
                case MqttStatus.TopicAliasInvalid:
                case MqttStatus.DisconnectedByServer:
                case MqttStatus.AuthenticationNotSupported:
                    return true;
                default:
                    return false;
            }
        }
    }
}
