namespace HomeNode.App.Config
{
    /// <summary>
    /// Reads the typed values of one section and reports each bad one as
    /// <c>expected &lt;what&gt;, got "&lt;value&gt;"</c>. Every key read is marked used; <see cref="RejectUnused"/>
    /// reports the rest as unknown.
    /// </summary>
    internal sealed class ConfigSectionReader
    {
        private readonly ConfigSection section;
        private readonly ConfigDiagnostics diagnostics;

        public ConfigSectionReader(ConfigSection section, ConfigDiagnostics diagnostics)
        {
            this.section = section;
            this.diagnostics = diagnostics;
        }

        public ConfigSection Section => this.section;

        /// <summary>The entry of <paramref name="key"/>, marked used; null when the key is absent.</summary>
        public ConfigEntry Take(string key)
        {
            ConfigEntry entry = this.section.Find(key);
            if (entry != null)
            {
                entry.Used = true;
            }

            return entry;
        }

        public void Fail(ConfigEntry entry, string message)
        {
            this.diagnostics.Error(entry.Line, this.section.Label, entry.Key, message);
        }

        public void Expected(ConfigEntry entry, string expectation)
        {
            this.Fail(entry, "expected " + expectation + ", got \"" + entry.Value + "\"");
        }

        /// <summary>For secrets: says what was wrong without repeating the value into logs.</summary>
        public void ExpectedSecret(ConfigEntry entry, string expectation)
        {
            this.Fail(entry, "expected " + expectation + ", got " + entry.Value.Length.ToString() + " characters");
        }

        /// <summary>A required key that is absent; reported on the section's header line.</summary>
        public void Missing(string key, string expectation)
        {
            if (this.section.IsMalformed(key))
            {
                return;
            }

            this.diagnostics.Error(this.section.Line, this.section.Label, key, "missing; expected " + expectation);
        }

        public void Warn(ConfigEntry entry, string key, string message)
        {
            int line = entry == null ? this.section.Line : entry.Line;
            this.diagnostics.Warning(line, this.section.Label, key, message);
        }

        /// <summary>Line of <paramref name="key"/>, or of the header when the key is absent (a default applies).</summary>
        public int LineOf(string key)
        {
            ConfigEntry entry = this.section.Find(key);
            return entry == null ? this.section.Line : entry.Line;
        }

        /// <summary>The value, or null when absent or empty (an empty value means "not set").</summary>
        public string Text(string key)
        {
            ConfigEntry entry = this.Take(key);
            return entry == null || entry.Value.Length == 0 ? null : entry.Value;
        }

        public int Int(string key, int defaultValue, int min, int max, string expectation)
        {
            ConfigEntry entry = this.Take(key);
            if (entry == null)
            {
                return defaultValue;
            }

            int value = ParseWhole(entry.Value);
            if (value < min || value > max)
            {
                this.Expected(entry, expectation);
                return defaultValue;
            }

            return value;
        }

        /// <summary>A required whole number; <paramref name="invalid"/> when absent or bad (already reported).</summary>
        public int RequiredInt(string key, int min, int max, string expectation, int invalid)
        {
            ConfigEntry entry = this.Take(key);
            if (entry == null)
            {
                this.Missing(key, expectation);
                return invalid;
            }

            int value = ParseWhole(entry.Value);
            if (value < min || value > max)
            {
                this.Expected(entry, expectation);
                return invalid;
            }

            return value;
        }

        /// <summary>
        /// A GPIO number the ESP32 has and that can do what the key needs (<see cref="Esp32Gpio"/>);
        /// <see cref="SensorSettings.NoPin"/> when absent or bad (reported, or reported missing when
        /// <paramref name="missing"/> is not null: what was expected).
        /// </summary>
        /// <param name="output">The pin drives a line (a light, a DHT22 data line, I2C): not one of the input-only GPIOs.</param>
        /// <param name="pulledUp">The line has a pull-up, so GPIO 12 would be high at reset: warned about.</param>
        public int Gpio(string key, string missing, bool output, bool pulledUp)
        {
            ConfigEntry entry = this.Take(key);
            if (entry == null)
            {
                if (missing != null)
                {
                    this.Missing(key, missing);
                }

                return SensorSettings.NoPin;
            }

            int value = ParseWhole(entry.Value);
            if (value < 0)
            {
                this.Expected(entry, "a GPIO number (" + Esp32Gpio.Numbers + ")");
                return SensorSettings.NoPin;
            }

            string problem = Esp32Gpio.Problem(value, output);
            if (problem != null)
            {
                this.Fail(entry, "GPIO " + value.ToString() + " " + problem);
                return SensorSettings.NoPin;
            }

            if (pulledUp && value == Esp32Gpio.FlashVoltageStrap)
            {
                this.Warn(entry, key, "GPIO 12 is a strapping pin: the pull-up on this line holds it high at reset, which selects 1.8 V flash, and most ESP32 modules then do not start; prefer another GPIO");
            }

            return value;
        }

        public bool Bool(string key, bool defaultValue)
        {
            ConfigEntry entry = this.Take(key);
            if (entry == null)
            {
                return defaultValue;
            }

            string value = LowerAscii(entry.Value);
            if (value == "on" || value == "true")
            {
                return true;
            }

            if (value == "off" || value == "false")
            {
                return false;
            }

            this.Expected(entry, "on, off, true or false");
            return defaultValue;
        }

        /// <summary>A number with an optional fraction (<c>0.5</c>), no sign or exponent.</summary>
        public double Decimal(string key, double defaultValue, double max, string expectation)
        {
            ConfigEntry entry = this.Take(key);
            if (entry == null)
            {
                return defaultValue;
            }

            double value = ParseDecimal(entry.Value);
            if (value < 0 || value > max)
            {
                this.Expected(entry, expectation);
                return defaultValue;
            }

            return value;
        }

        /// <summary>Reports every entry no builder read as an unknown key.</summary>
        public void RejectUnused(string knownKeys)
        {
            for (int i = 0; i < this.section.Count; i++)
            {
                ConfigEntry entry = this.section[i];
                if (!entry.Used)
                {
                    entry.Used = true;
                    string name = this.section.Name == null ? string.Empty : (this.section.Kind == "i2c" ? " N" : " NAME");
                    this.Fail(entry, "unknown key; [" + this.section.Kind + name + "] takes " + knownKeys);
                }
            }
        }

        /// <summary>Decimal digits only, at most 9 of them; -1 otherwise.</summary>
        public static int ParseWhole(string text)
        {
            if (text.Length == 0 || text.Length > 9)
            {
                return -1;
            }

            int value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                value = (value * 10) + (c - '0');
            }

            return value;
        }

        /// <summary><c>0x</c> and 1 or 2 hex digits; -1 otherwise.</summary>
        public static int ParseHexByte(string text)
        {
            if (text.Length < 3 || text.Length > 4 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
            {
                return -1;
            }

            int value = 0;
            for (int i = 2; i < text.Length; i++)
            {
                int digit = HexDigit(text[i]);
                if (digit < 0)
                {
                    return -1;
                }

                value = (value << 4) | digit;
            }

            return value;
        }

        public static int HexDigit(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }

        /// <summary>Digits with an optional '.' and more digits, at most 15 digits in all (exact in a double); -1 otherwise.</summary>
        public static double ParseDecimal(string text)
        {
            long digits = 0;
            int digitCount = 0;
            long scale = 1;
            bool point = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '.' && !point)
                {
                    point = true;
                    continue;
                }

                if (c < '0' || c > '9' || ++digitCount > 15)
                {
                    return -1;
                }

                digits = (digits * 10) + (c - '0');
                if (point)
                {
                    scale *= 10;
                }
            }

            if (digitCount == 0 || text[text.Length - 1] == '.')
            {
                return -1;
            }

            // one correctly rounded division, so "0.1" gives the double nearest 0.1
            return (double)digits / scale;
        }

        public static string LowerAscii(string text)
        {
            char[] lower = null;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c >= 'A' && c <= 'Z')
                {
                    if (lower == null)
                    {
                        lower = text.ToCharArray();
                    }

                    lower[i] = (char)(c + ('a' - 'A'));
                }
            }

            return lower == null ? text : new string(lower);
        }
    }
}
