using HomeNode.App.Config;
using HomeNode.App.Connection;
using HomeNode.App.Runtime;
using HomeNode.Mqtt;
using HomeNode.Tests.Mqtt;

namespace HomeNode.Tests.Runtime
{
    /// <summary>
    /// One part of the runtime on its own: a client on a scripted transport and a fake clock, the test board, and this
    /// rig as the client's handler, passing what arrives to whichever parts the test made.
    /// </summary>
    public sealed class PartRig : IMqttHandler
    {
        public readonly ScriptedTransport Transport = new ScriptedTransport(1 << 16);
        public readonly FakeClock Clock = new FakeClock();
        public readonly ScriptedHardware Hardware = new ScriptedHardware();
        public readonly RuntimeCounters Counters = new RuntimeCounters();
        public readonly MqttConnectOptions Options = new MqttConnectOptions("homenode-kitchen");
        public readonly MqttClient Client;
        public readonly HomeNodeConfig Config;

        public ConnectionSupervisor Supervisor;
        public LightController Lights;
        public Announcer Announcer;

        private int acknowledgedBytes;

        public PartRig(string configText)
        {
            byte[] bytes = Utf8Text.Encode(RuntimeRig.Version311Unless5(configText));
            ConfigParseResult result = ConfigParser.Parse(bytes, 0, bytes.Length);
            if (!result.Succeeded)
            {
                throw new System.Exception("test config does not parse: " + result.Errors[0].ToString());
            }

            this.Config = result.Config;
            this.Options.KeepAliveSeconds = 60;
            this.Client = new MqttClient(this.Transport, this.Clock, this, new byte[1024], new byte[1024], new InflightTable(8, 768, 4));
        }

        /// <summary>A supervisor with the jitter seed the runtime tests use.</summary>
        public ConnectionSupervisor UseSupervisor()
        {
            ReconnectBackoff backoff = new ReconnectBackoff(7, ReconnectBackoff.DefaultBaseMilliseconds, this.Config.Broker.ReconnectMaxDelaySeconds * 1000);
            this.Supervisor = new ConnectionSupervisor(this.Client, this.Options, this.Config.Broker, this.Clock, this.Hardware, backoff, this.Counters, null);
            return this.Supervisor;
        }

        /// <summary>CONNECT, CONNACK (no session present); what was sent is cleared.</summary>
        public void Connect()
        {
            Check.Equal(MqttStatus.Ok, this.Client.Connect(this.Options), "connect");
            this.Transport.Deliver(HexBytes.Parse("20 02 00 00"));
            this.Client.Poll();
            Check.True(this.Client.IsConnected, "connected");
            this.ClearSent();
        }

        /// <summary>Forgets what was sent (and that it was acknowledged).</summary>
        public void ClearSent()
        {
            this.Transport.ClearSent();
            this.acknowledgedBytes = 0;
        }

        public SentPackets Sent()
        {
            return new SentPackets(this.Transport.SentBytes, this.Transport.SentCount);
        }

        /// <summary>Acknowledges what was sent since the last call (PUBACK, SUBACK, UNSUBACK) and lets the client read it.</summary>
        public void Acknowledge()
        {
            BrokerScript.AnswerNew(this.Transport, ref this.acknowledgedBytes);
            this.Client.Poll();
        }

        /// <summary>The broker delivers a PUBLISH at QoS 0; the client reads it.</summary>
        public void Deliver(string topic, string payload, bool retain)
        {
            BrokerScript.Publish(this.Transport, topic, payload, retain);
            this.Client.Poll();
        }

        public void OnConnected(bool sessionPresent)
        {
            if (this.Supervisor != null)
            {
                this.Supervisor.OnConnected(this.Clock.Now);
            }
        }

        public void OnConnectionClosed(MqttStatus reason)
        {
            if (this.Supervisor != null)
            {
                this.Supervisor.OnConnectionClosed(reason, this.Clock.Now);
            }
        }

        public void OnMessage(MqttReceivedMessage message)
        {
            if (this.Lights != null && this.Lights.OnMessage(message))
            {
                return;
            }

            if (this.Announcer != null)
            {
                this.Announcer.OnMessage(message);
            }
        }

        public void OnPublishAcknowledged(ushort packetId)
        {
        }

        public void OnSubscribeAcknowledged(ushort packetId, byte[] buffer, int offset, int count)
        {
            if (this.Lights != null)
            {
                this.Lights.OnSubscribeAcknowledged(packetId);
            }
        }

        public void OnUnsubscribeAcknowledged(ushort packetId)
        {
            if (this.Lights != null)
            {
                this.Lights.OnUnsubscribeAcknowledged(packetId);
            }
        }

        public void OnNotice(MqttStatus notice)
        {
        }

        public void OnRequestAbandoned(ushort packetId, MqttStatus reason)
        {
        }
    }
}
