using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Protocol;

namespace HomeNode.Simulator
{
    /// <summary>
    /// What a phone app would do: its own MQTTnet client that subscribes to the light state topics of every device,
    /// keeps a house-wide "lights on" count from the retained states, and switches a light by publishing TOGGLE to
    /// its command topic. It knows nothing of the devices' internals, only their topics.
    /// </summary>
    public sealed class PhoneApp : IDisposable
    {
        // Filters per SUBSCRIBE packet, so a big fleet does not build one huge packet.
        private const int FiltersPerSubscribe = 200;

        private readonly IMqttClient client;
        private readonly BrokerTarget broker;
        private readonly object gate = new object();
        private readonly Dictionary<string, bool> states = new Dictionary<string, bool>(StringComparer.Ordinal);
        private readonly string[] stateTopics;
        private readonly Action<string> log;
        private int lightsOn;

        public PhoneApp(BrokerTarget broker, string[] lightStateTopics, Action<string> log)
        {
            this.broker = broker;
            this.stateTopics = lightStateTopics;
            this.log = log;
            this.client = new MqttClientFactory().CreateMqttClient();
            this.client.ApplicationMessageReceivedAsync += this.OnMessage;
        }

        /// <summary>Lights whose last known state is ON, over all devices.</summary>
        public int LightsOn => Volatile.Read(ref this.lightsOn);

        /// <summary>Lights whose state the app has seen.</summary>
        public int LightsKnown
        {
            get
            {
                lock (this.gate)
                {
                    return this.states.Count;
                }
            }
        }

        public bool IsConnected => this.client.IsConnected;

        public void Connect(TimeSpan timeout)
        {
            using (CancellationTokenSource cancel = new CancellationTokenSource(timeout))
            {
                this.client.ConnectAsync(this.broker.CreateClientOptions("homenode-sim-phone-" + Environment.ProcessId.ToString()), cancel.Token).GetAwaiter().GetResult();
                for (int start = 0; start < this.stateTopics.Length; start += FiltersPerSubscribe)
                {
                    MqttClientSubscribeOptionsBuilder subscribe = new MqttClientSubscribeOptionsBuilder();
                    for (int i = start; i < this.stateTopics.Length && i < start + FiltersPerSubscribe; i++)
                    {
                        subscribe = subscribe.WithTopicFilter(this.stateTopics[i], MqttQualityOfServiceLevel.AtLeastOnce);
                    }

                    this.client.SubscribeAsync(subscribe.Build(), cancel.Token).GetAwaiter().GetResult();
                }
            }
        }

        /// <summary>Publishes TOGGLE to <paramref name="commandTopic"/> (QoS 1); false when it could not be sent.</summary>
        public bool Toggle(string commandTopic)
        {
            try
            {
                using (CancellationTokenSource cancel = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
                {
                    MqttApplicationMessage message = new MqttApplicationMessageBuilder()
                        .WithTopic(commandTopic)
                        .WithPayload("TOGGLE")
                        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                        .Build();
                    this.client.PublishAsync(message, cancel.Token).GetAwaiter().GetResult();
                    return true;
                }
            }
            catch (Exception e)
            {
                this.log("phone: toggle " + commandTopic + " failed: " + e.Message);
                return false;
            }
        }

        public void Dispose()
        {
            try
            {
                if (this.client.IsConnected)
                {
                    using (CancellationTokenSource cancel = new CancellationTokenSource(TimeSpan.FromSeconds(3)))
                    {
                        this.client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancel.Token).GetAwaiter().GetResult();
                    }
                }
            }
            catch (Exception)
            {
                // Closing anyway.
            }

            this.client.Dispose();
        }

        private Task OnMessage(MqttApplicationMessageReceivedEventArgs e)
        {
            MqttApplicationMessage message = e.ApplicationMessage;
            string payload = Encoding.UTF8.GetString(message.Payload).Trim();
            bool on;
            if (string.Equals(payload, "ON", StringComparison.OrdinalIgnoreCase))
            {
                on = true;
            }
            else if (string.Equals(payload, "OFF", StringComparison.OrdinalIgnoreCase))
            {
                on = false;
            }
            else
            {
                return Task.CompletedTask; // not a state the firmware writes (LightCommand.WriteState)
            }

            int count;
            bool changed;
            lock (this.gate)
            {
                bool known = this.states.TryGetValue(message.Topic, out bool previous);
                changed = !known || previous != on;
                this.states[message.Topic] = on;
                count = this.lightsOn + (on ? 1 : 0) - (known && previous ? 1 : 0);
                Volatile.Write(ref this.lightsOn, count);
            }

            if (changed && this.stateTopics.Length <= 20)
            {
                this.log("phone: " + message.Topic + " is " + (on ? "ON" : "OFF") + ", lights on = " + count.ToString());
            }

            return Task.CompletedTask;
        }
    }
}
