using System.Collections;

namespace HomeNode.App.Config
{
    /// <summary>
    /// First pass over the file: lines into sections and entries, with the syntax errors (bad UTF-8, unknown or
    /// repeated sections, lines that are not <c>key = value</c>, keys set twice). Values are checked later.
    /// </summary>
    internal sealed class ConfigTextReader
    {
        private readonly ConfigDiagnostics diagnostics;
        private readonly ArrayList sections = new ArrayList();
        private char[] chars;
        private char[] valueChars;
        private int length;
        private int lineNumber;
        private ConfigSection current;

        // true after a header that was rejected: its entries are skipped without more errors
        private bool skipping;

        public ConfigTextReader(ConfigDiagnostics diagnostics)
        {
            this.diagnostics = diagnostics;
        }

        /// <summary>Returns the sections in file order.</summary>
        public ArrayList Read(byte[] utf8, int offset, int count)
        {
            this.chars = new char[count];
            this.valueChars = new char[count];
            int end = offset + count;
            int position = offset;

            // byte order mark that Windows editors put in front of UTF-8 files
            if (count >= 3 && utf8[offset] == 0xEF && utf8[offset + 1] == 0xBB && utf8[offset + 2] == 0xBF)
            {
                position += 3;
            }

            while (position < end)
            {
                this.lineNumber++;
                int lineStart = position;
                int lineEnd = position;
                while (lineEnd < end && utf8[lineEnd] != (byte)'\n')
                {
                    lineEnd++;
                }

                position = lineEnd < end ? lineEnd + 1 : end;
                if (lineEnd > lineStart && utf8[lineEnd - 1] == (byte)'\r')
                {
                    lineEnd--;
                }

                int bad = Utf8.Decode(utf8, lineStart, lineEnd - lineStart, this.chars, out this.length);
                if (bad >= 0)
                {
                    this.Error(string.Empty, "invalid UTF-8 at byte " + (bad + 1).ToString() + " of the line; save the file as UTF-8");
                    continue;
                }

                if (this.HasControlCharacter())
                {
                    continue;
                }

                this.ReadLine();
            }

            return this.sections;
        }

        private void ReadLine()
        {
            int start = this.SkipSpace(0);
            if (start == this.length || this.chars[start] == '#' || this.chars[start] == ';')
            {
                return;
            }

            if (this.chars[start] == '[')
            {
                this.ReadHeader(start);
                return;
            }

            int equals = -1;
            for (int i = start; i < this.length; i++)
            {
                if (this.chars[i] == '=')
                {
                    equals = i;
                    break;
                }
            }

            if (equals < 0)
            {
                this.Error(string.Empty, "expected key = value, a [section] header or a comment");
                return;
            }

            string key = this.Trimmed(start, equals);
            if (key.Length == 0)
            {
                this.Error(string.Empty, "expected a key before =");
                return;
            }

            if (!IsKey(key))
            {
                this.Error(key, "not a key: keys are lowercase letters, digits and '_'");
                return;
            }

            string value = this.ReadValue(key, equals + 1);
            if (value == null)
            {
                if (this.current != null)
                {
                    this.current.AddMalformed(key);
                }

                return;
            }

            if (this.current == null)
            {
                if (!this.skipping)
                {
                    this.Error(key, "outside any section; put it under [wifi], [broker], [device], [i2c N], [sensor NAME] or [light NAME]");
                }

                return;
            }

            ConfigEntry first = this.current.Find(key);
            if (first != null)
            {
                this.Error(key, "set twice; first set at line " + first.Line.ToString());
                return;
            }

            this.current.Add(new ConfigEntry(key, value, this.lineNumber));
        }

        // Returns null after reporting a malformed value.
        private string ReadValue(string key, int from)
        {
            int start = this.SkipSpace(from);
            if (start < this.length && this.chars[start] == '"')
            {
                int count = 0;
                int i = start + 1;
                while (i < this.length && this.chars[i] != '"')
                {
                    // \" and \\ are the only escapes; any other backslash is kept, so I:\ca.pem needs none
                    if (this.chars[i] == '\\' && i + 1 < this.length && (this.chars[i + 1] == '"' || this.chars[i + 1] == '\\'))
                    {
                        i++;
                    }

                    this.valueChars[count++] = this.chars[i];
                    i++;
                }

                if (i == this.length)
                {
                    this.Error(key, "expected a closing \" at the end of the quoted value");
                    return null;
                }

                int after = this.SkipSpace(i + 1);
                if (after < this.length && this.chars[after] != '#')
                {
                    this.Error(key, "expected nothing but a # comment after the closing \"");
                    return null;
                }

                return new string(this.valueChars, 0, count);
            }

            int end = this.length;
            for (int i = start; i < this.length; i++)
            {
                if (this.chars[i] == '#')
                {
                    if (i > start && !IsSpace(this.chars[i - 1]))
                    {
                        this.Error(key, "a # in a value starts a comment; put the value in quotes (\"...\") to keep the #");
                        return null;
                    }

                    end = i;
                    break;
                }
            }

            return this.Trimmed(start, end);
        }

        private void ReadHeader(int start)
        {
            int close = -1;
            for (int i = start + 1; i < this.length; i++)
            {
                if (this.chars[i] == ']')
                {
                    close = i;
                    break;
                }
            }

            this.current = null;
            this.skipping = true;
            if (close < 0)
            {
                this.Error(string.Empty, "expected ] at the end of the section header");
                return;
            }

            int after = this.SkipSpace(close + 1);
            if (after < this.length && this.chars[after] != '#' && this.chars[after] != ';')
            {
                this.Error(string.Empty, "expected nothing but a comment after ]");
                return;
            }

            int kindStart = this.SkipSpace(start + 1);
            int kindEnd = kindStart;
            while (kindEnd < close && !IsSpace(this.chars[kindEnd]))
            {
                kindEnd++;
            }

            string kind = new string(this.chars, kindStart, kindEnd - kindStart);
            string name = this.Trimmed(kindEnd, close);
            string label = name.Length == 0 ? kind : kind + " " + name;

            if (kind == "wifi" || kind == "broker" || kind == "device")
            {
                if (name.Length != 0)
                {
                    this.diagnostics.Error(this.lineNumber, label, string.Empty, "[" + kind + "] takes no name");
                    return;
                }

                ConfigSection first = this.FindSection(kind, null);
                if (first != null)
                {
                    this.diagnostics.Error(this.lineNumber, label, string.Empty, "section appears twice; first at line " + first.Line.ToString());
                    return;
                }

                this.Open(new ConfigSection(kind, null, this.lineNumber));
                return;
            }

            if (kind == "sensor" || kind == "light")
            {
                if (name.Length == 0)
                {
                    this.diagnostics.Error(this.lineNumber, label, string.Empty, "expected a name: [" + kind + " NAME]");
                    return;
                }

                if (!IsName(name))
                {
                    this.diagnostics.Error(this.lineNumber, label, string.Empty, "expected a name of 1 to " + MaxNameLength.ToString() + " letters, digits, '_' or '-', got \"" + name + "\"");
                    return;
                }

                ConfigSection first = this.FindSection("sensor", name);
                if (first == null)
                {
                    first = this.FindSection("light", name);
                }

                if (first != null)
                {
                    this.diagnostics.Error(this.lineNumber, label, string.Empty, "name \"" + name + "\" is already used by [" + first.Label + "] at line " + first.Line.ToString());
                    return;
                }

                this.Open(new ConfigSection(kind, name, this.lineNumber));
                return;
            }

            if (kind == "i2c")
            {
                // nanoFramework's I2C1 and I2C2 (DeviceFunction I2C1_DATA ... I2C2_CLOCK): the ESP32's two controllers
                if (name != "1" && name != "2")
                {
                    this.diagnostics.Error(this.lineNumber, label, string.Empty, "expected [i2c 1] or [i2c 2] (the ESP32 has two I2C buses), got \"" + label + "\"");
                    return;
                }

                ConfigSection first = this.FindSection(kind, name);
                if (first != null)
                {
                    this.diagnostics.Error(this.lineNumber, label, string.Empty, "section appears twice; first at line " + first.Line.ToString());
                    return;
                }

                this.Open(new ConfigSection(kind, name, this.lineNumber));
                return;
            }

            this.diagnostics.Error(this.lineNumber, label, string.Empty, "unknown section; expected [wifi], [broker], [device], [i2c N], [sensor NAME] or [light NAME]");
        }

        /// <summary>Longest sensor, light or device name; it ends up in client ids and discovery ids.</summary>
        public const int MaxNameLength = 32;

        /// <summary>A device, sensor or light name: it becomes a topic level and a Home Assistant object id ([a-zA-Z0-9_-]).</summary>
        public static bool IsName(string name)
        {
            if (name.Length == 0 || name.Length > MaxNameLength)
            {
                return false;
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsKey(string key)
        {
            for (int i = 0; i < key.Length; i++)
            {
                char c = key[i];
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsSpace(char c) => c == ' ' || c == '\t';

        private void Open(ConfigSection section)
        {
            this.sections.Add(section);
            this.current = section;
            this.skipping = false;
        }

        private ConfigSection FindSection(string kind, string name)
        {
            for (int i = 0; i < this.sections.Count; i++)
            {
                ConfigSection section = (ConfigSection)this.sections[i];
                if (section.Kind == kind && section.Name == name)
                {
                    return section;
                }
            }

            return null;
        }

        private bool HasControlCharacter()
        {
            for (int i = 0; i < this.length; i++)
            {
                char c = this.chars[i];
                if ((c < ' ' && c != '\t') || c == (char)0x7F)
                {
                    const string digits = "0123456789ABCDEF";
                    string code = "U+00" + digits[c >> 4].ToString() + digits[c & 0xF].ToString();
                    this.Error(string.Empty, "control character " + code + " at column " + (i + 1).ToString() + "; only text and tabs are allowed");
                    return true;
                }
            }

            return false;
        }

        private int SkipSpace(int from)
        {
            while (from < this.length && IsSpace(this.chars[from]))
            {
                from++;
            }

            return from;
        }

        private string Trimmed(int start, int end)
        {
            while (start < end && IsSpace(this.chars[start]))
            {
                start++;
            }

            while (end > start && IsSpace(this.chars[end - 1]))
            {
                end--;
            }

            return new string(this.chars, start, end - start);
        }

        private void Error(string field, string message)
        {
            string section = this.current == null ? string.Empty : this.current.Label;
            this.diagnostics.Error(this.lineNumber, section, field, message);
        }
    }
}
