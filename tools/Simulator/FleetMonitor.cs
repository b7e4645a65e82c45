using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Protocol;

namespace HomeNode.Simulator
{
    /// <summary>
    /// Independent MQTTnet clients that subscribe (QoS 1) to everything the devices publish, count what arrives, match
    /// readings to their device and report arrivals for the publish-to-receive latency (see <see cref="DeviceTraffic"/>
    /// for the method).
    /// </summary>
    /// <remarks>
    /// A fleet is watched by several clients, each subscribed to the base topics of a slice of the devices. A broker
    /// sends a QoS 1 subscriber only a few messages at a time before it has their PUBACKs (mosquitto:
    /// max_inflight_messages 20) and queues a bounded number behind them (max_queued_messages 1000), dropping the rest;
    /// one client for a thousand devices would measure the broker's queue, not the devices.
    /// </remarks>
    public sealed class FleetMonitor : IDisposable
    {
        /// <summary>Devices per monitor client in a fleet.</summary>
        public const int DevicesPerClient = 50;

        private readonly IMqttClient[] clients;
        private readonly string[][] filters;
        private readonly BrokerTarget broker;
        private readonly Dictionary<string, (DeviceTraffic Traffic, int Index)> readingTopics = new Dictionary<string, (DeviceTraffic Traffic, int Index)>(StringComparer.Ordinal);
        private long received;
        private long readingsReceived;

        public FleetMonitor(BrokerTarget broker, SimulatedDevice[] devices)
        {
            this.broker = broker;
            foreach (SimulatedDevice device in devices)
            {
                DeviceTraffic traffic = device.Traffic;
                for (int t = 0; t < traffic.ReadingTopics.Length; t++)
                {
                    this.readingTopics[traffic.ReadingTopics[t]] = (traffic, t);
                }
            }

            if (devices.Length == 1)
            {
                // One device may publish outside its base topic (a sensor's own topic): watch the whole top level.
                SortedSet<string> roots = new SortedSet<string>(StringComparer.Ordinal);
                foreach (string topic in devices[0].Traffic.ReadingTopics)
                {
                    roots.Add(RootOf(topic) + "/#");
                }

                roots.Add(RootOf(devices[0].Runtime.StatusTopic) + "/#");
                this.filters = new[] { new List<string>(roots).ToArray() };
            }
            else
            {
                // In a fleet every topic of a device is under its base topic (DeviceConfigTemplate).
                int clientCount = (devices.Length + DevicesPerClient - 1) / DevicesPerClient;
                this.filters = new string[clientCount][];
                for (int c = 0; c < clientCount; c++)
                {
                    int first = c * DevicesPerClient;
                    int n = Math.Min(DevicesPerClient, devices.Length - first);
                    this.filters[c] = new string[n];
                    for (int i = 0; i < n; i++)
                    {
                        this.filters[c][i] = devices[first + i].Config.Device.BaseTopic + "/#";
                    }
                }
            }

            MqttClientFactory factory = new MqttClientFactory();
            this.clients = new IMqttClient[this.filters.Length];
            for (int c = 0; c < this.clients.Length; c++)
            {
                this.clients[c] = factory.CreateMqttClient();
                this.clients[c].ApplicationMessageReceivedAsync += this.OnMessage;
            }
        }

        /// <summary>What the monitor subscribes to, e.g. "ourhome/#", or "ourhome/floor0/room0/# ... (20 clients)".</summary>
        public string Describe()
        {
            if (this.filters.Length == 1)
            {
                return string.Join(" ", this.filters[0]);
            }

            return this.clients.Length.ToString() + " clients, each subscribed to the base topics of " + DevicesPerClient.ToString() + " devices (" + this.filters[0][0] + " ...)";
        }

        /// <summary>Every live message received (readings, states, status, diagnostics); retained ones delivered on subscribing are not counted.</summary>
        public long Received => Interlocked.Read(ref this.received);

        /// <summary>Reading messages matched to a simulated device.</summary>
        public long ReadingsReceived => Interlocked.Read(ref this.readingsReceived);

        public bool IsConnected => Array.TrueForAll(this.clients, c => c.IsConnected);

        /// <summary>Connects every client that is not connected yet and subscribes it; throws if one cannot connect.</summary>
        public void Connect(TimeSpan timeout)
        {
            using (CancellationTokenSource cancel = new CancellationTokenSource(timeout))
            {
                for (int c = 0; c < this.clients.Length; c++)
                {
                    if (this.clients[c].IsConnected)
                    {
                        continue;
                    }

                    string id = "homenode-sim-monitor-" + Environment.ProcessId.ToString() + "-" + c.ToString();
                    this.clients[c].ConnectAsync(this.broker.CreateClientOptions(id), cancel.Token).GetAwaiter().GetResult();
                    MqttClientSubscribeOptionsBuilder subscribe = new MqttClientSubscribeOptionsBuilder();
                    foreach (string filter in this.filters[c])
                    {
                        subscribe = subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
                    }

                    this.clients[c].SubscribeAsync(subscribe.Build(), cancel.Token).GetAwaiter().GetResult();
                }
            }
        }

        public void Dispose()
        {
            foreach (IMqttClient client in this.clients)
            {
                try
                {
                    if (client.IsConnected)
                    {
                        using (CancellationTokenSource cancel = new CancellationTokenSource(TimeSpan.FromSeconds(3)))
                        {
                            client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancel.Token).GetAwaiter().GetResult();
                        }
                    }
                }
                catch (Exception)
                {
                    // Closing anyway.
                }

                client.Dispose();
            }
        }

        private static string RootOf(string topic)
        {
            int slash = topic.IndexOf('/');
            return slash < 0 ? topic : topic.Substring(0, slash);
        }

        private Task OnMessage(MqttApplicationMessageReceivedEventArgs e)
        {
            long now = Stopwatch.GetTimestamp();
            MqttApplicationMessage message = e.ApplicationMessage;
            if (message.Retain)
            {
                return Task.CompletedTask; // stored by the broker earlier (maybe by a previous run), not traffic of this run
            }

            Interlocked.Increment(ref this.received);
            if (this.readingTopics.TryGetValue(message.Topic, out (DeviceTraffic Traffic, int Index) reading))
            {
                Interlocked.Increment(ref this.readingsReceived);
                reading.Traffic.OnReadingReceived(reading.Index, now);
            }

            return Task.CompletedTask;
        }
    }
}
