using System;
using HomeNode.App.Config;

namespace HomeNode.Tests.App
{
    /// <summary>Every kind of configuration error, with the line, section and field it is reported on.</summary>
    public static class ConfigParserErrorTests
    {
        // ConfigText.Minimal is lines 1-5; what a test appends starts at line 6.
        private static string M => ConfigText.Minimal;

        public static void ExampleMessageFromTheSpecification()
        {
            ConfigError error = ConfigText.OnlyError(M + "[sensor kitchen]\ntype = dht22\npin = 4\nperiod = fast\necho_pin = 5\n", 9, "sensor kitchen", "period", "expected");
            Check.Equal("line 9 [sensor kitchen] period: expected a whole number of seconds from 2 to 86400, got \"fast\"", error.ToString(), "text");
        }

        public static void Dht22PeriodBelowTwoSeconds()
        {
            ConfigText.OnlyError(M + "[sensor k]\ntype = dht22\npin = 4\nperiod = 1\necho_pin = 5\n", 9, "sensor k", "period", "from 2 to 86400, got \"1\"");
        }

        public static void UnknownSection()
        {
            ConfigText.OnlyError(M + "[mqtt]\nhost = x\n", 6, "mqtt", string.Empty, "unknown section; expected [wifi], [broker], [device], [i2c N], [sensor NAME] or [light NAME]");
        }

        public static void UnknownKey()
        {
            ConfigError error = ConfigText.OnlyError(M + "[light a]\npin = 2\ncolour = red\n", 8, "light a", "colour", "unknown key");
            Check.True(error.Message.IndexOf("pin, active_low, topic, power_on") >= 0, "lists the keys it takes");
        }

        public static void UppercaseKeyIsNotAKey()
        {
            ConfigText.Error(M + "[light a]\nPin = 2\n", 7, "light a", "Pin", "lowercase");
        }

        public static void DuplicateKey()
        {
            ConfigText.OnlyError("[broker]\nhost = a\nhost = b\n[device]\nname = n\nbase_topic = t\n", 3, "broker", "host", "set twice; first set at line 2");
        }

        public static void DuplicateSection()
        {
            ConfigText.OnlyError(M + "[broker]\nhost = c\n", 6, "broker", string.Empty, "section appears twice; first at line 1");
        }

        public static void NamedSingletonSection()
        {
            ConfigText.OnlyError(M + "[wifi home]\nssid = x\n", 6, "wifi home", string.Empty, "takes no name");
        }

        public static void SensorWithoutName()
        {
            ConfigText.OnlyError(M + "[sensor]\ntype = dht22\n", 6, "sensor", string.Empty, "expected a name: [sensor NAME]");
        }

        public static void InvalidSectionName()
        {
            ConfigText.OnlyError(M + "[light a/b]\npin = 2\n", 6, "light a/b", string.Empty, "letters, digits, '_' or '-', got \"a/b\"");
        }

        public static void UnclosedHeaderAndTextAfterIt()
        {
            ConfigText.Error(M + "[light a\n", 6, string.Empty, string.Empty, "expected ] at the end");
            ConfigText.Error(M + "[light a] pin = 2\n", 6, string.Empty, string.Empty, "expected nothing but a comment after ]");
        }

        public static void KeyOutsideAnySection()
        {
            ConfigText.OnlyError("host = x\n" + M, 1, string.Empty, "host", "outside any section");
        }

        public static void LineThatIsNotKeyValue()
        {
            ConfigText.OnlyError(M + "just words\n", 6, "device", string.Empty, "expected key = value");
            ConfigText.OnlyError(M + " = 5\n", 6, "device", string.Empty, "expected a key before =");
        }

        public static void UnterminatedQuote()
        {
            ConfigText.OnlyError("[wifi]\nssid = \"abc\n" + M, 2, "wifi", "ssid", "closing \"");
        }

        public static void TextAfterClosingQuote()
        {
            ConfigText.OnlyError("[wifi]\nssid = \"abc\" d\n" + M, 2, "wifi", "ssid", "after the closing \"");
        }

        public static void HashGluedToAValue()
        {
            // and the key is not reported as missing on top of it
            ConfigText.OnlyError("[broker]\nhost = b\n[device]\nname = n\nbase_topic = a/#\n", 5, "device", "base_topic", "a # in a value starts a comment");
            ConfigText.OnlyError("[wifi]\nssid = x\npassword = abc#defgh\n" + M, 3, "wifi", "password", "put the value in quotes");
        }

        public static void MissingSections()
        {
            ConfigParseResult result = ConfigText.Parse(string.Empty);
            Check.True(result.Config == null, "no config");
            Check.Equal(2, result.Errors.Length, "errors");
            Check.Equal("[device]: section missing; it needs name and base_topic", result.Errors[0].ToString(), "device");
            Check.Equal("[broker]: section missing; it needs at least host", result.Errors[1].ToString(), "broker");
            Check.Equal(0, result.Errors[0].Line, "line 0: no line applies");
        }

        public static void MissingRequiredKeysAreReportedOnTheHeader()
        {
            ConfigParseResult result = ConfigText.Parse("[broker]\nport = 1\n[device]\n[sensor s]\n[light l]\n");
            Check.Equal(5, result.Errors.Length, "errors: " + ConfigText.List(result.Errors));
            ConfigText.Error("[broker]\nport = 1\n[device]\n[sensor s]\n[light l]\n", 1, "broker", "host", "missing; expected the broker's host name");
            ConfigText.Error("[broker]\nport = 1\n[device]\n[sensor s]\n[light l]\n", 3, "device", "name", "missing");
            ConfigText.Error("[broker]\nport = 1\n[device]\n[sensor s]\n[light l]\n", 3, "device", "base_topic", "missing");
            ConfigText.Error("[broker]\nport = 1\n[device]\n[sensor s]\n[light l]\n", 4, "sensor s", "type", "missing; expected dht22, bme280 or sht3x");
            ConfigText.Error("[broker]\nport = 1\n[device]\n[sensor s]\n[light l]\n", 5, "light l", "pin", "missing; expected a GPIO number");
        }

        public static void EmptyRequiredValue()
        {
            ConfigText.OnlyError("[broker]\nhost =\n[device]\nname = n\nbase_topic = t\n", 2, "broker", "host", "is empty");
        }

        public static void Dht22NeedsPin()
        {
            ConfigText.OnlyError(M + "[sensor d]\ntype = dht22\necho_pin = 5\n", 6, "sensor d", "pin", "missing");
        }

        public static void UnknownSensorType()
        {
            // pin is not reported as unknown: without a type it cannot be judged
            ConfigText.OnlyError(M + "[sensor d]\ntype = dht11\npin = 3\n", 7, "sensor d", "type", "expected dht22, bme280 or sht3x, got \"dht11\"");
        }

        public static void KeysOfTheOtherBus()
        {
            ConfigText.OnlyError(M + "[sensor d]\ntype = dht22\npin = 4\naddress = 0x76\necho_pin = 5\n", 9, "sensor d", "address", "not used by type dht22");
            ConfigText.OnlyError(M + "[sensor d]\ntype = dht22\npin = 4\ni2c_bus = 1\necho_pin = 5\n", 9, "sensor d", "i2c_bus", "not used by type dht22");
            ConfigText.OnlyError(M + "[sensor b]\ntype = bme280\npin = 4\n", 8, "sensor b", "pin", "not used by type bme280: a bme280 is on I2C");
            ConfigText.OnlyError(M + "[sensor b]\ntype = sht3x\necho_pin = 4\n", 8, "sensor b", "echo_pin", "not used by type sht3x");
        }

        public static void WrongI2cAddressForTheType()
        {
            ConfigText.OnlyError(M + "[sensor b]\ntype = bme280\naddress = 0x44\n", 8, "sensor b", "address", "expected 0x76 or 0x77");
            ConfigText.OnlyError(M + "[sensor b]\ntype = sht3x\naddress = 0x76\n", 8, "sensor b", "address", "expected 0x44 or 0x45");
            ConfigText.OnlyError(M + "[sensor b]\ntype = sht3x\naddress = 68\n", 8, "sensor b", "address", "got \"68\"");
        }

        public static void I2cBusOutOfRange()
        {
            ConfigText.OnlyError(M + "[sensor b]\ntype = bme280\ni2c_bus = 0\n", 8, "sensor b", "i2c_bus", "1 or 2 (the ESP32 has two)");
        }

        public static void EchoPinEqualToPin()
        {
            ConfigText.OnlyError(M + "[sensor d]\ntype = dht22\npin = 4\necho_pin = 4\n", 9, "sensor d", "echo_pin", "must differ from pin");
        }

        public static void DuplicateSensorAndLightNames()
        {
            ConfigText.OnlyError(M + "[sensor a]\ntype = sht3x\n[sensor a]\ntype = bme280\n", 8, "sensor a", string.Empty, "name \"a\" is already used by [sensor a] at line 6");
            ConfigText.OnlyError(M + "[sensor a]\ntype = sht3x\n[light a]\npin = 2\n", 8, "light a", string.Empty, "already used by [sensor a]");
        }

        public static void TwoLightsOnOnePin()
        {
            ConfigText.OnlyError(M + "[light a]\npin = 2\n[light b]\npin = 2\n", 9, "light b", "pin", "GPIO 2 is already used by [light a] pin at line 7");
        }

        public static void LightOnTheDhtEchoPin()
        {
            ConfigText.OnlyError(M + "[sensor d]\ntype = dht22\npin = 4\necho_pin = 5\n[light a]\npin = 5\n", 11, "light a", "pin", "GPIO 5 is already used by [sensor d] echo_pin at line 9");
        }

        public static void TwoI2cSensorsAtOneAddress()
        {
            // the second uses the default address, so the clash is reported on its header
            ConfigText.OnlyError(M + "[sensor a]\ntype = bme280\n[sensor b]\ntype = bme280\n", 8, "sensor b", "address", "I2C1 address 0x76 is already used by [sensor a]");
            ConfigText.Valid(M + "[sensor a]\ntype = bme280\n[sensor b]\ntype = bme280\ni2c_bus = 2\n[i2c 2]\nsda = 25\nscl = 26\n");
        }

        public static void TwoOnOneTopic()
        {
            ConfigText.OnlyError(M + "[sensor a]\ntype = sht3x\n[light b]\npin = 2\ntopic = home/hall/a\n", 10, "light b", "topic", "topic \"home/hall/a\" is already used by [sensor a] topic at line 6");
        }

        public static void InvalidTopics()
        {
            ConfigText.OnlyError("[broker]\nhost = b\n[device]\nname = n\nbase_topic = a/+/b\n", 5, "device", "base_topic", "wildcard '+'");
            ConfigText.OnlyError("[broker]\nhost = b\n[device]\nname = n\nbase_topic = \"a/#\"\n", 5, "device", "base_topic", "wildcard '#'");
            ConfigText.OnlyError("[broker]\nhost = b\n[device]\nname = n\nbase_topic = /a\n", 5, "device", "base_topic", "starts with '/'");
            ConfigText.OnlyError("[broker]\nhost = b\n[device]\nname = n\nbase_topic = a/\n", 5, "device", "base_topic", "ends with '/'");
            ConfigText.OnlyError("[broker]\nhost = b\n[device]\nname = n\nbase_topic = a//b\n", 5, "device", "base_topic", "empty level");
            ConfigText.OnlyError("[broker]\nhost = b\n[device]\nname = n\nbase_topic = $SYS/a\n", 5, "device", "base_topic", "starts with '$'");
            ConfigText.OnlyError(M + "[light a]\npin = 2\ntopic = x/\n", 8, "light a", "topic", "ends with '/'");
            ConfigText.OnlyError(M + "discovery_prefix = ha/+\n", 6, "device", "discovery_prefix", "wildcard");
        }

        public static void DeepTopicOnlyWarns()
        {
            // 7 slashes here plus the level the firmware adds below: 8, more than AWS IoT Core allows
            ConfigParseResult result = ConfigText.Parse(M + "[light a]\npin = 2\ntopic = a/b/c/d/e/f/g/h\n");
            Check.Equal(0, result.Errors.Length, "errors");
            Check.True(result.Config != null, "still valid");
            Check.Equal(1, result.Warnings.Length, "warnings");
            Check.Equal(8, result.Warnings[0].Line, "line");
            Check.Equal("topic", result.Warnings[0].Field, "field");
            Check.True(result.Warnings[0].Message.IndexOf("AWS IoT Core allows at most 7") >= 0, result.Warnings[0].Message);

            result = ConfigText.Parse(M + "[light a]\npin = 2\ntopic = a/b/c/d/e/f/g\n");
            Check.Equal(0, result.Warnings.Length, "6 + 1 slashes are fine");
        }

        public static void DeepDefaultTopicWarnsOnTheHeader()
        {
            ConfigParseResult result = ConfigText.Parse("[broker]\nhost = b\nprotocol = 3.1.1\n[device]\nname = n\nbase_topic = a/b/c/d/e/f/g\n[sensor s]\ntype = sht3x\n");
            Check.Equal(1, result.Warnings.Length, "warnings");
            Check.Equal(7, result.Warnings[0].Line, "header line");
            Check.Equal("sensor s", result.Warnings[0].Section, "section");
        }

        public static void BadUtf8()
        {
            // overlong '/' (C0 AF), a UTF-16 surrogate (ED A0 80), a cut-off sequence (E2 82), beyond U+10FFFF (F4 90 80 80), a stray continuation (80)
            Check.Equal(6, CheckBadUtf8(new byte[] { 0xC0, 0xAF }), "overlong");
            Check.Equal(6, CheckBadUtf8(new byte[] { 0xED, 0xA0, 0x80 }), "surrogate");
            Check.Equal(6, CheckBadUtf8(new byte[] { 0xE2, 0x82 }), "truncated");
            Check.Equal(6, CheckBadUtf8(new byte[] { 0xF4, 0x90, 0x80, 0x80 }), "above U+10FFFF");
            Check.Equal(6, CheckBadUtf8(new byte[] { 0x80 }), "continuation byte");
            Check.Equal(6, CheckBadUtf8(new byte[] { 0xE0, 0x80, 0x80 }), "overlong 3-byte");
        }

        public static void ControlCharacter()
        {
            // Built as bytes: a string cannot hold U+0000 on nanoCLR, a file on the board can.
            byte[] head = Utf8Text.Encode(M + "[light a]\npin = 2");
            byte[] bytes = new byte[head.Length + 2];
            Array.Copy(head, bytes, head.Length);
            bytes[head.Length] = 0x00;
            bytes[head.Length + 1] = (byte)'\n';
            ConfigText.Error(bytes, 7, "light a", string.Empty, "control character U+0000 at column 8");
            ConfigText.Error(M + "[light a]\npin = 2\u0001\n", 7, "light a", string.Empty, "control character U+0001 at column 8");
        }

        public static void BadNumbersAndBooleans()
        {
            ConfigText.OnlyError("[broker]\nhost = b\nport = 0\n[device]\nname = n\nbase_topic = t\n", 3, "broker", "port", "expected a TCP port from 1 to 65535, got \"0\"");
            ConfigText.OnlyError("[broker]\nhost = b\nport = -1\n[device]\nname = n\nbase_topic = t\n", 3, "broker", "port", "got \"-1\"");
            ConfigText.OnlyError("[broker]\nhost = b\nkeep_alive = 0\n[device]\nname = n\nbase_topic = t\n", 3, "broker", "keep_alive", "from 1 to 65535 (AWS IoT Core accepts 30 to 1200)");
            ConfigText.OnlyError("[broker]\nhost = b\nkeep_alive = 65536\n[device]\nname = n\nbase_topic = t\n", 3, "broker", "keep_alive", "got \"65536\"");
            ConfigText.OnlyError("[broker]\nhost = b\ntls = yes\n[device]\nname = n\nbase_topic = t\n", 3, "broker", "tls", "expected on, off, true or false, got \"yes\"");
            ConfigText.OnlyError("[broker]\nhost = b\nreconnect_max_delay = 3601\n[device]\nname = n\nbase_topic = t\n", 3, "broker", "reconnect_max_delay", "from 1 to 3600");
            ConfigText.OnlyError(M + "offline_queue = 1025\n", 6, "device", "offline_queue", "from 0 to 1024");
            ConfigText.OnlyError(M + "diagnostics_period = 86401\n", 6, "device", "diagnostics_period", "from 0 to 86400");
            ConfigText.OnlyError(M + "[sensor a]\ntype = sht3x\naverage = 0\n", 8, "sensor a", "average", "from 1 to 60");
            ConfigText.OnlyError(M + "[sensor a]\ntype = sht3x\nmin_change = -0.5\n", 8, "sensor a", "min_change", "got \"-0.5\"");
            ConfigText.OnlyError(M + "[sensor a]\ntype = sht3x\nmin_change = 1.\n", 8, "sensor a", "min_change", "got \"1.\"");
            ConfigText.OnlyError(M + "[sensor a]\ntype = sht3x\ndecimals = 5\n", 8, "sensor a", "decimals", "from 0 to 4");
            ConfigText.OnlyError(M + "[light a]\npin = 256\n", 7, "light a", "pin", "GPIO 256 does not exist on the ESP32");
            ConfigText.OnlyError(M + "[light a]\npin = 2\npower_on = last\n", 8, "light a", "power_on", "expected off, on or restore, got \"last\"");
        }

        public static void HeartbeatShorterThanPeriod()
        {
            ConfigText.OnlyError(M + "[sensor a]\ntype = sht3x\nperiod = 60\nheartbeat = 30\n", 9, "sensor a", "heartbeat", "expected 0 or at least period (60 s)");
        }

        public static void InvalidDeviceName()
        {
            ConfigText.OnlyError("[broker]\nhost = b\n[device]\nname = my node\nbase_topic = t\n", 4, "device", "name", "got \"my node\"");
        }

        public static void BrokerHostMistakes()
        {
            ConfigText.OnlyError("[broker]\nhost = mqtt://b\n[device]\nname = n\nbase_topic = t\n", 2, "broker", "host", "without a scheme");
            ConfigText.OnlyError("[broker]\nhost = b:1883\n[device]\nname = n\nbase_topic = t\n", 2, "broker", "host", "without a port");
            ConfigText.Valid("[broker]\nhost = fd00::1\n[device]\nname = n\nbase_topic = t\n");
        }

        public static void TlsFilesNeedTls()
        {
            ConfigText.OnlyError("[broker]\nhost = b\nca_cert = I:\\ca.pem\n[device]\nname = n\nbase_topic = t\n", 3, "broker", "ca_cert", "needs tls = on");
        }

        public static void TlsFileMustBeAPathOnTheBoard()
        {
            ConfigText.OnlyError("[broker]\nhost = b\ntls = on\nca_cert = ca.pem\n[device]\nname = n\nbase_topic = t\n", 4, "broker", "ca_cert", "a file path on the board such as I:\\ca.pem");
        }

        public static void ClientCertificateAndKeyGoTogether()
        {
            ConfigText.OnlyError("[broker]\nhost = b\ntls = on\nclient_cert = I:\\c.pem\n[device]\nname = n\nbase_topic = t\n", 4, "broker", "client_cert", "needs client_key");
            ConfigText.OnlyError("[broker]\nhost = b\ntls = on\nclient_key = I:\\c.key\n[device]\nname = n\nbase_topic = t\n", 4, "broker", "client_key", "needs client_cert");
        }

        public static void PasswordNeedsUsername()
        {
            ConfigText.OnlyError("[broker]\nhost = b\npassword = p\n[device]\nname = n\nbase_topic = t\n", 3, "broker", "password", "needs username");
        }

        public static void WifiMistakes()
        {
            ConfigText.OnlyError("[wifi]\npassword = longenough\n" + M, 1, "wifi", "ssid", "missing; expected the network name");
            ConfigText.OnlyError("[wifi]\nuse_stored = true\nssid = x\n" + M, 3, "wifi", "ssid", "not used with use_stored = true");
            ConfigText.OnlyError("[wifi]\nssid = 123456789012345678901234567890123\n" + M, 2, "wifi", "ssid", "at most 32 bytes");
        }

        public static void WifiPasswordErrorDoesNotRepeatThePassword()
        {
            ConfigError error = ConfigText.OnlyError("[wifi]\nssid = x\npassword = seven77\n" + M, 3, "wifi", "password", "8 to 63 printable ASCII characters");
            Check.True(error.Message.IndexOf("seven77") < 0, "the secret is not in the message");
            Check.True(error.Message.IndexOf("got 7 characters") >= 0, error.Message);
        }

        public static void AllErrorsAreReportedInLineOrder()
        {
            ConfigParseResult result = ConfigText.Parse(
                "[light b]\npin = 300\n" +
                "[broker]\nhost = b\nport = x\n" +
                "[device]\nname = n\nbase_topic = t\n" +
                "[sensor a]\ntype = sht3x\nperiod = 0\nbogus = 1\n");
            Check.Equal(4, result.Errors.Length, "errors: " + ConfigText.List(result.Errors));
            Check.Equal(2, result.Errors[0].Line, "first");
            Check.Equal(5, result.Errors[1].Line, "second");
            Check.Equal(11, result.Errors[2].Line, "third");
            Check.Equal(12, result.Errors[3].Line, "fourth");
        }

        public static void CallerBugsThrow()
        {
            Check.Throws(typeof(ArgumentNullException), delegate { ConfigParser.Parse(null, 0, 0); }, "null buffer");
            Check.Throws(typeof(ArgumentOutOfRangeException), delegate { ConfigParser.Parse(new byte[4], 2, 3); }, "range past the end");
            Check.Throws(typeof(ArgumentOutOfRangeException), delegate { ConfigParser.Parse(new byte[4], -1, 1); }, "negative offset");
        }

        // Puts the bad bytes in a comment on line 6 of a valid file, after "# x"; returns the line of the only error.
        private static int CheckBadUtf8(byte[] bad)
        {
            byte[] head = Utf8Text.Encode(M + "# x");
            byte[] bytes = new byte[head.Length + bad.Length + 1];
            Array.Copy(head, bytes, head.Length);
            Array.Copy(bad, 0, bytes, head.Length, bad.Length);
            bytes[bytes.Length - 1] = (byte)'\n';
            ConfigParseResult result = ConfigParser.Parse(bytes, 0, bytes.Length);
            Check.Equal(1, result.Errors.Length, "errors: " + ConfigText.List(result.Errors));
            Check.True(result.Errors[0].Message.IndexOf("invalid UTF-8 at byte 4 of the line") >= 0, result.Errors[0].Message);
            return result.Errors[0].Line;
        }
    }
}
