namespace HomeNode.App.Config
{
    /// <summary>Something only one sensor or light may have (a GPIO, an I2C address, a topic), and where it was claimed.</summary>
    internal sealed class ResourceClaim
    {
        public ResourceClaim(string key, string description, int line, string section, string field)
        {
            this.Key = key;
            this.Description = description;
            this.Line = line;
            this.Section = section;
            this.Field = field;
        }

        /// <summary>Equal keys clash: <c>gpio 4</c>, <c>i2c 1 118</c>, <c>topic a/b</c>.</summary>
        public string Key { get; }

        /// <summary>How errors name it: <c>GPIO 4</c>, <c>I2C1 address 0x76</c>.</summary>
        public string Description { get; }

        public int Line { get; }

        public string Section { get; }

        public string Field { get; }
    }
}
