using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>A client wired to a scripted transport, a fake clock and a recording handler.</summary>
    public sealed class ClientRig
    {
        public readonly ScriptedTransport Transport;
        public readonly FakeClock Clock = new FakeClock();
        public readonly RecordingHandler Handler = new RecordingHandler();
        public readonly MqttConnectOptions Options;
        public readonly MqttClient Client;

        public ClientRig()
            : this(256, 4, 128)
        {
        }

        public ClientRig(int receiveBufferBytes, int inflightSlots, int slotBytes)
        {
            this.Transport = new ScriptedTransport(1 << 16);
            this.Options = new MqttConnectOptions("rig");
            this.Options.KeepAliveSeconds = 60;
            this.Options.PingTimeoutMilliseconds = 5000;
            this.Options.ConnectTimeoutMilliseconds = 3000;
            this.Options.SendTimeoutMilliseconds = 2000;
            this.Client = new MqttClient(this.Transport, this.Clock, this.Handler, new byte[256], new byte[receiveBufferBytes], new InflightTable(inflightSlots, slotBytes, 4));
        }

        /// <summary>Connects and answers with CONNACK; what was sent is cleared afterwards.</summary>
        public void Connect(bool sessionPresent)
        {
            Check.Equal(MqttStatus.Ok, this.Client.Connect(this.Options), "connect");
            this.Transport.Deliver(HexBytes.Parse(sessionPresent ? "20 02 01 00" : "20 02 00 00"));
            Check.Equal(MqttStatus.Ok, this.Client.Poll(), "poll after CONNACK");
            Check.True(this.Client.IsConnected, "connected");
            this.Transport.ClearSent();
        }

        public void Connect()
        {
            this.Connect(false);
        }

        public MqttStatus Deliver(string hex)
        {
            this.Transport.Deliver(HexBytes.Parse(hex));
            return this.Client.Poll();
        }

        public void ExpectSent(string hex, string what)
        {
            this.Transport.ExpectSent(HexBytes.Parse(hex), what);
            this.Transport.ClearSent();
        }

        public ushort Publish(string topic, string payload, MqttQos qos)
        {
            byte[] bytes = HexBytes.Ascii(payload);
            ushort packetId;
            Check.Equal(MqttStatus.Ok, this.Client.Publish(topic, bytes, 0, bytes.Length, qos, false, out packetId), "publish " + topic);
            return packetId;
        }
    }
}
