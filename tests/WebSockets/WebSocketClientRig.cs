using HomeNode.Mqtt;
using HomeNode.Mqtt.WebSockets;
using HomeNode.Tests.Mqtt;

namespace HomeNode.Tests.WebSockets
{
    /// <summary>Connects a rig's client, answering CONNACK in a frame.</summary>
    public sealed class WebSocketClientRig
    {
        public readonly ScriptedWebSocketServer Server = new ScriptedWebSocketServer(1 << 14);
        public readonly FakeClock Clock = new FakeClock();
        public readonly RecordingHandler Handler = new RecordingHandler();
        public readonly MqttConnectOptions Options = new MqttConnectOptions("ws");
        public readonly WebSocketTransport Transport;
        public readonly MqttClient Client;

        public WebSocketClientRig()
        {
            this.Transport = new WebSocketTransport(this.Server, new WebSocketOptions("broker", 80, false, "/mqtt"), new SteppingClock(), new SequenceRandom());
            this.Client = new MqttClient(this.Transport, this.Clock, this.Handler, new byte[256], new byte[256], new InflightTable(4, 128, 4));
        }

        public void Connect(bool sessionPresent)
        {
            Check.Equal(MqttStatus.Ok, this.Client.Connect(this.Options), "connect");
            Check.Equal(0x10, this.Server.MqttBytes[0], "CONNECT");
            this.Server.DeliverBinary(sessionPresent ? HexBytes.Parse("20 02 01 00") : HexBytes.Parse("20 02 00 00"));
            this.Client.Poll();
            Check.True(this.Client.IsConnected, "connected");
            this.Server.ClearMqtt();
        }

        public ushort Publish(string topic, string payload, MqttQos qos)
        {
            byte[] bytes = HexBytes.Ascii(payload);
            ushort id;
            Check.Equal(MqttStatus.Ok, this.Client.Publish(topic, bytes, 0, bytes.Length, qos, false, out id), "publish");
            return id;
        }
    }
}
