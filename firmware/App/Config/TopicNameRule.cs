namespace HomeNode.App.Config
{
    /// <summary>What a topic in the configuration may look like.</summary>
    internal static class TopicNameRule
    {
        /// <summary>AWS IoT Core: at most 7 '/' in a topic (8 levels); mosquitto and others have no such limit.</summary>
        public const int AwsIotMaxSlashes = 7;

        /// <summary>Returns null when <paramref name="topic"/> is a usable topic name, else what is wrong with it.</summary>
        public static string Check(string topic)
        {
            if (topic.Length == 0)
            {
                return "is empty";
            }

            // MQTT 3.1.1 §4.7.1: wildcards only in filters, never in a topic name
            for (int i = 0; i < topic.Length; i++)
            {
                if (topic[i] == '+' || topic[i] == '#')
                {
                    return "contains the wildcard '" + topic[i].ToString() + "' (allowed in subscriptions only)";
                }
            }

            // MQTT 3.1.1 §4.7.2: the broker's own topics start with '$'
            if (topic[0] == '$')
            {
                return "starts with '$' (reserved for the broker)";
            }

            // MQTT allows empty levels (§4.7.1.1), but a leading, trailing or doubled '/' is almost always a typo
            if (topic[0] == '/')
            {
                return "starts with '/' (an empty first level)";
            }

            if (topic[topic.Length - 1] == '/')
            {
                return "ends with '/' (an empty last level)";
            }

            if (HasEmptyInnerLevel(topic))
            {
                return "has an empty level ('//')";
            }

            // MQTT 3.1.1 §1.5.3: a string is at most 65535 bytes
            if (Utf8.ByteCount(topic) > 65535)
            {
                return "is longer than 65535 bytes";
            }

            return null;
        }

        /// <summary>
        /// True when two '/' follow each other. Indexed by hand: on nanoCLR string.IndexOf finds nothing after a
        /// character above U+FFFF, while the indexer is only wrong for the low half of a pair (never a '/').
        /// </summary>
        private static bool HasEmptyInnerLevel(string topic)
        {
            for (int i = 1; i < topic.Length; i++)
            {
                if (topic[i] == '/' && topic[i - 1] == '/')
                {
                    return true;
                }
            }

            return false;
        }

        public static int CountSlashes(string topic)
        {
            int slashes = 0;
            for (int i = 0; i < topic.Length; i++)
            {
                if (topic[i] == '/')
                {
                    slashes++;
                }
            }

            return slashes;
        }
    }
}
