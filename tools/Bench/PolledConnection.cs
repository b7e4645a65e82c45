using System;
using System.Diagnostics;
using System.Threading;
using HomeNode.Host;
using HomeNode.Mqtt;

namespace HomeNode.Bench
{
    /// <summary>
    /// One connection of our client as a host application runs it: <see cref="MqttClient"/> over
    /// <see cref="TcpTransport"/>, the thread that owns it sleeping in <see cref="TcpTransport.WaitReadable"/> until
    /// bytes arrive and then calling <see cref="MqttClient.Poll"/>. Everything is allocated in the constructor.
    /// </summary>
    public sealed class PolledConnection : IMqttHandler, IDisposable
    {
        /// <summary>Longest sleep between polls when nothing arrives: keeps stop flags and keep-alive responsive.</summary>
        public static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(5);

        private readonly TcpTransport transport;
        private readonly MqttClient client;
        private bool connected;
        private bool subscribed;
        private MqttStatus closedBecause = MqttStatus.Ok;

        public PolledConnection(string host, int port, PolledClientConfiguration configuration)
        {
            transport = new TcpTransport(new TransportOptions(host, port));
            client = new MqttClient(
                transport,
                new StopwatchClock(),
                this,
                new byte[configuration.SendBufferBytes],
                new byte[configuration.ReceiveBufferBytes],
                new InflightTable(configuration.InflightSlots, configuration.InflightSlotBytes, configuration.IncomingQos2Slots));
        }

        /// <summary>Called on the polling thread for each incoming PUBLISH; the message is valid only during the call.</summary>
        public delegate void MessageArrival(MqttReceivedMessage message);

        public MessageArrival MessageArrived { get; set; }

        public MqttClient Client => client;

        /// <summary>PUBACKs (and PUBCOMPs) received so far; read and written only on the polling thread.</summary>
        public long Acknowledged { get; private set; }

        /// <summary>
        /// Connects at <paramref name="protocolVersion"/> (<see cref="MqttProtocolLevels"/>; 5.0: Clean Start, session
        /// expiry 0, the client's own Receive Maximum and Maximum Packet Size) and polls until CONNACK; throws (a bench
        /// set-up failure) when the broker does not accept.
        /// </summary>
        public void Connect(string clientId, int protocolVersion, TimeSpan timeout)
        {
            MqttConnectOptions options = new MqttConnectOptions(clientId)
            {
                KeepAliveSeconds = 60,
                CleanSession = true,
                ProtocolVersion = protocolVersion == MqttProtocolLevels.V500 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311,
            };
            MqttStatus status = client.Connect(options);
            if (status != MqttStatus.Ok)
            {
                throw new InvalidOperationException("connect " + clientId + ": " + status);
            }

            PollUntil(() => connected, timeout, "CONNACK for " + clientId);
        }

        public void Subscribe(string filter, int qos, TimeSpan timeout)
        {
            MqttStatus status = client.Subscribe(filter, (MqttQos)qos, out _);
            if (status != MqttStatus.Ok)
            {
                throw new InvalidOperationException("subscribe " + filter + ": " + status);
            }

            PollUntil(() => subscribed, timeout, "SUBACK for " + filter);
        }

        /// <summary>Sleeps until something is readable (at most <paramref name="wait"/>), then polls once. Allocates nothing.</summary>
        public MqttStatus WaitAndPoll(TimeSpan wait)
        {
            transport.WaitReadable(wait);
            return client.Poll();
        }

        /// <summary>Sleeps until the socket takes bytes again (at most <paramref name="wait"/>), then polls once, so the rest of a packet goes out. Allocates nothing.</summary>
        public MqttStatus WaitWritableAndPoll(TimeSpan wait)
        {
            transport.WaitWritable(wait);
            return client.Poll();
        }

        /// <summary>Polls until <see cref="Acknowledged"/> reaches <paramref name="count"/>; false when the connection closed or the deadline (a Stopwatch timestamp) passed.</summary>
        public bool PollUntilAcknowledged(long count, long deadline)
        {
            while (Acknowledged < count)
            {
                if (WaitAndPoll(IdleWait) != MqttStatus.Ok || Stopwatch.GetTimestamp() > deadline)
                {
                    return false;
                }
            }

            return true;
        }

        public void Disconnect()
        {
            if (client.IsConnected)
            {
                client.Disconnect();
            }
        }

        public void Dispose()
        {
            if (client.State != MqttConnectionState.Disconnected)
            {
                client.DropConnection();
            }

            transport.Dispose();
        }

        void IMqttHandler.OnConnected(bool sessionPresent)
        {
            connected = true;
        }

        void IMqttHandler.OnConnectionClosed(MqttStatus reason)
        {
            connected = false;
            closedBecause = reason;
        }

        void IMqttHandler.OnMessage(MqttReceivedMessage message)
        {
            MessageArrived?.Invoke(message);
        }

        void IMqttHandler.OnPublishAcknowledged(ushort packetId)
        {
            Acknowledged++;
        }

        void IMqttHandler.OnSubscribeAcknowledged(ushort packetId, byte[] buffer, int offset, int count)
        {
            subscribed = count > 0 && buffer[offset] != 0x80;
        }

        void IMqttHandler.OnUnsubscribeAcknowledged(ushort packetId)
        {
        }

        void IMqttHandler.OnNotice(MqttStatus notice)
        {
            Console.Error.WriteLine("bench client notice: " + notice);
        }

        void IMqttHandler.OnRequestAbandoned(ushort packetId, MqttStatus reason)
        {
            Console.Error.WriteLine("bench client gave up packet " + packetId + ": " + reason);
        }

        private void PollUntil(Func<bool> condition, TimeSpan timeout, string what)
        {
            Stopwatch waited = Stopwatch.StartNew();
            while (!condition())
            {
                MqttStatus status = WaitAndPoll(IdleWait);
                if (status != MqttStatus.Ok)
                {
                    throw new InvalidOperationException(what + ": connection closed, " + (closedBecause != MqttStatus.Ok ? closedBecause : status));
                }

                if (waited.Elapsed > timeout)
                {
                    throw new TimeoutException("no " + what + " within " + timeout);
                }
            }
        }
    }
}
