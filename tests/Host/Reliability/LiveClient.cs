using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using HomeNode.Mqtt;
using HomeNode.Tests.Host.Integration;

namespace HomeNode.Tests.Host.Reliability
{
    /// <summary>
    /// Our MQTT client against a real broker, for the fault tests: pumped by the test thread, reconnecting on its own
    /// (at most one CONNECT per <see cref="ReconnectSpacingMilliseconds"/>), counting what it receives by the sequence
    /// number in the first four payload bytes (big-endian) and what the broker acknowledged.
    /// </summary>
    public sealed class LiveClient : IMqttHandler, IPollable, IDisposable
    {
        private readonly IMqttTransport transport;
        private readonly Dictionary<ushort, int> sequenceOfId = new Dictionary<ushort, int>();
        private long nextAttemptAt;

        public LiveClient(IMqttTransport transport, IMonotonicClock clock, string clientId, bool cleanSession, int keepAliveSeconds, int inflightSlots, int maxSequence)
        {
            this.transport = transport;
            this.Clock = clock;
            this.Options = new MqttConnectOptions(clientId)
            {
                CleanSession = cleanSession,
                KeepAliveSeconds = keepAliveSeconds,
                ConnectTimeoutMilliseconds = 2000,
                PingTimeoutMilliseconds = 1000,
                SendTimeoutMilliseconds = 2000,
            };
            this.Client = new MqttClient(transport, clock, this, new byte[512], new byte[4096], new InflightTable(inflightSlots, 128, 8));
            this.ReceivedCounts = new int[maxSequence];
            this.AcknowledgedAtUtc = new DateTime[maxSequence];
            this.AcknowledgedOnConnection = new int[maxSequence];
        }

        public IMonotonicClock Clock { get; }

        public MqttConnectOptions Options { get; }

        public MqttClient Client { get; }

        public int ReconnectSpacingMilliseconds { get; set; } = 200;

        /// <summary>Times each sequence number arrived.</summary>
        public int[] ReceivedCounts { get; }

        public long MessagesReceived { get; private set; }

        public HashSet<ushort> AcknowledgedIds { get; } = new HashSet<ushort>();

        public long Acknowledged { get; private set; }

        public int Connections { get; private set; }

        public List<bool> SessionPresentHistory { get; } = new List<bool>();

        public List<(long At, MqttStatus Reason)> Closes { get; } = new List<(long, MqttStatus)>();

        public List<MqttStatus> Notices { get; } = new List<MqttStatus>();

        public List<(ushort PacketId, MqttStatus Reason)> Abandoned { get; } = new List<(ushort, MqttStatus)>();

        public int ConnectAttempts { get; private set; }

        /// <summary>Runs after every accepted CONNACK (subscribe here when there is no session).</summary>
        public Action<LiveClient, bool> OnConnectedAction { get; set; }

        public bool IsConnected => this.Client.IsConnected;

        /// <summary>One turn: connect when due, then poll.</summary>
        public void Pump()
        {
            long now = this.Clock.ElapsedMilliseconds;
            if (this.Client.State == MqttConnectionState.Disconnected && now >= this.nextAttemptAt)
            {
                this.nextAttemptAt = now + this.ReconnectSpacingMilliseconds;
                this.ConnectAttempts++;
                this.Client.Connect(this.Options);
            }

            if (this.Client.State != MqttConnectionState.Disconnected)
            {
                this.Client.Poll();
            }
        }

        /// <summary>Pumps the given clients until <paramref name="done"/> holds or the time-out passes (host monotonic clock).</summary>
        public static bool PumpUntil(Func<bool> done, TimeSpan timeout, params LiveClient[] clients)
        {
            return Polling.TryUntil(done, timeout, clients);
        }

        /// <summary>
        /// With <paramref name="clock"/> held: pumps the clients and moves the clock <paramref name="stepMilliseconds"/>
        /// per turn until <paramref name="done"/> holds, or false once it has moved <paramref name="limitMilliseconds"/>.
        /// For phases in which nothing the clients wait for can arrive (a black-holed link), so that only their own
        /// clock decides what they do; no real time needs to pass.
        /// </summary>
        public static bool StepUntil(HoldableClock clock, int stepMilliseconds, long limitMilliseconds, Func<bool> done, params LiveClient[] clients)
        {
            long end = clock.ElapsedMilliseconds + limitMilliseconds;
            while (true)
            {
                foreach (LiveClient client in clients)
                {
                    client.Pump();
                }

                if (done())
                {
                    return true;
                }

                if (clock.ElapsedMilliseconds >= end)
                {
                    return false;
                }

                clock.Advance(stepMilliseconds);
            }
        }

        public void PollOnce() => this.Pump();

        public string Describe() =>
            $"{this.Options.ClientId}: {this.Client.State}, {this.Connections} connections of {this.ConnectAttempts} attempts, closes [{string.Join(", ", this.Closes.Select(c => c.Reason))}], received {this.MessagesReceived}, acknowledged {this.Acknowledged}";

        public MqttStatus PublishSequence(string topic, int sequence, MqttQos qos)
        {
            byte[] payload = new byte[] { (byte)(sequence >> 24), (byte)(sequence >> 16), (byte)(sequence >> 8), (byte)sequence };
            MqttStatus status = this.Client.Publish(topic, payload, 0, payload.Length, qos, false, out ushort packetId);
            if (status == MqttStatus.Ok && qos != MqttQos.AtMostOnce)
            {
                this.sequenceOfId[packetId] = sequence;
            }

            return status;
        }

        /// <summary>
        /// When the broker acknowledged each published sequence number, on the system clock (comparable with file
        /// times), <see cref="DateTime.MinValue"/> if not yet.
        /// </summary>
        public DateTime[] AcknowledgedAtUtc { get; }

        /// <summary>On which connection (1 = the first accepted) each sequence number's acknowledgement arrived.</summary>
        public int[] AcknowledgedOnConnection { get; }

        public void OnConnected(bool sessionPresent)
        {
            this.Connections++;
            this.SessionPresentHistory.Add(sessionPresent);
            this.OnConnectedAction?.Invoke(this, sessionPresent);
        }

        public void OnConnectionClosed(MqttStatus reason)
        {
            this.Closes.Add((this.Clock.ElapsedMilliseconds, reason));
        }

        /// <summary>When set, every message is kept as (topic, payload) in <see cref="Log"/>.</summary>
        public bool KeepMessages { get; set; }

        public List<(string Topic, byte[] Payload)> Log { get; } = new List<(string, byte[])>();

        public void OnMessage(MqttReceivedMessage message)
        {
            this.MessagesReceived++;
            if (this.KeepMessages)
            {
                byte[] payload = new byte[message.PayloadLength];
                Array.Copy(message.Buffer, message.PayloadOffset, payload, 0, payload.Length);
                this.Log.Add((Encoding.UTF8.GetString(message.TopicBuffer, message.TopicOffset, message.TopicLength), payload));
            }

            if (message.PayloadLength >= 4)
            {
                byte[] b = message.Buffer;
                int at = message.PayloadOffset;
                int sequence = (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
                if (sequence >= 0 && sequence < this.ReceivedCounts.Length)
                {
                    this.ReceivedCounts[sequence]++;
                }
            }
        }

        public void OnPublishAcknowledged(ushort packetId)
        {
            this.Acknowledged++;
            this.AcknowledgedIds.Add(packetId);
            if (this.sequenceOfId.Remove(packetId, out int sequence))
            {
                this.AcknowledgedAtUtc[sequence] = DateTime.UtcNow;
                this.AcknowledgedOnConnection[sequence] = this.Connections;
            }
        }

        public void OnSubscribeAcknowledged(ushort packetId, byte[] buffer, int offset, int count)
        {
            this.SubscribeAcknowledged++;
        }

        public int SubscribeAcknowledged { get; private set; }

        public void OnUnsubscribeAcknowledged(ushort packetId)
        {
        }

        public void OnNotice(MqttStatus notice)
        {
            this.Notices.Add(notice);
        }

        public void OnRequestAbandoned(ushort packetId, MqttStatus reason)
        {
            this.Abandoned.Add((packetId, reason));
        }

        public void Dispose()
        {
            if (this.Client.State != MqttConnectionState.Disconnected)
            {
                this.Client.DropConnection();
            }

            this.transport.Close();
        }
    }
}
