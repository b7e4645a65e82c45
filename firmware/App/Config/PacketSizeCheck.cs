using System.Collections;
using HomeNode.App.Discovery;
using HomeNode.App.Runtime;
using HomeNode.App.Topics;
using HomeNode.Mqtt;

namespace HomeNode.App.Config
{
    /// <summary>
    /// Refuses a configuration whose packets cannot fit the board's fixed buffers, which the board could never send:
    /// CONNECT (it would never connect), a PUBLISH of a topic with its largest payload (those messages would all be
    /// refused), the one SUBSCRIBE per connection (no light command would arrive). Sizes per MQTT 3.1.1, plus what MQTT
    /// 5.0 adds with <c>protocol = 5</c> (property blocks: <see cref="Version5ConnectBytes"/>,
    /// <see cref="Version5PublishBytes"/>, one byte per SUBSCRIBE); buffer sizes are <see cref="HomeNodeRuntime"/>'s.
    /// </summary>
    internal static class PacketSizeCheck
    {
        /// <summary>HomeNodeRuntime writes each discovery topic into a 256-byte buffer (its topicScratch).</summary>
        public const int DiscoveryTopicBytes = 256;

        /// <summary>
        /// The PUBLISH header HomeNodeRuntime.WriteDiscoveryEntity reserves in the in-flight slot before it gives the
        /// rest to the discovery config: fixed header (1 + up to 4 length bytes), topic length (2), packet id (2).
        /// </summary>
        public const int DiscoveryHeaderBytes = 9;

        /// <summary>
        /// The most MQTT 5.0 adds to the runtime's CONNECT (§3.1.2.11, §3.1.3.2): the Property Length byte, Session Expiry
        /// Interval (5), Receive Maximum (3), Maximum Packet Size (5), Topic Alias Maximum (3) and the will's empty
        /// property block (1).
        /// </summary>
        public const int Version5ConnectBytes = 18;

        /// <summary>The most MQTT 5.0 adds to one of the runtime's PUBLISH packets (§3.3.2.3): the Property Length byte and a Topic Alias (3).</summary>
        public const int Version5PublishBytes = 4;

        public static void Check(HomeNodeConfig config, DerivedTopics topics, ConfigSection broker, ConfigSection device, ConfigDiagnostics diagnostics)
        {
            bool version5 = config.Broker.Protocol == MqttProtocolVersion.V500;
            if (broker != null && device != null)
            {
                CheckConnect(config, topics.StatusUse, broker, device, version5, diagnostics);
            }

            CheckPublishes(topics.Uses, version5, diagnostics);
            if (broker != null)
            {
                CheckDiscovery(config, topics.Uses, broker, version5, diagnostics);
            }

            CheckSubscribe(topics.Uses, version5, diagnostics);
        }

        /// <summary>PUBLISH (MQTT 3.1.1 §3.3): fixed header, topic with its 2-byte length, packet id at QoS 1, payload; MQTT 5.0 adds its properties.</summary>
        public static int PublishBytes(int topicBytes, int payloadBytes, bool qos1, bool version5)
        {
            int remaining = 2 + topicBytes + (qos1 ? 2 : 0) + payloadBytes + (version5 ? Version5PublishBytes : 0);
            return 1 + RemainingLength.Size(remaining) + remaining;
        }

        // CONNECT (MQTT 3.1.1 §3.1): 10 bytes of variable header, then client id, will topic and message, user name and
        // password, each with a 2-byte length.
        private static void CheckConnect(HomeNodeConfig config, TopicUse status, ConfigSection broker, ConfigSection device, bool version5, ConfigDiagnostics diagnostics)
        {
            int clientId = Bytes(config.Broker.ClientId);
            int will = status == null ? 0 : Bytes(status.Topic);
            int username = Bytes(config.Broker.Username);
            int password = Bytes(config.Broker.Password);
            int remaining = 10 + 2 + clientId + (version5 ? Version5ConnectBytes : 0);
            if (status != null)
            {
                remaining += 2 + will + 2 + Availability.Offline.Length;
            }

            if (config.Broker.Username != null)
            {
                remaining += 2 + username;
            }

            if (config.Broker.Password != null)
            {
                remaining += 2 + password;
            }

            int total = 1 + RemainingLength.Size(remaining) + remaining;
            if (total <= HomeNodeRuntime.PacketBufferBytes)
            {
                return;
            }

            // reported on the biggest part, the one to shorten
            ConfigSection section = broker;
            string field = "client_id";
            int largest = clientId;
            if (username > largest)
            {
                field = "username";
                largest = username;
            }

            if (password > largest)
            {
                field = "password";
                largest = password;
            }

            if (will > largest)
            {
                section = device;
                field = "base_topic";
            }

            diagnostics.Error(
                DerivedTopics.LineOf(section, field),
                section.Label,
                field,
                "the CONNECT packet would be " + total.ToString() + " bytes (client_id " + clientId.ToString() + ", will topic " + will.ToString()
                + ", username " + username.ToString() + ", password " + password.ToString() + " bytes); the board sends it from its "
                + HomeNodeRuntime.PacketBufferBytes.ToString() + "-byte buffer, so it would never connect: shorten " + field + " by at least "
                + (total - HomeNodeRuntime.PacketBufferBytes).ToString() + " bytes");
        }

        private static void CheckPublishes(ArrayList uses, bool version5, ConfigDiagnostics diagnostics)
        {
            // one error per place in the file, for the topic that is furthest over
            ArrayList worst = new ArrayList();
            ArrayList excess = new ArrayList();
            for (int i = 0; i < uses.Count; i++)
            {
                TopicUse use = (TopicUse)uses[i];
                if (!use.Published || use.EntityId != null)
                {
                    continue;
                }

                int over = PublishBytes(Bytes(use.Topic), use.PayloadBytes, use.Qos1, version5) - Capacity(use.Qos1);
                if (over <= 0)
                {
                    continue;
                }

                int place = IndexOfPlace(worst, use);
                if (place < 0)
                {
                    worst.Add(use);
                    excess.Add(over);
                }
                else if (over > (int)excess[place])
                {
                    worst[place] = use;
                    excess[place] = over;
                }
            }

            for (int i = 0; i < worst.Count; i++)
            {
                TopicUse use = (TopicUse)worst[i];
                int size = PublishBytes(Bytes(use.Topic), use.PayloadBytes, use.Qos1, version5);
                string buffer = use.Qos1
                    ? "the " + HomeNodeRuntime.InflightSlotBytes.ToString() + "-byte in-flight slot a QoS 1 message waits in until acknowledged"
                    : "the " + HomeNodeRuntime.PacketBufferBytes.ToString() + "-byte send buffer";
                diagnostics.Error(
                    use.Line,
                    use.Section,
                    use.Field,
                    "topic \"" + use.Topic + "\" (" + use.Role + "): a PUBLISH with its largest payload (" + use.PayloadBytes.ToString() + " bytes) is "
                    + size.ToString() + " bytes, more than " + buffer + ", so it would never be sent: shorten the topic by at least "
                    + ((int)excess[i]).ToString() + " bytes");
            }
        }

        private static void CheckDiscovery(HomeNodeConfig config, ArrayList uses, ConfigSection broker, bool version5, ConfigDiagnostics diagnostics)
        {
            bool idReported = false;
            bool topicReported = false;
            for (int i = 0; i < uses.Count; i++)
            {
                TopicUse use = (TopicUse)uses[i];
                if (use.EntityId == null)
                {
                    continue;
                }

                // unique_id is client_id, '_' and the entity id, one byte per character (DiscoveryPayloadWriter.WriteObjectId)
                byte[] id = new byte[config.Broker.ClientId.Length + 1 + use.EntityId.Length];
                int idLength = DiscoveryPayloadWriter.WriteObjectId(config.Broker.ClientId, use.EntityId, id, 0, id.Length);
                if (idLength > DiscoveryPayloadWriter.MaxIdLength)
                {
                    if (!idReported)
                    {
                        idReported = true;
                        diagnostics.Error(
                            DerivedTopics.LineOf(broker, "client_id"),
                            broker.Label,
                            "client_id",
                            "Home Assistant discovery makes each unique_id of client_id, '_' and the entity (\"" + use.EntityId + "\" of [" + use.Section + "]): "
                            + idLength.ToString() + " characters, more than the " + DiscoveryPayloadWriter.MaxIdLength.ToString()
                            + " DiscoveryPayloadWriter takes, so it would never be announced: shorten client_id or set [device] discovery = off");
                    }

                    continue;
                }

                int topicBytes = Bytes(use.Topic);
                if (topicBytes > DiscoveryTopicBytes)
                {
                    if (!topicReported)
                    {
                        topicReported = true;
                        diagnostics.Error(
                            use.Line,
                            use.Section,
                            use.Field,
                            "its Home Assistant discovery topic \"" + use.Topic + "\" is " + topicBytes.ToString() + " bytes; the firmware writes discovery topics into "
                            + DiscoveryTopicBytes.ToString() + ": shorten [device] discovery_prefix or the name by at least "
                            + (topicBytes - DiscoveryTopicBytes).ToString() + " bytes");
                    }

                    continue;
                }

                int room = HomeNodeRuntime.InflightSlotBytes - DiscoveryHeaderBytes - topicBytes - (version5 ? Version5PublishBytes : 0);
                if (room > HomeNodeRuntime.PacketBufferBytes)
                {
                    room = HomeNodeRuntime.PacketBufferBytes;
                }

                if (use.PayloadBytes < 0 || use.PayloadBytes > room)
                {
                    diagnostics.Error(
                        use.Line,
                        use.Section,
                        use.Field,
                        "its Home Assistant discovery config \"" + use.Topic + "\" is " + (use.PayloadBytes < 0 ? "too long" : use.PayloadBytes.ToString() + " bytes")
                        + "; with its topic it must fit the " + HomeNodeRuntime.InflightSlotBytes.ToString() + "-byte in-flight slot, which leaves "
                        + room.ToString() + " bytes, so it would never be announced: shorten the topics, client_id or names it carries, or set [device] discovery = off");
                }
            }
        }

        // SUBSCRIBE (MQTT 3.1.1 §3.8): packet id, then each filter with its 2-byte length and a QoS byte. The runtime
        // subscribes to all of them in one packet per connection.
        private static void CheckSubscribe(ArrayList uses, bool version5, ConfigDiagnostics diagnostics)
        {
            int remaining = version5 ? 3 : 2; // MQTT 5.0 §3.8.2.1: and a Property Length byte
            TopicUse last = null;
            int count = 0;
            for (int i = 0; i < uses.Count; i++)
            {
                TopicUse use = (TopicUse)uses[i];
                if (use.Subscribed)
                {
                    remaining += 2 + Bytes(use.Topic) + 1;
                    last = use;
                    count++;
                }
            }

            int total = 1 + RemainingLength.Size(remaining) + remaining;
            if (last == null || total <= HomeNodeRuntime.PacketBufferBytes)
            {
                return;
            }

            diagnostics.Error(
                last.Line,
                last.Section,
                last.Field,
                "the board subscribes to its " + count.ToString() + " topics (light commands, Home Assistant status, the state of lights with power_on = restore) in one SUBSCRIBE of "
                + total.ToString() + " bytes, more than its " + HomeNodeRuntime.PacketBufferBytes.ToString()
                + "-byte send buffer, so no light command would arrive: use shorter light topics or fewer lights");
        }

        private static int Capacity(bool qos1)
        {
            return qos1 ? HomeNodeRuntime.InflightSlotBytes : HomeNodeRuntime.PacketBufferBytes;
        }

        private static int IndexOfPlace(ArrayList uses, TopicUse use)
        {
            for (int i = 0; i < uses.Count; i++)
            {
                TopicUse other = (TopicUse)uses[i];
                if (other.Section == use.Section && other.Field == use.Field)
                {
                    return i;
                }
            }

            return -1;
        }

        private static int Bytes(string text)
        {
            return text == null ? 0 : Utf8.ByteCount(text);
        }
    }
}
