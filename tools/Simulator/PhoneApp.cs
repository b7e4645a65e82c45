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
    /// What a phone app would do: its own MQTTnet client, which keeps a house-wide "lights on" count and switches a
    /// light by publishing TOGGLE to its command topic. It knows nothing of the devices' internals, only their topics.
    /// On MQTT 3.1.1 it subscribes to every light's retained state topic and counts the states. On MQTT 5.0 it asks:
    /// every round it sends each device a request on its diagnostics request topic (<c>&lt;base&gt;/diag/get</c>, with
    /// a Response Topic and Correlation Data, MQTT 5.0 §4.10) and counts <c>lights_on</c> from the answers that come
    /// within the time-out; a device that does not answer in time is not counted in that round.
    /// </summary>
    public sealed class PhoneApp : IDisposable
    {
        // Filters per SUBSCRIBE packet, so a big fleet does not build one huge packet.
        private const int FiltersPerSubscribe = 200;

        /// <summary>How long a round waits for the devices' answers; the requests expire then too (MQTT 5.0 §3.3.2.3.3).</summary>
        public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(3);

        private readonly IMqttClient client;
        private readonly BrokerTarget broker;
        private readonly object gate = new object();
        private readonly Dictionary<string, bool> states = new Dictionary<string, bool>(StringComparer.Ordinal);
        private readonly string[] stateTopics;
        private readonly Action<string> log;
        private readonly string[] requestTopics;
        private readonly string responseTopic;
        private readonly int[] answered;
        private readonly AutoResetEvent roundWanted = new AutoResetEvent(false);
        private Thread rounds;
        private volatile bool stopping;
        private int round;
        private int lightsOn;
        private int lightsKnown;
        private int lastLoggedOn = -1;
        private int lastLoggedAnswers = -1;

        /// <summary>The MQTT 3.1.1 way: the retained states of <paramref name="lightStateTopics"/>.</summary>
        public PhoneApp(BrokerTarget broker, string[] lightStateTopics, Action<string> log)
            : this(broker, lightStateTopics, null, log)
        {
        }

        /// <param name="diagnosticsRequestTopics">One per device: the MQTT 5.0 way, by request and response; null for the 3.1.1 way.</param>
        public PhoneApp(BrokerTarget broker, string[] lightStateTopics, string[] diagnosticsRequestTopics, Action<string> log)
        {
            this.broker = broker;
            this.stateTopics = lightStateTopics;
            this.requestTopics = diagnosticsRequestTopics;
            this.log = log;
            this.responseTopic = "homenode-sim/phone-" + Environment.ProcessId.ToString() + "/answers";
            this.answered = diagnosticsRequestTopics == null ? new int[0] : new int[diagnosticsRequestTopics.Length];
            this.client = new MqttClientFactory().CreateMqttClient();
            this.client.ApplicationMessageReceivedAsync += this.OnMessage;
        }

        /// <summary>True when the app counts by MQTT 5.0 requests.</summary>
        public bool UsesRequests => this.requestTopics != null;

        /// <summary>How long between two rounds of requests.</summary>
        public TimeSpan RoundPeriod => this.requestTopics != null && this.requestTopics.Length > 20 ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(2);

        /// <summary>Lights whose last known state is ON, over all devices.</summary>
        public int LightsOn => Volatile.Read(ref this.lightsOn);

        /// <summary>Lights whose state the app has seen (3.1.1), or devices that answered the last round (5.0).</summary>
        public int LightsKnown
        {
            get
            {
                if (this.requestTopics != null)
                {
                    return Volatile.Read(ref this.lightsKnown);
                }

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
                this.client.ConnectAsync(this.broker.CreateClientOptions("homenode-sim-phone-" + Environment.ProcessId.ToString(), this.requestTopics != null), cancel.Token).GetAwaiter().GetResult();
                if (this.requestTopics != null)
                {
                    MqttClientSubscribeOptions answers = new MqttClientSubscribeOptionsBuilder().WithTopicFilter(this.responseTopic, MqttQualityOfServiceLevel.AtMostOnce).Build();
                    this.client.SubscribeAsync(answers, cancel.Token).GetAwaiter().GetResult();
                    this.rounds = new Thread(this.AskRounds) { IsBackground = true, Name = "phone app requests" };
                    this.rounds.Start();
                    return;
                }

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
                    MqttApplicationMessageBuilder builder = new MqttApplicationMessageBuilder()
                        .WithTopic(commandTopic)
                        .WithPayload("TOGGLE")
                        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
                    if (this.requestTopics != null)
                    {
                        // MQTT 5.0: the device answers with the light's new state; a TOGGLE not carried out within 10 s never is
                        builder = builder.WithResponseTopic(this.responseTopic).WithCorrelationData(Correlation(-1, -1)).WithMessageExpiryInterval(10);
                    }

                    this.client.PublishAsync(builder.Build(), cancel.Token).GetAwaiter().GetResult();
                    this.roundWanted.Set();
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
            this.stopping = true;
            this.roundWanted.Set();
            if (this.rounds != null)
            {
                this.rounds.Join(TimeSpan.FromSeconds(10));
            }

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

        /// <summary>Correlation Data: the round and the device's index, 4 bytes each, big-endian (-1, -1 for a toggle).</summary>
        private static byte[] Correlation(int round, int device)
        {
            return new byte[] { (byte)(round >> 24), (byte)(round >> 16), (byte)(round >> 8), (byte)round, (byte)(device >> 24), (byte)(device >> 16), (byte)(device >> 8), (byte)device };
        }

        /// <summary>The app's request thread: a round of requests, the answers it gets within the time-out, the count; again.</summary>
        private void AskRounds()
        {
            while (!this.stopping)
            {
                if (this.client.IsConnected)
                {
                    this.AskRound();
                }

                this.roundWanted.WaitOne(this.RoundPeriod);
            }
        }

        private void AskRound()
        {
            int current = Interlocked.Increment(ref this.round);
            for (int i = 0; i < this.answered.Length; i++)
            {
                Volatile.Write(ref this.answered[i], -1);
            }

            DateTime deadline = DateTime.UtcNow + AnswerTimeout;
            try
            {
                for (int i = 0; i < this.requestTopics.Length && !this.stopping; i++)
                {
                    MqttApplicationMessage request = new MqttApplicationMessageBuilder()
                        .WithTopic(this.requestTopics[i])
                        .WithResponseTopic(this.responseTopic)
                        .WithCorrelationData(Correlation(current, i))
                        .WithMessageExpiryInterval((uint)AnswerTimeout.TotalSeconds)
                        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
                        .Build();
                    using (CancellationTokenSource cancel = new CancellationTokenSource(AnswerTimeout))
                    {
                        this.client.PublishAsync(request, cancel.Token).GetAwaiter().GetResult();
                    }
                }
            }
            catch (Exception e)
            {
                this.log("phone: request failed: " + e.Message);
                return;
            }

            int answers = 0;
            int on = 0;
            while (!this.stopping)
            {
                answers = 0;
                on = 0;
                for (int i = 0; i < this.answered.Length; i++)
                {
                    int lights = Volatile.Read(ref this.answered[i]);
                    if (lights >= 0)
                    {
                        answers++;
                        on += lights;
                    }
                }

                if (answers == this.answered.Length || DateTime.UtcNow >= deadline)
                {
                    break;
                }

                Thread.Sleep(20);
            }

            Volatile.Write(ref this.lightsKnown, answers);
            Volatile.Write(ref this.lightsOn, on);
            if (on != this.lastLoggedOn || answers != this.lastLoggedAnswers)
            {
                this.lastLoggedOn = on;
                this.lastLoggedAnswers = answers;
                this.log("phone: " + answers.ToString() + " of " + this.answered.Length.ToString() + " devices answered, lights on = " + on.ToString());
            }
        }

        /// <summary>An answer on the response topic: a round's diagnostics (lights_on), or a toggle's new state.</summary>
        private void OnAnswer(MqttApplicationMessage message)
        {
            byte[] correlation = message.CorrelationData;
            if (correlation == null || correlation.Length != 8)
            {
                return;
            }

            int answerRound = (correlation[0] << 24) | (correlation[1] << 16) | (correlation[2] << 8) | correlation[3];
            int device = (correlation[4] << 24) | (correlation[5] << 16) | (correlation[6] << 8) | correlation[7];
            string payload = Encoding.UTF8.GetString(message.Payload);
            if (answerRound == -1)
            {
                if (this.answered.Length <= 20)
                {
                    this.log("phone: answer " + payload);
                }

                return;
            }

            int lightsAt = payload.IndexOf("\"lights_on\":", StringComparison.Ordinal);
            if (answerRound != Volatile.Read(ref this.round) || device < 0 || device >= this.answered.Length || lightsAt < 0)
            {
                return; // a late answer to an earlier round, or not a report
            }

            int p = lightsAt + "\"lights_on\":".Length;
            int lights = 0;
            while (p < payload.Length && payload[p] >= '0' && payload[p] <= '9')
            {
                lights = (lights * 10) + (payload[p] - '0');
                p++;
            }

            Volatile.Write(ref this.answered[device], lights);
        }

        private Task OnMessage(MqttApplicationMessageReceivedEventArgs e)
        {
            MqttApplicationMessage message = e.ApplicationMessage;
            if (this.requestTopics != null)
            {
                if (message.Topic == this.responseTopic)
                {
                    this.OnAnswer(message);
                }

                return Task.CompletedTask;
            }

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
