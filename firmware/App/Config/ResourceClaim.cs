namespace HomeNode.App.Config
{
    /// <summary>Something only one part of the configuration may have (a GPIO, an I2C address, a topic), and where it was claimed.</summary>
    internal sealed class ResourceClaim
    {
        public ResourceClaim(string key, string description, int line, string section, string field)
            : this(key, description, null, line, section, field)
        {
        }

        public ResourceClaim(string key, string description, string role, int line, string section, string field)
        {
            this.Key = key;
            this.Description = description;
            this.Role = role;
            this.Line = line;
            this.Section = section;
            this.Field = field;
        }

        /// <summary>Equal keys clash: <c>gpio 4</c>, <c>i2c 1 118</c>, <c>base a/b</c> (a configured topic), <c>topic a/b/set</c> (one the firmware uses).</summary>
        public string Key { get; }

        /// <summary>How errors name it: <c>GPIO 4</c>, <c>I2C1 address 0x76</c>, <c>topic "a/b/set" (light commands)</c>.</summary>
        public string Description { get; }

        /// <summary>What the first claimant uses it for, said after its place in an error (<c>availability</c>); null when the field says it.</summary>
        public string Role { get; }

        public int Line { get; }

        public string Section { get; }

        public string Field { get; }

        /// <summary>A topic claim: one error per section and field is enough, however many of its topics clash.</summary>
        public bool IsTopic => this.Key.Length > 6 && (this.Key.Substring(0, 6) == "topic " || this.Key.Substring(0, 5) == "base ");
    }
}
