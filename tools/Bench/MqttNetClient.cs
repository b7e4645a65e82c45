using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace HomeNode.Bench
{
    /// <summary>The peer to beat on a PC: MQTTnet's IMqttClient behind <see cref="IClientUnderTest"/>, on MQTT 3.1.1 or 5.0.</summary>
    public sealed class MqttNetClient : IClientUnderTest
    {
        private readonly IMqttClient client = new MqttClientFactory().CreateMqttClient();
        private byte[] scratch = new byte[256];

        public MqttNetClient()
        {
            client.ApplicationMessageReceivedAsync += OnMessage;
        }

        public PayloadReceived MessageReceived { get; set; }

        public async Task ConnectAsync(string host, int port, string clientId, int protocolVersion, CancellationToken cancellation)
        {
            MqttClientOptions options = new MqttClientOptionsBuilder()
                .WithTcpServer(host, port)
                .WithClientId(clientId)
                .WithCleanSession(true)
                .WithProtocolVersion(protocolVersion == MqttProtocolLevels.V500 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311)
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(60))
                .Build();
            await client.ConnectAsync(options, cancellation).ConfigureAwait(false);
        }

        public async Task SubscribeAsync(string topicFilter, int qos, CancellationToken cancellation)
        {
            MqttClientSubscribeOptions options = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(topicFilter, (MqttQualityOfServiceLevel)qos)
                .Build();
            await client.SubscribeAsync(options, cancellation).ConfigureAwait(false);
        }

        public Task PublishAsync(string topic, byte[] payload, int offset, int count, int qos, CancellationToken cancellation)
        {
            MqttApplicationMessage message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(new ArraySegment<byte>(payload, offset, count))
                .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos)
                .Build();
            return client.PublishAsync(message, cancellation);
        }

        public Task DisconnectAsync(CancellationToken cancellation)
        {
            return client.IsConnected ? client.DisconnectAsync(new MqttClientDisconnectOptions(), cancellation) : Task.CompletedTask;
        }

        public void Dispose()
        {
            client.Dispose();
        }

        private Task OnMessage(MqttApplicationMessageReceivedEventArgs e)
        {
            PayloadReceived handler = MessageReceived;
            if (handler != null)
            {
                ReadOnlySequence<byte> payload = e.ApplicationMessage.Payload;
                if (payload.IsSingleSegment)
                {
                    handler(payload.FirstSpan);
                }
                else
                {
                    if (scratch.Length < payload.Length)
                    {
                        scratch = new byte[payload.Length];
                    }

                    payload.CopyTo(scratch);
                    handler(new ReadOnlySpan<byte>(scratch, 0, (int)payload.Length));
                }
            }

            return Task.CompletedTask;
        }
    }
}
