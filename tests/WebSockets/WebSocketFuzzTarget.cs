using System;
using HomeNode.Mqtt;
using HomeNode.Mqtt.WebSockets;
using HomeNode.Tests.Mqtt;
using HomeNode.Tests.Reliability;

namespace HomeNode.Tests.WebSockets
{
    /// <summary>
    /// One connected client over the WebSocket transport, fed arbitrary server frame bytes: the target of the
    /// frame-reader fuzz test (a short run here, a million inputs in tests/Host). The client and transport are reused
    /// for every input; after a close both are opened again (upgrade, CONNECT, CONNACK). Allocates nothing after
    /// construction.
    /// </summary>
    /// <remarks>
    /// After each input the transport must be open with the client connected, or closed with a failure that bytes from
    /// the server may cause, and the client disconnected with a reason such bytes may give. Anything else, or a
    /// transport that stops consuming input, throws InvalidOperationException out of <see cref="Feed"/>.
    /// </remarks>
    public sealed class WebSocketFuzzTarget
    {
        public const int MaxInputBytes = 4096;

        /// <summary>Small, so that frames longer than we accept are common.</summary>
        public const int MaxFrameBytes = 600;

        private static readonly byte[] ConnAckFrame = new byte[] { 0x82, 0x04, 0x20, 0x02, 0x00, 0x00 };

        private readonly ScriptedWebSocketServer server = new ScriptedWebSocketServer(MaxInputBytes * 4);
        private readonly FakeClock clock = new FakeClock();
        private readonly CountingHandler handler = new CountingHandler();
        private readonly MqttConnectOptions options;
        private readonly WebSocketTransport transport;
        private readonly MqttClient client;
        private readonly byte[] topic = new byte[] { (byte)'w', (byte)'s', (byte)'/', (byte)'f' };
        private readonly byte[] payload = new byte[] { 1, 2, 3, 4 };
        private readonly ushort[] inflightIds = new ushort[4];

        /// <summary>Connections ended per failure, indexed by the <see cref="WebSocketFailure"/> value.</summary>
        public readonly long[] FailuresByKind = new long[64];

        public WebSocketFuzzTarget()
        {
            this.options = new MqttConnectOptions("wsfuzz");
            this.options.CleanSession = false;
            this.options.KeepAliveSeconds = 30;
            this.options.ConnectTimeoutMilliseconds = 5000;
            this.options.PingTimeoutMilliseconds = 5000;
            this.options.SendTimeoutMilliseconds = 5000;
            WebSocketOptions ws = new WebSocketOptions("fuzz", 80, false, "/mqtt");
            ws.MaxIncomingFrameBytes = MaxFrameBytes;
            ws.ReceiveBufferBytes = 256;
            ws.MaxOutgoingFrameBytes = 64;
            this.transport = new WebSocketTransport(this.server, ws, new SteppingClock(), new SequenceRandom());
            this.client = new MqttClient(this.transport, this.clock, this.handler, new byte[256], new byte[256], new InflightTable(4, 64, 4));
        }

        public MqttClient Client
        {
            get { return this.client; }
        }

        public WebSocketTransport Transport
        {
            get { return this.transport; }
        }

        public ScriptedWebSocketServer Server
        {
            get { return this.server; }
        }

        public CountingHandler Handler
        {
            get { return this.handler; }
        }

        public long Inputs;

        public long Reconnects;

        /// <summary>Connections dropped by the target after an input that did not end on a frame and packet boundary.</summary>
        public long Drops;

        /// <summary>Connects if needed and puts a QoS 1 message in flight, so that acknowledgements and resends happen.</summary>
        public void Prepare()
        {
            if (this.client.State != MqttConnectionState.Connected)
            {
                if (this.client.State == MqttConnectionState.Disconnected)
                {
                    MqttStatus connect = this.client.Connect(this.options);
                    if (connect != MqttStatus.Ok)
                    {
                        throw new InvalidOperationException("wsfuzz: reconnect failed: " + ((int)connect).ToString() + ", " + ((int)this.transport.LastFailure).ToString());
                    }
                }

                this.server.Wire.MaxReadChunk = 0;
                this.server.Wire.Deliver(ConnAckFrame);
                this.client.Poll();
                if (!this.client.IsConnected)
                {
                    throw new InvalidOperationException("wsfuzz: CONNACK did not connect the client");
                }

                this.Reconnects++;
            }

            if (this.client.Inflight.Count < 2)
            {
                ushort id;
                this.client.Publish(this.topic, 0, this.topic.Length, this.payload, 0, this.payload.Length, MqttQos.AtLeastOnce, false, out id);
            }

            InflightTable table = this.client.Inflight;
            long after = -1;
            int slot;
            int n = 0;
            while ((slot = table.NextInOrder(after)) >= 0 && n < this.inflightIds.Length)
            {
                after = table.Sequences[slot];
                this.inflightIds[n++] = table.PacketIds[slot];
            }

            for (; n < this.inflightIds.Length; n++)
            {
                this.inflightIds[n] = (ushort)(n + 1);
            }

            this.server.ClearMqtt();
        }

        /// <summary>A packet id in flight (or a small one), so generated PUBACKs can match.</summary>
        public ushort InflightId(int index)
        {
            return this.inflightIds[index & 3];
        }

        /// <summary>Delivers the input in reads of at most <paramref name="readChunk"/> bytes and polls until it is consumed or the connection ended.</summary>
        /// <param name="aligned">The input is whole frames carrying whole MQTT packets; otherwise the connection is dropped afterwards, as a cut stream would be.</param>
        public void Feed(byte[] input, int offset, int count, int readChunk, bool aligned)
        {
            this.Inputs++;
            this.server.Wire.MaxReadChunk = readChunk;
            this.server.Wire.Deliver(input, offset, count);
            int polls = 0;
            while (this.server.Wire.PendingIncoming > 0 && this.client.State != MqttConnectionState.Disconnected)
            {
                this.client.Poll();
                if (++polls > count + 4)
                {
                    throw new InvalidOperationException("wsfuzz: the transport stopped reading (" + this.server.Wire.PendingIncoming.ToString() + " bytes left)");
                }
            }

            this.clock.Advance(1);
            this.client.Poll();
            if (this.server.UnmaskedFrames != 0 || this.server.OtherFrames != 0)
            {
                throw new InvalidOperationException("wsfuzz: the client sent an unmasked or unknown frame");
            }

            MqttConnectionState state = this.client.State;
            if (state == MqttConnectionState.Connecting)
            {
                throw new InvalidOperationException("wsfuzz: a connected client went back to Connecting");
            }

            if (state == MqttConnectionState.Disconnected)
            {
                if (!ReceivePathFuzzTarget.IsBrokerCausedClose(this.handler.LastCloseReason))
                {
                    throw new InvalidOperationException("wsfuzz: client closed with " + ((int)this.handler.LastCloseReason).ToString());
                }

                WebSocketFailure failure = this.transport.LastFailure;
                if (!IsServerCausedFailure(failure))
                {
                    throw new InvalidOperationException("wsfuzz: transport ended with " + ((int)failure).ToString());
                }

                this.FailuresByKind[(int)failure]++;
            }
            else if (!this.transport.IsOpen)
            {
                throw new InvalidOperationException("wsfuzz: client connected over a closed transport");
            }

            if (!aligned && state == MqttConnectionState.Connected)
            {
                this.client.DropConnection();
                this.Drops++;
            }
        }

        /// <summary>Failures a server's bytes may cause once the connection is open (ClosedByClient: the client closed on bad MQTT).</summary>
        public static bool IsServerCausedFailure(WebSocketFailure failure)
        {
            switch (failure)
            {
                case WebSocketFailure.MaskedFrame:
                case WebSocketFailure.TextFrame:
                case WebSocketFailure.FrameTooLarge:
                case WebSocketFailure.ReservedBits:
                case WebSocketFailure.BadOpcode:
                case WebSocketFailure.FragmentedControlFrame:
                case WebSocketFailure.UnexpectedContinuation:
                case WebSocketFailure.ExpectedContinuation:
                case WebSocketFailure.BadLength:
                case WebSocketFailure.BadCloseStatus:
                case WebSocketFailure.BadCloseReason:
                case WebSocketFailure.ClosedByServer:
                case WebSocketFailure.ClosedMidPacket:
                case WebSocketFailure.ClosedByClient:
                    return true;
                default:
                    return false;
            }
        }
    }
}
