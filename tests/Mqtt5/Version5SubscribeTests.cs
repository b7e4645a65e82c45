using System;
using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt5
{
    /// <summary>MQTT 5.0 SUBSCRIBE options and Subscription Identifier (§3.8.2.1.2, §3.8.3.1) through the client.</summary>
    public static class Version5SubscribeTests
    {
        public static void OptionsAndIdentifierAreSent()
        {
            Version5Rig rig = new Version5Rig();
            rig.Connect();
            ushort id;
            byte options = SubscriptionOptions.Encode(MqttQos.AtLeastOnce, true, true, SubscriptionOptions.DoNotSendRetained);
            Check.Equal(MqttStatus.Ok, rig.Client.Subscribe("a/b", options, 5, out id), "subscribe");
            rig.ExpectSent("82 0B 00 01 02 0B 05 00 03 61 2F 62 2D", "Subscription Identifier 5; QoS 1, No Local, Retain As Published, Retain Handling 2");
            Check.Equal(MqttStatus.Ok, rig.Client.Subscribe("a", (byte)0x01, 0, out id), "no identifier");
            rig.ExpectSent("82 07 00 02 00 00 01 61 01", "an empty property block");
            Check.Equal(MqttStatus.Ok, rig.Client.Subscribe("a", MqttQos.ExactlyOnce, out id), "the 3.1.1 call on a 5.0 connection");
            rig.ExpectSent("82 07 00 03 00 00 01 61 02", "its QoS is the options byte");
            Check.Equal(MqttStatus.Ok, rig.Client.Subscribe("a", (byte)0x01, 268435455, out id), "the largest identifier");
            rig.ExpectSent("82 0C 00 04 05 0B FF FF FF 7F 00 01 61 01", "a four-byte Variable Byte Integer");
        }

        public static void BadOptionsAreCallerBugs()
        {
            Version5Rig rig = new Version5Rig();
            rig.Connect();
            ushort id;
            Check.Throws(typeof(ArgumentOutOfRangeException), delegate { rig.Client.Subscribe("a", (byte)0x30, 0, out id); }, "Retain Handling 3");
            Check.Throws(typeof(ArgumentOutOfRangeException), delegate { rig.Client.Subscribe("a", (byte)0x43, 0, out id); }, "QoS 3 and a reserved bit");
            Check.Throws(typeof(ArgumentOutOfRangeException), delegate { rig.Client.Subscribe("a", (byte)0x01, 268435456, out id); }, "identifier too large");
            Check.Equal(0, rig.Transport.SentCount, "nothing sent");
        }

        public static void AMessageNamesItsSubscription()
        {
            Version5Rig rig = new Version5Rig();
            rig.Connect();
            int identifier = 0;
            rig.Handler.OnMessageReaction = delegate(MqttReceivedMessage m) { identifier = m.SubscriptionIdentifier; };
            rig.Deliver("30 09 00 01 61 04 0B 05 0B 07 78");
            Check.Equal(5, identifier, "the first of two identifiers (§3.3.2.3.8)");
        }
    }
}
