using System;
using HomeNode.App.Config;

namespace HomeNode.Tests.App
{
    /// <summary>Parses configuration text written in a test and checks what came out.</summary>
    public static class ConfigText
    {
        /// <summary>The smallest valid file: lines 1-5.</summary>
        /// <remarks>
        /// A property, not a const: a const is folded into every literal it is added to, a copy each time in the
        /// metadata processor's string table, which holds only 64 KB per assembly. Not a static field either: nanoCLR
        /// runs the static initialisers of all types at start-up in type order, so another type's initialiser that
        /// read it could see null (README, Testing on the device runtime).
        /// </remarks>
        public static string Minimal
        {
            get
            {
                return "[broker]\n" +
                    "host = broker.lan\n" +
                    "[device]\n" +
                    "name = node1\n" +
                    "base_topic = home/hall\n";
            }
        }

        public static ConfigParseResult Parse(string text)
        {
            byte[] bytes = Utf8Text.Encode(text);
            return ConfigParser.Parse(bytes, 0, bytes.Length);
        }

        /// <summary>Parses text that must be valid, and returns its configuration.</summary>
        public static HomeNodeConfig Valid(string text)
        {
            ConfigParseResult result = Parse(text);
            if (result.Errors.Length != 0)
            {
                throw new Exception("expected no errors, got " + result.Errors.Length.ToString() + ": " + List(result.Errors));
            }

            Check.True(result.Config != null, "config of a valid file");
            return result.Config;
        }

        /// <summary>
        /// Parses text that must be invalid because of (at least) an error at <paramref name="line"/> on
        /// <paramref name="section"/>/<paramref name="field"/> whose message contains <paramref name="messagePart"/>.
        /// </summary>
        public static ConfigError Error(string text, int line, string section, string field, string messagePart)
        {
            return Error(Utf8Text.Encode(text), line, section, field, messagePart);
        }

        /// <summary>Like <see cref="Error(string, int, string, string, string)"/> for a file given as bytes (bytes a string cannot hold on nanoCLR, such as 00).</summary>
        public static ConfigError Error(byte[] bytes, int line, string section, string field, string messagePart)
        {
            ConfigParseResult result = ConfigParser.Parse(bytes, 0, bytes.Length);
            Check.True(result.Config == null, "no config when there are errors");
            for (int i = 0; i < result.Errors.Length; i++)
            {
                ConfigError error = result.Errors[i];
                if (error.Line == line && error.Section == section && error.Field == field && error.Message.IndexOf(messagePart) >= 0)
                {
                    return error;
                }
            }

            throw new Exception("expected an error at line " + line.ToString() + " [" + section + "] " + field + " containing \"" + messagePart + "\", got: " + List(result.Errors));
        }

        /// <summary>Like <see cref="Error"/>, and it must be the only error.</summary>
        public static ConfigError OnlyError(string text, int line, string section, string field, string messagePart)
        {
            ConfigError error = Error(text, line, section, field, messagePart);
            ConfigParseResult result = Parse(text);
            if (result.Errors.Length != 1)
            {
                throw new Exception("expected one error, got " + result.Errors.Length.ToString() + ": " + List(result.Errors));
            }

            return error;
        }

        public static string List(ConfigError[] errors)
        {
            string text = string.Empty;
            for (int i = 0; i < errors.Length; i++)
            {
                text = text + (i == 0 ? string.Empty : " | ") + errors[i].ToString();
            }

            return text.Length == 0 ? "(none)" : text;
        }
    }
}
