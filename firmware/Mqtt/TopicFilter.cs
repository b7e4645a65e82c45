namespace HomeNode.Mqtt
{
    /// <summary>Topic names and filters, MQTT 3.1.1 §4.7, checked and matched on UTF-8 bytes.</summary>
    public static class TopicFilter
    {
        private const byte Separator = (byte)'/';
        private const byte SingleLevel = (byte)'+';
        private const byte MultiLevel = (byte)'#';
        private const byte SystemPrefix = (byte)'$';

        /// <summary>
        /// A topic name to publish to: at least one byte [MQTT-4.7.3-1], at most 65535, no wildcards
        /// [MQTT-3.3.2-2], valid MQTT UTF-8 [MQTT-4.7.3-2].
        /// </summary>
        [SteadyState]
        public static bool IsValidTopicName(byte[] buffer, int offset, int count)
        {
            if (count < 1 || count > 65535)
            {
                return false;
            }

            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                byte b = buffer[i];
                if (b == SingleLevel || b == MultiLevel)
                {
                    return false;
                }
            }

            return MqttUtf8.IsValid(buffer, offset, count);
        }

        /// <summary>
        /// A filter to subscribe with: '#' only as the whole last level [MQTT-4.7.1-2], '+' only as a whole level
        /// [MQTT-4.7.1-3], at least one byte, valid MQTT UTF-8.
        /// </summary>
        [SteadyState]
        public static bool IsValidFilter(byte[] buffer, int offset, int count)
        {
            if (count < 1 || count > 65535)
            {
                return false;
            }

            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                byte b = buffer[i];
                if (b != SingleLevel && b != MultiLevel)
                {
                    continue;
                }

                // A wildcard fills a level of its own; '#' only the last one.
                bool startsLevel = i == offset || buffer[i - 1] == Separator;
                bool endsLevel = i == end - 1 || (b == SingleLevel && buffer[i + 1] == Separator);
                if (!startsLevel || !endsLevel)
                {
                    return false;
                }
            }

            return MqttUtf8.IsValid(buffer, offset, count);
        }

        /// <summary>
        /// True when the topic name matches the filter (both already valid). '+' matches one level, possibly empty;
        /// '#' matches the parent level and any number below it (§4.7.1.2); a filter starting with a wildcard does
        /// not match a topic starting with '$' [MQTT-4.7.2-1].
        /// </summary>
        [SteadyState]
        public static bool Matches(byte[] filter, int filterOffset, int filterCount, byte[] topic, int topicOffset, int topicCount)
        {
            if (topicCount > 0 && topic[topicOffset] == SystemPrefix && filterCount > 0)
            {
                byte first = filter[filterOffset];
                if (first == SingleLevel || first == MultiLevel)
                {
                    return false;
                }
            }

            int f = filterOffset;
            int filterEnd = filterOffset + filterCount;
            int t = topicOffset;
            int topicEnd = topicOffset + topicCount;
            while (f < filterEnd)
            {
                byte c = filter[f];
                if (c == MultiLevel)
                {
                    return true;
                }

                if (c == SingleLevel)
                {
                    while (t < topicEnd && topic[t] != Separator)
                    {
                        t++;
                    }

                    f++;
                    continue;
                }

                if (t == topicEnd)
                {
                    // "a/#" also matches "a": what is left of the filter is exactly "/#".
                    return f + 2 == filterEnd && c == Separator && filter[f + 1] == MultiLevel;
                }

                if (topic[t] != c)
                {
                    return false;
                }

                f++;
                t++;
            }

            return t == topicEnd;
        }
    }
}
