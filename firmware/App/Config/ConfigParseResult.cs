namespace HomeNode.App.Config
{
    /// <summary>What <see cref="ConfigParser.Parse"/> found: the configuration when the file is valid, and every error and warning.</summary>
    public sealed class ConfigParseResult
    {
        public ConfigParseResult(HomeNodeConfig config, ConfigError[] errors, ConfigError[] warnings)
        {
            this.Config = config;
            this.Errors = errors;
            this.Warnings = warnings;
        }

        /// <summary>The configuration; null when there is any error.</summary>
        public HomeNodeConfig Config { get; }

        /// <summary>All errors, ordered by line; empty when the file is valid.</summary>
        public ConfigError[] Errors { get; }

        /// <summary>Things that work here but may not everywhere (AWS IoT Core topic depth); they do not stop the configuration.</summary>
        public ConfigError[] Warnings { get; }

        public bool Succeeded => this.Errors.Length == 0;
    }
}
