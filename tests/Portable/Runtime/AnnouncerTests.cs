using HomeNode.App.Runtime;
using HomeNode.Mqtt;

namespace HomeNode.Tests.Runtime
{
    /// <summary>The announcer alone: birth, Home Assistant discovery, and clearing what an older configuration announced.</summary>
    public static class AnnouncerTests
    {
        private const string Device = "[broker]\nhost = 127.0.0.1\n[device]\nname = kitchen\nbase_topic = ourhome/kitchen\n";
        private const string Parts = "[sensor climate]\ntype = sht3x\n[light ceiling]\npin = 26\n";
        private const string Config = Device + Parts;

        private const string Node = "homeassistant/+/homenode-kitchen/+/config";
        private const string TemperatureConfig = "homeassistant/sensor/homenode-kitchen/kitchen_climate_temperature/config";
        private const string CeilingConfig = "homeassistant/light/homenode-kitchen/kitchen_ceiling/config";
        private const string Identifiers = "\"identifiers\":[\"homenode-kitchen\"]";

        public static void BirthThenEveryEntityRetainedAfterConnect()
        {
            PartRig rig = Connected(Config);
            Check.True(rig.Announcer.PublishBirth(), "birth taken");
            Check.True(rig.Announcer.PublishDiscovery(), "discovery taken");
            SentPackets sent = rig.Sent();
            SentPacket birth = sent[0];
            Check.Equal("ourhome/kitchen/status", birth.Topic, "birth first");
            Check.Equal("online", birth.Payload, "online");
            Check.True(birth.Retain, "retained");
            Check.Equal(3, rig.Announcer.EntityCount, "temperature, humidity, ceiling");
            Check.True(sent.LastPublish(TemperatureConfig).Retain, "sensor config retained, under the node id");
            Check.True(sent.LastPublish(CeilingConfig).Payload.IndexOf(Identifiers) > 0, "light config with the device");
            Check.Equal(4, sent.Count, "birth and three configs");
        }

        public static void HomeAssistantOnlineAnnouncesAgain()
        {
            PartRig rig = Connected(Config);
            rig.Announcer.PublishBirth();
            rig.Announcer.PublishDiscovery();
            rig.ClearSent();
            rig.Deliver("homeassistant/status", "offline", false);
            rig.Announcer.PublishDiscovery();
            Check.Equal(0, rig.Sent().Count, "not on offline");
            rig.Deliver("homeassistant/status", "online", false);
            rig.Announcer.PublishDiscovery();
            Check.Equal(3, rig.Sent().Count, "all three again");
            Check.True(rig.Announcer.PublishBirth() && rig.Sent().Count == 3, "no second birth");
        }

        public static void DiscoveryOffSubscribesToNothingAndAnnouncesNothing()
        {
            PartRig rig = Connected(Device + "discovery = false\n" + Parts);
            SubscriptionList subscriptions = new SubscriptionList(4);
            rig.Announcer.AddFilters(subscriptions);
            Check.Equal(0, subscriptions.Count, "no filters");
            rig.Announcer.PublishBirth();
            rig.Announcer.PublishDiscovery();
            Check.Equal(1, rig.Sent().Count, "only the birth");
        }

        /// <summary>
        /// Issue 10 item 12: the node subscribes to its own discovery configs; the retained ones of entities the
        /// configuration no longer has are cleared with an empty retained message, which makes Home Assistant remove them.
        /// </summary>
        public static void RetainedConfigsOfRemovedEntitiesAreCleared()
        {
            PartRig rig = Connected(Config);
            SubscriptionList subscriptions = new SubscriptionList(4);
            rig.Announcer.AddFilters(subscriptions);
            Check.Equal(2, subscriptions.Count, "Home Assistant's status and the node's own configs");
            Check.Equal(Node, subscriptions.FilterAt(1), "its own configs");
            Check.True(subscriptions.QosAt(1) == MqttQos.AtMostOnce, "at QoS 0: nothing kept for the session");

            string removed = "homeassistant/sensor/homenode-kitchen/kitchen_attic_temperature/config";
            string config = "{\"name\":\"attic\",\"device\":{" + Identifiers + ",\"name\":\"kitchen\"}}";
            rig.Deliver(removed, config, true);
            rig.Deliver(TemperatureConfig, config, true);
            rig.Deliver("homeassistant/light/homenode-kitchen/kitchen_porch/config", config, false);
            rig.Deliver("homeassistant/light/homenode-kitchen/kitchen_hall/config", "{\"device\":{\"identifiers\":[\"someone-else\"]}}", true);
            SentPackets sent = rig.Sent();
            Check.Equal(1, sent.Count, "one clear: " + sent.Count.ToString());
            Check.Equal(removed, sent[0].Topic, "the removed entity's config");
            Check.Equal(string.Empty, sent[0].Payload, "empty");
            Check.True(sent[0].Retain, "retained, so the broker drops the config it kept");
            Check.Equal(1, rig.Counters.ClearedDiscoveryConfigs, "counted");
        }

        private static PartRig Connected(string config)
        {
            PartRig rig = new PartRig(config);
            SensorSchedule sensors = new SensorSchedule(rig.Config.Sensors, rig.Hardware, 4, rig.Client, rig.Counters);
            LightController lights = new LightController(rig.Config.Lights, rig.Hardware, rig.Client, rig.Counters, null);
            rig.Announcer = new Announcer(rig.Config.Device, "homenode-kitchen", sensors.Sensors, lights.Lights, rig.Client, rig.Counters, new byte[1024]);
            rig.Connect();
            rig.Announcer.OnConnected();
            return rig;
        }
    }
}
