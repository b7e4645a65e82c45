using HomeNode.App.Runtime;
using HomeNode.Mqtt;

namespace HomeNode.Tests.Runtime
{
    /// <summary>The light controller alone, against a fake clock: commands, the retained state, restore.</summary>
    public static class LightControllerTests
    {
        private const string Config = "[broker]\nhost = 127.0.0.1\n[device]\nname = kitchen\nbase_topic = ourhome/kitchen\n[light ceiling]\npin = 26\n";
        private const string State = "ourhome/kitchen/ceiling";
        private const string Command = State + "/set";

        public static void CommandsSwitchTheOutputAndTheStateFollowsRetained()
        {
            PartRig rig = Connected(Config);
            rig.Lights.Publish(rig.Clock.Now);
            SentPacket off = rig.Sent().LastPublish(State);
            Check.Equal("OFF", off.Payload, "power-on state");
            Check.True(off.Retain && off.Qos == 1, "retained, QoS 1");
            rig.Acknowledge();
            rig.ClearSent();

            rig.Deliver(Command, "toggle", false);
            Check.True(rig.Lights.Lights[0].IsOn, "toggled on");
            Check.True(rig.Hardware.Pin(0).LastLevel, "pin high");
            rig.Lights.Publish(rig.Clock.Now);
            Check.Equal("ON", rig.Sent().LastPublish(State).Payload, "state follows");
            Check.Equal(1, rig.Counters.Commands, "counted");
        }

        public static void RestoreWaitsForTheRetainedStateThenKeepsThePowerOnState()
        {
            PartRig rig = Connected(Config + "power_on = restore\n");
            rig.Clock.Advance(LightController.RestoreWaitMilliseconds - 1);
            rig.Lights.Publish(rig.Clock.Now);
            Check.Equal(0, rig.Sent().CountPublishes(State), "nothing while waiting for the retained state");
            rig.Clock.Advance(1);
            rig.Lights.Publish(rig.Clock.Now);
            Check.Equal(1, rig.Sent().CountOf(MqttPacketType.Unsubscribe), "gives up its own state topic");
            rig.Acknowledge();
            rig.Lights.Publish(rig.Clock.Now);
            Check.Equal("OFF", rig.Sent().LastPublish(State).Payload, "nothing retained: off");
        }

        /// <summary>
        /// Issue 10 item 9: UNSUBSCRIBE from the state topic and the retained PUBLISH to it in the same poll made aedes drop
        /// the persistent client. The state waits for the UNSUBACK.
        /// </summary>
        public static void AfterARestoreTheStateWaitsForTheUnsubscribeAcknowledgement()
        {
            PartRig rig = Connected(Config + "power_on = restore\n");
            rig.Deliver(State, "ON", true);
            Check.True(rig.Lights.Lights[0].IsOn, "restored on");
            rig.Lights.Publish(rig.Clock.Now);
            rig.Clock.Advance(500);
            rig.Lights.Publish(rig.Clock.Now);
            SentPackets sent = rig.Sent();
            Check.Equal(State, sent.First(MqttPacketType.Unsubscribe).Filters, "UNSUBSCRIBE sent");
            Check.Equal(0, sent.CountPublishes(State), "no PUBLISH to the state topic before UNSUBACK");

            rig.Acknowledge();
            rig.Lights.Publish(rig.Clock.Now);
            sent = rig.Sent();
            Check.Equal("ON", sent.LastPublish(State).Payload, "after UNSUBACK: the state");
            Check.True(sent.IndexOfPublish(State) > sent.IndexOf(MqttPacketType.Unsubscribe), "published after UNSUBSCRIBE");
        }

        /// <summary>The client forgets an UNSUBSCRIBE still unanswered at a reconnect, so the controller sends it again.</summary>
        public static void AReconnectBeforeTheUnsubscribeAcknowledgementUnsubscribesAgain()
        {
            PartRig rig = Connected(Config + "power_on = restore\n");
            rig.Deliver(State, "ON", true);
            rig.Lights.Publish(rig.Clock.Now);
            rig.Transport.PeerClosed = true;
            rig.Client.Poll();
            rig.Connect();
            rig.Lights.OnConnected(rig.Clock.Now);
            rig.Lights.Publish(rig.Clock.Now);
            SentPackets sent = rig.Sent();
            Check.Equal(1, sent.CountOf(MqttPacketType.Unsubscribe), "UNSUBSCRIBE again");
            Check.Equal(0, sent.CountPublishes(State), "still no state before UNSUBACK");
            rig.Acknowledge();
            rig.Lights.Publish(rig.Clock.Now);
            Check.Equal("ON", rig.Sent().LastPublish(State).Payload, "then the state");
        }

        /// <summary>
        /// Issue 10 item 4: commands are subscribed at QoS 0, so a broker keeps none for the session while the node is
        /// offline (MQTT 3.1.1 §3.1.2.4 and MQTT-3.1.2-5: it must keep QoS 1 and 2 messages, and may keep QoS 0 ones).
        /// </summary>
        public static void CommandsAreSubscribedAtQosZero()
        {
            PartRig rig = new PartRig(Config + "power_on = restore\n");
            rig.Lights = new LightController(rig.Config.Lights, rig.Hardware, rig.Client, rig.Counters, null);
            SubscriptionList subscriptions = new SubscriptionList(rig.Lights.MaxFilters);
            rig.Lights.AddFilters(subscriptions, false);
            Check.Equal(2, subscriptions.Count, "command and state topics");
            Check.Equal(Command, subscriptions.FilterAt(0), "command topic");
            Check.True(subscriptions.QosAt(0) == MqttQos.AtMostOnce, "commands at QoS 0");
            Check.Equal(State, subscriptions.FilterAt(1), "the state to restore");
        }

        /// <summary>
        /// Issue 10 item 4: commands a broker kept anyway (QoS 0 kept by choice, or QoS 1 from an older subscription) come
        /// right after CONNACK, before the SUBACK of this connection's SUBSCRIBE; they are counted and not carried out.
        /// </summary>
        public static void CommandsKeptForTheSessionAreNotReplayed()
        {
            PartRig rig = new PartRig(Config + "power_on = restore\n");
            rig.Lights = new LightController(rig.Config.Lights, rig.Hardware, rig.Client, rig.Counters, null);
            rig.Connect();
            rig.Lights.OnConnected(rig.Clock.Now);
            SubscriptionList subscriptions = new SubscriptionList(rig.Lights.MaxFilters);
            rig.Lights.AddFilters(subscriptions, false);
            ushort packetId;
            MqttStatus status = subscriptions.Send(rig.Client, out packetId);
            rig.Lights.OnSubscribed(status, packetId, rig.Clock.ElapsedMilliseconds);

            BrokerScript.PublishQos1(rig.Transport, Command, "TOGGLE", 901);
            BrokerScript.PublishQos1(rig.Transport, Command, "TOGGLE", 902);
            BrokerScript.Publish(rig.Transport, Command, "ON", false);
            rig.Client.Poll();
            Check.False(rig.Lights.Lights[0].IsOn, "no replay before SUBACK");
            Check.Equal(3, rig.Counters.StaleCommands, "counted");
            Check.Equal(0, rig.Counters.Commands, "none carried out");

            BrokerScript.SubAck(rig.Transport, packetId, 2);
            BrokerScript.Publish(rig.Transport, State, "ON", true);
            rig.Client.Poll();
            Check.True(rig.Lights.Lights[0].IsOn, "the retained state is the truth");
            rig.Deliver(Command, "OFF", false);
            Check.False(rig.Lights.Lights[0].IsOn, "after SUBACK commands work");
            Check.Equal(1, rig.Counters.Commands, "one carried out");
        }

        /// <summary>
        /// The wait for a retained state starts when the SUBSCRIBE leaves, not at CONNACK: a SUBSCRIBE held back (a full
        /// in-flight table, a slow link) must not make the light give up and overwrite its retained state with OFF.
        /// </summary>
        public static void TheRestoreWaitStartsWhenTheSubscribeLeaves()
        {
            PartRig rig = new PartRig(Config + "power_on = restore\n");
            rig.Lights = new LightController(rig.Config.Lights, rig.Hardware, rig.Client, rig.Counters, null);
            rig.Connect();
            rig.Lights.OnConnected(rig.Clock.Now);
            rig.Clock.Advance(10000); // the SUBSCRIBE could not go out for 10 s
            rig.Lights.Publish(rig.Clock.Now);
            SubscriptionList subscriptions = new SubscriptionList(rig.Lights.MaxFilters);
            rig.Lights.AddFilters(subscriptions, false);
            ushort packetId;
            MqttStatus status = subscriptions.Send(rig.Client, out packetId);
            rig.Lights.OnSubscribed(status, packetId, rig.Clock.Now);
            BrokerScript.SubAck(rig.Transport, packetId, 2);
            BrokerScript.Publish(rig.Transport, State, "ON", true);
            rig.Client.Poll();
            Check.True(rig.Lights.Lights[0].IsOn, "restored from the retained state");
        }

        /// <summary>Connected, the controller told so, its SUBSCRIBE sent and acknowledged; what was sent is cleared.</summary>
        private static PartRig Connected(string config)
        {
            PartRig rig = new PartRig(config);
            rig.Lights = new LightController(rig.Config.Lights, rig.Hardware, rig.Client, rig.Counters, null);
            rig.Connect();
            rig.Lights.OnConnected(rig.Clock.Now);
            SubscriptionList subscriptions = new SubscriptionList(rig.Lights.MaxFilters);
            rig.Lights.AddFilters(subscriptions, false);
            ushort packetId;
            MqttStatus status = subscriptions.Send(rig.Client, out packetId);
            Check.Equal(MqttStatus.Ok, status, "SUBSCRIBE");
            rig.Lights.OnSubscribed(status, packetId, rig.Clock.ElapsedMilliseconds);
            rig.Acknowledge();
            rig.ClearSent();
            return rig;
        }
    }
}
