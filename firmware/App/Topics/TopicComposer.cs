using HomeNode.Mqtt;

namespace HomeNode.App.Topics
{
    /// <summary>
    /// Writes <c>&lt;base&gt;/&lt;level&gt;[/&lt;level&gt;]</c> into a caller buffer from the base topic encoded
    /// once at start-up (UTF-8) and levels given as strings (constants of <see cref="TopicLevels"/> or names
    /// from the configuration). Returns the length, or -1 if it does not fit or a level is empty or holds a
    /// wildcard or U+0000, which a topic name must not (MQTT 3.1.1 §4.7.1, §1.5.3).
    /// </summary>
    public static class TopicComposer
    {
        [SteadyState]
        public static int Compose(byte[] baseTopic, int baseOffset, int baseCount, string level, byte[] buffer, int offset, int count)
        {
            int position = WriteBase(baseTopic, baseOffset, baseCount, buffer, offset, count);
            if (position < 0)
            {
                return -1;
            }

            position = AppendLevel(level, buffer, position, offset + count);
            return position < 0 ? -1 : position - offset;
        }

        [SteadyState]
        public static int Compose(byte[] baseTopic, int baseOffset, int baseCount, string level, string subLevel, byte[] buffer, int offset, int count)
        {
            int position = WriteBase(baseTopic, baseOffset, baseCount, buffer, offset, count);
            if (position < 0)
            {
                return -1;
            }

            position = AppendLevel(level, buffer, position, offset + count);
            if (position < 0)
            {
                return -1;
            }

            position = AppendLevel(subLevel, buffer, position, offset + count);
            return position < 0 ? -1 : position - offset;
        }

        /// <summary>Copies the base; returns the position after it or -1.</summary>
        private static int WriteBase(byte[] baseTopic, int baseOffset, int baseCount, byte[] buffer, int offset, int count)
        {
            if (baseTopic == null || buffer == null || baseOffset < 0 || baseCount < 0 || baseOffset > baseTopic.Length - baseCount
                || offset < 0 || count < 0 || offset > buffer.Length - count || baseCount > count)
            {
                return -1;
            }

            for (int i = 0; i < baseCount; i++)
            {
                buffer[offset + i] = baseTopic[baseOffset + i];
            }

            return offset + baseCount;
        }

        /// <summary>Writes '/' and the level at <paramref name="position"/>; returns the position after it or -1.</summary>
        private static int AppendLevel(string level, byte[] buffer, int position, int end)
        {
            if (level == null || level.Length == 0)
            {
                return -1;
            }

            for (int i = 0; i < level.Length; i++)
            {
                char c = level[i];
                if (c == '+' || c == '#')
                {
                    return -1;
                }
            }

            // -1 for U+0000 or a lone surrogate
            int length = MqttUtf8.Measure(level);
            if (length < 0 || length + 1 > end - position)
            {
                return -1;
            }

            buffer[position++] = (byte)'/';
            return position + MqttUtf8.Write(level, buffer, position);
        }
    }
}
