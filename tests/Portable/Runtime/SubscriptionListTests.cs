using HomeNode.App.Runtime;
using HomeNode.Mqtt;

namespace HomeNode.Tests.Runtime
{
    /// <summary>The one SUBSCRIBE per connection the parts fill.</summary>
    public static class SubscriptionListTests
    {
        public static void SendsEveryFilterInOneSubscribeAndNothingWhenEmpty()
        {
            PartRig rig = new PartRig("[broker]\nhost = 127.0.0.1\n[device]\nname = kitchen\nbase_topic = ourhome/kitchen\n");
            rig.Connect();
            SubscriptionList list = new SubscriptionList(2);
            ushort packetId;
            Check.Equal(MqttStatus.Ok, list.Send(rig.Client, out packetId), "empty: nothing to do");
            Check.Equal(0, rig.Sent().Count, "nothing sent");
            list.Add("a/set", MqttQos.AtMostOnce);
            list.Add("b/set", MqttQos.AtLeastOnce);
            Full = list;
            Check.Throws(typeof(System.InvalidOperationException), AddThird, "a third filter in a list of two");
            Check.Equal(MqttStatus.Ok, list.Send(rig.Client, out packetId), "sent");
            Check.Equal("a/set b/set", rig.Sent().First(MqttPacketType.Subscribe).Filters, "one SUBSCRIBE");
            list.Clear();
            Check.Equal(0, list.Count, "refilled at the next connection");
        }

        private static SubscriptionList Full;

        private static void AddThird()
        {
            Full.Add("c/set", MqttQos.AtMostOnce);
        }
    }
}
