namespace HomeNode.App.Config
{
    /// <summary>
    /// One topic the firmware will use because of the configuration (a reading's, a light's state or commands, the
    /// availability topic, a discovery config ...), what for, the largest payload it publishes there, and the place in
    /// the file it comes from, where a problem with it is reported.
    /// </summary>
    internal sealed class TopicUse
    {
        public TopicUse(string topic, string role, string section, string field, int line)
        {
            this.Topic = topic;
            this.Role = role;
            this.Section = section;
            this.Field = field;
            this.Line = line;
        }

        public string Topic { get; }

        /// <summary>What the firmware uses it for, as errors say it: <c>light commands</c>, <c>availability</c>.</summary>
        public string Role { get; }

        public string Section { get; }

        public string Field { get; }

        public int Line { get; }

        /// <summary>The firmware publishes to it.</summary>
        public bool Published { get; set; }

        /// <summary>Published at QoS 1: the packet waits in an in-flight slot until PUBACK. Otherwise QoS 0, from the send buffer.</summary>
        public bool Qos1 { get; set; }

        /// <summary>The largest payload published to it, in bytes; -1 when the discovery config cannot be written at all.</summary>
        public int PayloadBytes { get; set; }

        /// <summary>The firmware subscribes to it (in its one SUBSCRIBE per connection).</summary>
        public bool Subscribed { get; set; }

        /// <summary>Also the will topic of CONNECT.</summary>
        public bool Will { get; set; }

        /// <summary>For a Home Assistant discovery config: the entity id its unique_id and object_id are made of; else null.</summary>
        public string EntityId { get; set; }
    }
}
