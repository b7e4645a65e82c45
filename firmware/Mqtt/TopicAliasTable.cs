using System;

namespace HomeNode.Mqtt
{
    /// <summary>
    /// Topic Aliases of one direction of one connection (MQTT 5.0 §3.3.2.3.4): alias 1 to <see cref="Capacity"/> each
    /// name a topic of at most <see cref="TopicBytes"/> bytes, kept in storage sized once by the caller. Aliases live
    /// as long as the network connection, so the client empties the table at every Connect.
    /// </summary>
    public sealed class TopicAliasTable
    {
        private readonly int[] lengths;

        /// <param name="capacity">Aliases, 1 to 65,535 (a Two Byte Integer, §3.1.2.11.5).</param>
        /// <param name="topicBytes">Longest topic an alias can stand for, at least 1 byte.</param>
        public TopicAliasTable(int capacity, int topicBytes)
        {
            if (capacity < 1 || capacity > 65535 || topicBytes < 1 || topicBytes > int.MaxValue / capacity)
            {
                throw new ArgumentOutOfRangeException("capacity", "1 to 65535 aliases of at least one byte each");
            }

            this.Storage = new byte[capacity * topicBytes];
            this.lengths = new int[capacity];
            this.Capacity = capacity;
            this.TopicBytes = topicBytes;
            this.Clear();
        }

        public readonly int Capacity;

        public readonly int TopicBytes;

        /// <summary>Where the topics are kept; alias <c>a</c>'s topic starts at <see cref="OffsetOf"/>.</summary>
        public readonly byte[] Storage;

        /// <summary>Bytes this table holds, for footprint reports.</summary>
        public int FootprintBytes
        {
            get { return this.Storage.Length + (this.lengths.Length * 4); }
        }

        /// <summary>Forgets every alias (a new connection starts without any, §3.3.2.3.4).</summary>
        [SteadyState]
        public void Clear()
        {
            for (int i = 0; i < this.lengths.Length; i++)
            {
                this.lengths[i] = -1;
            }
        }

        [SteadyState]
        public int OffsetOf(int alias)
        {
            return (alias - 1) * this.TopicBytes;
        }

        /// <summary>Length of the topic alias <paramref name="alias"/> stands for; -1 when it names none (or is out of range).</summary>
        [SteadyState]
        public int LengthOf(int alias)
        {
            return alias < 1 || alias > this.lengths.Length ? -1 : this.lengths[alias - 1];
        }

        /// <summary>Lets <paramref name="alias"/> stand for the topic; false (and the alias forgotten) when the topic is longer than <see cref="TopicBytes"/>.</summary>
        [SteadyState]
        public bool Set(int alias, byte[] topic, int offset, int count)
        {
            if (count > this.TopicBytes)
            {
                this.lengths[alias - 1] = -1;
                return false;
            }

            Array.Copy(topic, offset, this.Storage, this.OffsetOf(alias), count);
            this.lengths[alias - 1] = count;
            return true;
        }

        /// <summary>Makes <paramref name="alias"/> name no topic again.</summary>
        [SteadyState]
        public void Forget(int alias)
        {
            this.lengths[alias - 1] = -1;
        }

        /// <summary>The alias among the first <paramref name="limit"/> that stands for the topic, or 0.</summary>
        [SteadyState]
        public int Find(byte[] topic, int offset, int count, int limit)
        {
            for (int alias = 1; alias <= limit && alias <= this.lengths.Length; alias++)
            {
                if (this.lengths[alias - 1] != count)
                {
                    continue;
                }

                int start = this.OffsetOf(alias);
                int same = 0;
                while (same < count && this.Storage[start + same] == topic[offset + same])
                {
                    same++;
                }

                if (same == count)
                {
                    return alias;
                }
            }

            return 0;
        }

        /// <summary>The first alias among the first <paramref name="limit"/> that names no topic yet, or 0.</summary>
        [SteadyState]
        public int FindUnused(int limit)
        {
            for (int alias = 1; alias <= limit && alias <= this.lengths.Length; alias++)
            {
                if (this.lengths[alias - 1] < 0)
                {
                    return alias;
                }
            }

            return 0;
        }
    }
}
