namespace HomeNode.App.Config
{
    /// <summary>One <c>key = value</c> line, value unquoted and trimmed.</summary>
    internal sealed class ConfigEntry
    {
        public ConfigEntry(string key, string value, int line)
        {
            this.Key = key;
            this.Value = value;
            this.Line = line;
        }

        public string Key { get; }

        public string Value { get; }

        public int Line { get; }

        /// <summary>Set when a section builder read the key; what is left unread is unknown.</summary>
        public bool Used { get; set; }
    }
}
