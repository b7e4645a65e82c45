using HomeNode.Mqtt;
using HomeNode.Tests.Mqtt;

namespace HomeNode.Tests.Mqtt5
{
    /// <summary>A client set to MQTT 5.0, wired to a scripted transport, a fake clock and a <see cref="Version5Handler"/>.</summary>
    public sealed class Version5Rig
    {
        /// <summary>Our CONNECT with the rig's defaults: Receive Maximum 4 (incoming table), Maximum Packet Size 256 (receive buffer).</summary>
        public const string PlainConnect = "10 18 00 04 4D 51 54 54 05 02 00 3C 08 21 00 04 27 00 00 01 00 00 03 72 69 67";

        public readonly ScriptedTransport Transport = new ScriptedTransport(1 << 16);
        public readonly FakeClock Clock = new FakeClock();
        public readonly Version5Handler Handler = new Version5Handler();
        public readonly MqttConnectOptions Options = new MqttConnectOptions("rig");
        public readonly MqttConnectProperties Properties = new MqttConnectProperties();
        public readonly MqttPublishProperties Publish = new MqttPublishProperties();
        public readonly TopicAliasTable IncomingAliases;
        public readonly TopicAliasTable OutgoingAliases;
        public readonly MqttClient Client;

        public Version5Rig()
            : this(0, 0)
        {
        }

        /// <summary>A rig with alias tables of the given capacities (0 = none), 32-byte topics each.</summary>
        public Version5Rig(int incomingAliases, int outgoingAliases)
        {
            this.Options.ProtocolVersion = MqttProtocolVersion.V500;
            this.Options.KeepAliveSeconds = 60;
            this.Options.PingTimeoutMilliseconds = 5000;
            this.Options.ConnectTimeoutMilliseconds = 3000;
            this.Options.SendTimeoutMilliseconds = 2000;
            this.Options.Properties = this.Properties;
            this.IncomingAliases = incomingAliases > 0 ? new TopicAliasTable(incomingAliases, 32) : null;
            this.OutgoingAliases = outgoingAliases > 0 ? new TopicAliasTable(outgoingAliases, 32) : null;
            this.Client = new MqttClient(this.Transport, this.Clock, this.Handler, new byte[256], new byte[256], new InflightTable(4, 128, 4), this.IncomingAliases, this.OutgoingAliases);
        }

        public RecordingHandler Base
        {
            get { return this.Handler.Base; }
        }

        /// <summary>Connects and answers with <paramref name="connAck"/>, which must accept; what was sent is cleared afterwards.</summary>
        public void Connect(string connAck)
        {
            Check.Equal(MqttStatus.Ok, this.Client.Connect(this.Options), "connect");
            this.Transport.Deliver(HexBytes.Parse(connAck));
            Check.Equal(MqttStatus.Ok, this.Client.Poll(), "poll after CONNACK");
            Check.True(this.Client.IsConnected, "connected");
            this.Transport.ClearSent();
        }

        /// <summary>Connects with a CONNACK that says Success and nothing else.</summary>
        public void Connect()
        {
            this.Connect("20 03 00 00 00");
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

        /// <summary>Publishes with <see cref="Publish"/> as the properties; returns the status, the id in <paramref name="packetId"/>.</summary>
        public MqttStatus Send(string topic, string payload, MqttQos qos, bool retain, out ushort packetId)
        {
            byte[] bytes = HexBytes.Ascii(payload);
            return this.Client.Publish(topic, bytes, 0, bytes.Length, qos, retain, out packetId, this.Publish);
        }

        public ushort Send(string topic, string payload, MqttQos qos)
        {
            ushort packetId;
            Check.Equal(MqttStatus.Ok, this.Send(topic, payload, qos, false, out packetId), "publish " + topic);
            return packetId;
        }

        /// <summary>The text of a view into a buffer (ASCII), for checks.</summary>
        public static string Text(byte[] buffer, int offset, int length)
        {
            return length < 0 ? null : HexBytes.AsciiText(buffer, offset, length);
        }
    }
}
