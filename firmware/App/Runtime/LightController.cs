using System;
using HomeNode.App.Config;
using HomeNode.App.Lights;
using HomeNode.App.Topics;
using HomeNode.Drivers;
using HomeNode.Drivers.Outputs;
using HomeNode.Mqtt;

namespace HomeNode.App.Runtime
{
    /// <summary>
    /// The lights and relays: switches them from commands on <c>&lt;light&gt;/set</c>, publishes their state retained on
    /// the light's topic, and with <c>power_on = restore</c> takes the state retained there before publishing its own.
    /// </summary>
    /// <remarks>
    /// Commands are not replayed: the retained state is the truth (as in Tasmota). What a broker kept for the session
    /// while the node was away comes right after CONNACK, before the connection's SUBSCRIBE is read: until its SUBACK a
    /// command is carried out only with a Message Expiry that has time left (MQTT 5.0), the rest are counted as stale
    /// (<see cref="CommandFreshness"/>; README, "Light commands are not replayed"). On 3.1.1 commands are subscribed at
    /// QoS 0, so a broker need keep none (§3.1.2.4, MQTT-3.1.2-5); on 5.0 at QoS 1, since an expiry bounds them. A
    /// command with a Response Topic is answered (<see cref="RequestAnswerer"/>). After a restore the state topic is
    /// unsubscribed and the state published once the UNSUBACK is in (aedes drops a persistent client that publishes to
    /// a topic it is still unsubscribing from). Not thread-safe: the runtime loop owns it. Allocates nothing after
    /// construction.
    /// </remarks>
    public sealed class LightController
    {
        /// <summary>How long a light with power_on = restore waits for its retained state after connecting.</summary>
        public const int RestoreWaitMilliseconds = 3000;

        private readonly MqttClient client;
        private readonly RuntimeCounters counters;
        private readonly LightChannel[] lights;
        private readonly int restoringLights;
        private readonly byte[] stateScratch = new byte[8];
        private readonly RequestAnswerer answers;
        private readonly MqttPublishProperties unaliased = new MqttPublishProperties(); // the Topic Aliases are the readings'

        // From CONNACK until the SUBACK of this connection's SUBSCRIBE: commands are ones the broker kept, not new ones.
        private bool commandsHeld;
        private ushort subscribePacketId;

        /// <param name="answers">Answers commands that carry a Response Topic; null makes one of its own.</param>
        public LightController(LightSettings[] settings, IDeviceHardware hardware, MqttClient client, RuntimeCounters counters, RequestAnswerer answers)
        {
            if (hardware == null || client == null || counters == null)
            {
                throw new ArgumentException();
            }

            this.client = client;
            this.counters = counters;
            this.answers = answers == null ? new RequestAnswerer(client, counters) : answers;
            this.unaliased.NoTopicAlias = true;
            if (settings == null)
            {
                settings = new LightSettings[0];
            }

            this.lights = new LightChannel[settings.Length];
            for (int i = 0; i < settings.Length; i++)
            {
                LightSettings light = settings[i];
                IOutputPin pin = hardware.OpenLight(light);
                LightOutput output = pin == null ? null : new LightOutput(pin, light.ActiveLow, light.PowerOn == PowerOnState.On);
                string commandTopic = light.Topic + "/" + TopicLevels.Set;
                this.lights[i] = new LightChannel(light, output, light.Topic, Utf8Bytes.Of(light.Topic), commandTopic, Utf8Bytes.Of(commandTopic));
                if (output == null && light.PowerOn == PowerOnState.On)
                {
                    this.lights[i].Set(true);
                }

                if (light.PowerOn == PowerOnState.Restore)
                {
                    this.restoringLights++;
                }
            }
        }

        public LightChannel[] Lights
        {
            get { return this.lights; }
        }

        /// <summary>The most filters <see cref="AddFilters"/> adds: every command topic, and the state of every restoring light.</summary>
        public int MaxFilters
        {
            get { return this.lights.Length + this.restoringLights; }
        }

        /// <summary>Every command topic (QoS 1 on MQTT 5.0, where commands can expire), and the retained state of the lights still restoring theirs.</summary>
        [SteadyState]
        public void AddFilters(SubscriptionList subscriptions, bool version5)
        {
            for (int i = 0; i < this.lights.Length; i++)
            {
                subscriptions.Add(this.lights[i].CommandTopic, version5 ? MqttQos.AtLeastOnce : MqttQos.AtMostOnce);
            }

            for (int i = 0; i < this.lights.Length; i++)
            {
                if (this.lights[i].AwaitingRestore)
                {
                    subscriptions.Add(this.lights[i].StateTopic, MqttQos.AtLeastOnce); // only lights still waiting
                }
            }
        }

        /// <summary>A new connection: every state is published again; restoring lights start waiting now.</summary>
        [SteadyState]
        public void OnConnected(long now)
        {
            this.commandsHeld = this.lights.Length > 0;
            for (int i = 0; i < this.lights.Length; i++)
            {
                this.lights[i].StatePending = true;
                if (this.lights[i].UnsubscribeAwaitingAck)
                {
                    // The client forgets an UNSUBSCRIBE unanswered when the link broke; with a persistent session the
                    // subscription may still be there, so ask again and keep waiting before publishing the state.
                    this.lights[i].UnsubscribeAwaitingAck = false;
                    this.lights[i].UnsubscribePending = true;
                }

                if (this.lights[i].AwaitingRestore)
                {
                    // the wait starts when the SUBSCRIBE leaves (OnSubscribed), which may be later than CONNACK
                    this.lights[i].RestoreDeadline = long.MaxValue;
                }
            }
        }

        /// <summary>A command or a retained state for one of the lights; false when the message is not about them.</summary>
        [SteadyState]
        public bool OnMessage(MqttReceivedMessage message)
        {
            for (int i = 0; i < this.lights.Length; i++)
            {
                LightChannel light = this.lights[i];
                if (message.TopicEquals(light.CommandTopicBytes, 0, light.CommandTopicBytes.Length))
                {
                    this.OnCommand(light, message);
                    return true;
                }
            }

            for (int i = 0; i < this.lights.Length; i++)
            {
                LightChannel light = this.lights[i];
                if (light.AwaitingRestore && message.Retain && message.TopicEquals(light.StateTopicBytes, 0, light.StateTopicBytes.Length))
                {
                    LightCommandKind state = LightCommand.Parse(message.Buffer, message.PayloadOffset, message.PayloadLength);
                    if (state == LightCommandKind.On || state == LightCommandKind.Off)
                    {
                        light.Set(state == LightCommandKind.On);
                    }

                    light.FinishRestore();
                    return true;
                }
            }

            return false;
        }

        /// <summary>What became of the connection's SUBSCRIBE (<see cref="MqttStatus.Ok"/> and its packet id when sent).</summary>
        [SteadyState]
        public void OnSubscribed(MqttStatus status, ushort packetId, long now)
        {
            // the retained states come after the SUBACK; without a SUBSCRIBE nothing comes, and the wait ends as well
            for (int i = 0; i < this.lights.Length; i++)
            {
                if (this.lights[i].AwaitingRestore && this.lights[i].RestoreDeadline == long.MaxValue)
                {
                    this.lights[i].RestoreDeadline = now + RestoreWaitMilliseconds;
                }
            }

            if (status == MqttStatus.Ok && packetId != 0)
            {
                this.subscribePacketId = packetId;
            }
            else
            {
                this.commandsHeld = false; // not sent: there will be no SUBACK to wait for
            }
        }

        /// <summary>SUBACK for a SUBSCRIBE of this connection.</summary>
        [SteadyState]
        public void OnSubscribeAcknowledged(ushort packetId)
        {
            if (this.commandsHeld && packetId == this.subscribePacketId)
            {
                this.commandsHeld = false;
            }
        }

        /// <summary>UNSUBACK for one of the state topics given up after a restore: its state may be published now.</summary>
        [SteadyState]
        public void OnUnsubscribeAcknowledged(ushort packetId)
        {
            for (int i = 0; i < this.lights.Length; i++)
            {
                if (this.lights[i].UnsubscribeAwaitingAck && this.lights[i].UnsubscribePacketId == packetId)
                {
                    this.lights[i].UnsubscribeAwaitingAck = false;
                }
            }
        }

        /// <summary>Unsubscribes restored lights and publishes pending states; false when the client cannot take more now.</summary>
        [SteadyState]
        public bool Publish(long now)
        {
            ushort packetId;
            for (int i = 0; i < this.lights.Length; i++)
            {
                LightChannel light = this.lights[i];
                if (light.AwaitingRestore)
                {
                    if (now < light.RestoreDeadline)
                    {
                        continue;
                    }

                    light.FinishRestore(); // nothing retained: keep the power-on state (off)
                }

                if (light.UnsubscribePending)
                {
                    MqttStatus unsubscribed = this.client.Unsubscribe(light.StateTopic, out packetId);
                    if (unsubscribed == MqttStatus.InflightFull || unsubscribed == MqttStatus.SendInProgress || !this.client.IsConnected)
                    {
                        return false; // not sent: still pending, asked again once the client can take it
                    }

                    light.UnsubscribePending = false;
                    if (unsubscribed == MqttStatus.Ok)
                    {
                        light.UnsubscribeAwaitingAck = true;
                        light.UnsubscribePacketId = packetId;
                    }
                }

                if (light.UnsubscribeAwaitingAck)
                {
                    continue; // the state goes out after UNSUBACK
                }

                if (light.StatePending)
                {
                    int length = LightCommand.WriteState(light.IsOn, this.stateScratch, 0, this.stateScratch.Length);
                    MqttStatus status = this.client.Publish(light.StateTopicBytes, 0, light.StateTopicBytes.Length, this.stateScratch, 0, length, ServerLimits.Qos(this.client, MqttQos.AtLeastOnce), ServerLimits.Retain(this.client, true), out packetId, this.unaliased);
                    if (!PublishOutcome.Settled(status, this.counters))
                    {
                        return false;
                    }

                    light.StatePending = false;
                }
            }

            return true;
        }

        [SteadyState]
        private void OnCommand(LightChannel light, MqttReceivedMessage message)
        {
            string refusal = CommandFreshness.Refusal(message, this.commandsHeld, this.counters);
            if (refusal != null)
            {
                this.answers.AnswerLight(message, light, refusal);
                return;
            }

            LightCommandKind command = LightCommand.Parse(message.Buffer, message.PayloadOffset, message.PayloadLength);
            if (command == LightCommandKind.Invalid)
            {
                this.counters.InvalidCommands++;
                this.answers.AnswerLight(message, light, RequestAnswerer.InvalidCommand);
                return;
            }

            this.counters.Commands++;
            bool wanted = LightCommand.NextState(command, light.IsOn);
            light.Set(wanted);
            this.answers.AnswerLight(message, light, light.IsOn == wanted ? null : RequestAnswerer.OutputFailed);
            if (light.AwaitingRestore)
            {
                // A command is newer than whatever state was retained.
                light.FinishRestore();
            }

            light.StatePending = true;
        }
    }
}
