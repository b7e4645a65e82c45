using System;
using System.Threading;
using System.Threading.Tasks;

namespace HomeNode.Bench
{
    /// <summary>
    /// One MQTT 3.1.1 or 5.0 connection of a client being measured. The bench opens two per workload (publisher and
    /// subscriber) and drives them only through this interface, so every contender does the same work.
    /// </summary>
    /// <remarks>
    /// Contract: <see cref="ConnectAsync"/> connects with a clean session (5.0: Clean Start, session expiry 0) at the
    /// given protocol level (<see cref="MqttProtocolLevels"/>) and completes after CONNACK.
    /// <see cref="SubscribeAsync"/> completes after SUBACK. <see cref="PublishAsync"/> completes for QoS 0 once the
    /// packet was handed to the socket, for QoS 1 once its PUBACK arrived; it must not keep a reference to the
    /// payload after it completes. <see cref="MessageReceived"/> is called on the client's own receive thread (or
    /// its poll thread) once per incoming PUBLISH. A client that needs a poll loop runs it itself between connect
    /// and dispose.
    /// </remarks>
    public interface IClientUnderTest : IDisposable
    {
        PayloadReceived MessageReceived { get; set; }

        Task ConnectAsync(string host, int port, string clientId, int protocolVersion, CancellationToken cancellation);

        Task SubscribeAsync(string topicFilter, int qos, CancellationToken cancellation);

        Task PublishAsync(string topic, byte[] payload, int offset, int count, int qos, CancellationToken cancellation);

        Task DisconnectAsync(CancellationToken cancellation);
    }
}
