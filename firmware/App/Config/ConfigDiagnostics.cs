using System.Collections;

namespace HomeNode.App.Config
{
    /// <summary>Collects the errors and warnings of one parse.</summary>
    internal sealed class ConfigDiagnostics
    {
        private readonly ArrayList errors = new ArrayList();
        private readonly ArrayList warnings = new ArrayList();

        public int ErrorCount => this.errors.Count;

        public void Error(int line, string section, string field, string message)
        {
            this.errors.Add(new ConfigError(line, section, field, message));
        }

        public void Warning(int line, string section, string field, string message)
        {
            this.warnings.Add(new ConfigError(line, section, field, message));
        }

        public ConfigError[] SortedErrors() => SortByLine(this.errors);

        public ConfigError[] SortedWarnings() => SortByLine(this.warnings);

        // stable, so problems on one line keep the order they were found in
        private static ConfigError[] SortByLine(ArrayList list)
        {
            ConfigError[] sorted = new ConfigError[list.Count];
            for (int i = 0; i < sorted.Length; i++)
            {
                ConfigError item = (ConfigError)list[i];
                int j = i - 1;
                while (j >= 0 && sorted[j].Line > item.Line)
                {
                    sorted[j + 1] = sorted[j];
                    j--;
                }

                sorted[j + 1] = item;
            }

            return sorted;
        }
    }
}
