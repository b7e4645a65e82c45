using System;
using HomeNode.App.Config;

namespace HomeNode.Device
{
    /// <summary>The board's configuration file, copied to I:\config.ini by flash.ps1 (nanoff --filedeployment).</summary>
    public static class ConfigFile
    {
        public const string DefaultPath = "I:\\config.ini";

        /// <summary>Reads and parses the file; null when it does not exist (nothing deployed yet).</summary>
        public static ConfigParseResult Load(string path)
        {
            byte[] bytes = BoardFile.ReadAllBytes(path, false);
            if (bytes == null)
            {
                return null;
            }

            return ConfigParser.Parse(bytes, 0, bytes.Length);
        }
    }
}
