using HomeNode.App.Discovery;
using HomeNode.App.Sensors;
using HomeNode.Mqtt;

namespace HomeNode.App.Runtime
{
    /// <summary>
    /// The Home Assistant entities of this node, sensor measurements first, then lights: ids, names, topics and config
    /// topics built once at start-up, so announcing one is writing its config into a buffer.
    /// </summary>
    internal sealed class DiscoveryEntities
    {
        private readonly DiscoveryPayloadWriter writer;
        private readonly string[] ids;
        private readonly string[] names;
        private readonly string[] stateTopics;
        private readonly string[] commandTopics;

        // Which entities are lights. Kept apart from commandTopics: on nanoCLR an element of a new string[] that was
        // never assigned is not equal to null in a value comparison (x != null stored in a bool is true), although
        // `if (x == null)` sees null (found running the suite on nanoCLR; ../shared/nftool README).
        private readonly bool[] isLight;
        private readonly MeasurementKind[] kinds;

        // Per entity its config topic, or an empty array when it cannot be written (too long, a bad prefix).
        private readonly byte[][] configTopics;

        public DiscoveryEntities(DiscoveryPayloadWriter writer, string prefix, SensorChannel[] sensors, LightChannel[] lights)
        {
            this.writer = writer;
            int count = lights.Length;
            for (int i = 0; i < sensors.Length; i++)
            {
                count += sensors[i].Kinds.Length;
            }

            this.ids = new string[count];
            this.names = new string[count];
            this.stateTopics = new string[count];
            this.commandTopics = new string[count];
            this.isLight = new bool[count];
            this.kinds = new MeasurementKind[count];
            this.configTopics = new byte[count][];
            int entity = 0;
            for (int i = 0; i < sensors.Length; i++)
            {
                for (int k = 0; k < sensors[i].Kinds.Length; k++)
                {
                    string level = SensorKindTable.Of(sensors[i].Kinds[k]).Level;
                    this.ids[entity] = sensors[i].Settings.Name + "_" + level;
                    this.names[entity] = sensors[i].Settings.Name + " " + level;
                    this.stateTopics[entity] = sensors[i].Topics[k];
                    this.commandTopics[entity] = string.Empty;
                    this.kinds[entity] = sensors[i].Kinds[k];
                    entity++;
                }
            }

            for (int i = 0; i < lights.Length; i++)
            {
                this.ids[entity] = lights[i].Settings.Name;
                this.names[entity] = lights[i].Settings.Name;
                this.stateTopics[entity] = lights[i].StateTopic;
                this.commandTopics[entity] = lights[i].CommandTopic;
                this.isLight[entity] = true;
                entity++;
            }

            byte[] topic = new byte[256];
            for (int i = 0; i < count; i++)
            {
                int length = writer.WriteConfigTopic(prefix, this.isLight[i] ? DiscoveryPayloadWriter.LightComponent : DiscoveryPayloadWriter.SensorComponent, this.ids[i], topic, 0, topic.Length);
                this.configTopics[i] = new byte[length > 0 ? length : 0];
                for (int b = 0; b < length; b++)
                {
                    this.configTopics[i][b] = topic[b];
                }
            }
        }

        public int Count
        {
            get { return this.ids.Length; }
        }

        /// <summary>The config topic of entity <paramref name="index"/>; empty when it cannot be written.</summary>
        public byte[] ConfigTopic(int index)
        {
            return this.configTopics[index];
        }

        /// <summary>True when <paramref name="message"/> is on the config topic of one of these entities.</summary>
        [SteadyState]
        public bool HasConfigTopic(MqttReceivedMessage message)
        {
            for (int i = 0; i < this.configTopics.Length; i++)
            {
                byte[] topic = this.configTopics[i];
                if (topic.Length > 0 && message.TopicEquals(topic, 0, topic.Length))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Writes the config of entity <paramref name="index"/>, limited to what fits one in-flight slot with its topic,
        /// so a config that is too long fails here (-1) instead of at publish.
        /// </summary>
        [SteadyState]
        public int WriteConfig(int index, byte[] buffer, int offset, int count)
        {
            // PUBLISH overhead: fixed header (1 + up to 4 length bytes), topic length (2), packet id (2)
            int room = HomeNodeRuntime.InflightSlotBytes - 9 - this.configTopics[index].Length;
            if (room > count)
            {
                room = count;
            }

            return this.isLight[index]
                ? this.writer.WriteLightConfig(this.ids[index], this.names[index], this.commandTopics[index], this.stateTopics[index], buffer, offset, room)
                : this.writer.WriteSensorConfig(this.kinds[index], this.ids[index], this.names[index], this.stateTopics[index], buffer, offset, room);
        }
    }
}
