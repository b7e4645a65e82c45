using System.Collections;

namespace HomeNode.App.Config
{
    /// <summary>A section as written: its header and its entries, before any value is checked.</summary>
    internal sealed class ConfigSection
    {
        private readonly ArrayList entries = new ArrayList();

        // keys whose line was reported as malformed: not reported again as missing
        private readonly ArrayList malformedKeys = new ArrayList();

        public ConfigSection(string kind, string name, int line)
        {
            this.Kind = kind;
            this.Name = name;
            this.Line = line;
            this.Label = name == null ? kind : kind + " " + name;
        }

        /// <summary><c>wifi</c>, <c>broker</c>, <c>device</c>, <c>i2c</c>, <c>sensor</c> or <c>light</c>.</summary>
        public string Kind { get; }

        /// <summary>The NAME of <c>[sensor NAME]</c> and <c>[light NAME]</c>, the bus number of <c>[i2c N]</c>; null for the others.</summary>
        public string Name { get; }

        /// <summary>Line of the header.</summary>
        public int Line { get; }

        /// <summary>The header without brackets, as errors name the section.</summary>
        public string Label { get; }

        public int Count => this.entries.Count;

        public ConfigEntry this[int index] => (ConfigEntry)this.entries[index];

        public void Add(ConfigEntry entry)
        {
            this.entries.Add(entry);
        }

        public void AddMalformed(string key)
        {
            this.malformedKeys.Add(key);
        }

        public bool IsMalformed(string key)
        {
            return this.malformedKeys.Contains(key);
        }

        public ConfigEntry Find(string key)
        {
            for (int i = 0; i < this.entries.Count; i++)
            {
                ConfigEntry entry = (ConfigEntry)this.entries[i];
                if (entry.Key == key)
                {
                    return entry;
                }
            }

            return null;
        }
    }
}
