using System;
using System.IO;
using HomeNode.App.Config;

namespace HomeNode.Simulator
{
    /// <summary>Finds and parses the configuration the simulated devices start from, with the firmware's own parser.</summary>
    public static class ConfigSource
    {
        public const string ExampleFileName = "config.example.ini";

        /// <summary>
        /// The example configuration: copied next to the simulator at build time; else firmware/config.example.ini found by
        /// walking up from the current directory (e.g. when run from a source tree).
        /// </summary>
        public static string FindExample()
        {
            string beside = Path.Combine(AppContext.BaseDirectory, ExampleFileName);
            if (File.Exists(beside))
            {
                return beside;
            }

            for (DirectoryInfo dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir != null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "firmware", ExampleFileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        /// <summary>Parses <paramref name="path"/>; on failure writes every problem to <paramref name="errors"/> and returns null.</summary>
        public static HomeNodeConfig Load(string path, TextWriter errors, TextWriter warnings)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                errors.WriteLine(path + ": cannot read: " + e.Message);
                return null;
            }

            ConfigParseResult result = ConfigParser.Parse(bytes, 0, bytes.Length);
            foreach (ConfigError warning in result.Warnings)
            {
                warnings.WriteLine(path + ": warning: " + warning.ToString());
            }

            if (!result.Succeeded)
            {
                foreach (ConfigError error in result.Errors)
                {
                    errors.WriteLine(path + ": " + error.ToString());
                }

                errors.WriteLine(path + ": " + result.Errors.Length.ToString() + " error(s); nothing was started");
                return null;
            }

            return result.Config;
        }
    }
}
