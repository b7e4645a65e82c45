using System;

namespace HomeNode.Mqtt
{
    /// <summary>
    /// MQTT 5.0 User Properties to send (§3.1.2.11.8): name/value pairs in a fixed table the caller sizes once, so a
    /// packet can carry them without allocating. Order is kept; a name may repeat.
    /// </summary>
    public sealed class MqttUserProperties
    {
        private readonly string[] names;
        private readonly string[] values;

        public MqttUserProperties(int capacity)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException("capacity", "at least one pair");
            }

            this.names = new string[capacity];
            this.values = new string[capacity];
        }

        public int Count => this.count;
        private int count;

        /// <summary>Adds a pair; false when the table is full or either string cannot be an MQTT string.</summary>
        public bool Add(string name, string value)
        {
            if (this.count == this.names.Length || name == null || value == null || MqttPropertyWriter.PairSize(name, value) < 0)
            {
                return false;
            }

            this.names[this.count] = name;
            this.values[this.count] = value;
            this.count++;
            return true;
        }

        [SteadyState]
        public void Clear()
        {
            for (int i = 0; i < this.count; i++)
            {
                this.names[i] = null;
                this.values[i] = null;
            }

            this.count = 0;
        }

        /// <summary>Writes the pairs as User Properties at <paramref name="offset"/> and returns the position after them; with a null buffer it only measures (MqttPropertyWriter).</summary>
        [SteadyState]
        public int Write(byte[] buffer, int offset)
        {
            for (int i = 0; i < this.count; i++)
            {
                offset = MqttPropertyWriter.WritePair(buffer, offset, this.names[i], this.values[i]);
            }

            return offset;
        }
    }
}
