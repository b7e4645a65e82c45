using HomeNode.App.Config;

namespace HomeNode.Tests.App
{
    /// <summary>What a valid configuration file turns into: every field, every default, the syntax details.</summary>
    public static class ConfigParserTests
    {
        private const string Full =
            "[wifi]\n" +
            "ssid = HomeNet\n" +
            "password = hunter2hunter2\n" +
            "[broker]\n" +
            "host = 192.168.1.10\n" +
            "port = 8884\n" +
            "tls = on\n" +
            "ca_cert = I:\\ca.pem\n" +
            "client_cert = I:\\dev.pem\n" +
            "client_key = I:\\dev.key\n" +
            "username = alice\n" +
            "password = pw\n" +
            "client_id = kitchen-01\n" +
            "keep_alive = 1200\n" +
            "protocol = 3.1.1\n" +
            "clean_session = true\n" +
            "reconnect_max_delay = 300\n" +
            "profile = aws-iot\n" +
            "[device]\n" +
            "name = kitchen\n" +
            "base_topic = ourhome/firstfloor/kitchen\n" +
            "diagnostics_period = 0\n" +
            "offline_queue = 16\n" +
            "discovery = off\n" +
            "discovery_prefix = ha/disc\n" +
            "[sensor climate]\n" +
            "type = dht22\n" +
            "pin = 14\n" +
            "echo_pin = 13\n" +
            "topic = ourhome/firstfloor/kitchen/air\n" +
            "period = 2\n" +
            "average = 5\n" +
            "min_change = 0.25\n" +
            "heartbeat = 600\n" +
            "decimals = 2\n" +
            "[i2c 2]\n" +
            "sda = 25\n" +
            "scl = 33\n" +
            "[sensor pantry]\n" +
            "type = bme280\n" +
            "i2c_bus = 2\n" +
            "address = 0x77\n" +
            "[sensor window]\n" +
            "type = sht3x\n" +
            "address = 0x45\n" +
            "decimals = 0\n" +
            "[light ceiling]\n" +
            "pin = 26\n" +
            "active_low = true\n" +
            "topic = ourhome/firstfloor/kitchen/lamp\n" +
            "power_on = restore\n" +
            "[light counter]\n" +
            "pin = 27\n" +
            "power_on = on\n";

        public static void EveryWifiAndBrokerFieldIsParsed()
        {
            HomeNodeConfig config = ConfigText.Valid(Full);

            Check.False(config.Wifi.UseStored, "use_stored");
            Check.Equal("HomeNet", config.Wifi.Ssid, "ssid");
            Check.Equal("hunter2hunter2", config.Wifi.Password, "wifi password");

            BrokerSettings broker = config.Broker;
            Check.Equal("192.168.1.10", broker.Host, "host");
            Check.Equal(8884, broker.Port, "port");
            Check.True(broker.UseTls, "tls");
            Check.Equal("I:\\ca.pem", broker.CaCertPath, "ca_cert");
            Check.Equal("I:\\dev.pem", broker.ClientCertPath, "client_cert");
            Check.Equal("I:\\dev.key", broker.ClientKeyPath, "client_key");
            Check.Equal("alice", broker.Username, "username");
            Check.Equal("pw", broker.Password, "password");
            Check.Equal("kitchen-01", broker.ClientId, "client_id");
            Check.Equal(1200, broker.KeepAliveSeconds, "keep_alive");
            Check.True(broker.CleanSession, "clean_session");
            Check.Equal((int)HomeNode.Mqtt.MqttProtocolVersion.V311, (int)broker.Protocol, "protocol");
            Check.Equal(300, broker.ReconnectMaxDelaySeconds, "reconnect_max_delay");
            Check.Equal("aws-iot", broker.Profile, "profile");
        }

        public static void EveryDeviceFieldIsParsed()
        {
            DeviceSettings device = ConfigText.Valid(Full).Device;
            Check.Equal("kitchen", device.Name, "name");
            Check.Equal("ourhome/firstfloor/kitchen", device.BaseTopic, "base_topic");
            Check.Equal(0, device.DiagnosticsPeriodSeconds, "diagnostics_period");
            Check.Equal(16, device.OfflineQueue, "offline_queue");
            Check.False(device.Discovery, "discovery");
            Check.Equal("ha/disc", device.DiscoveryPrefix, "discovery_prefix");
        }

        public static void EverySensorFieldIsParsed()
        {
            SensorSettings[] sensors = ConfigText.Valid(Full).Sensors;
            Check.Equal(3, sensors.Length, "sensors");

            SensorSettings dht = sensors[0];
            Check.Equal("climate", dht.Name, "dht name");
            Check.Equal((int)SensorType.Dht22, (int)dht.Type, "dht type");
            Check.Equal(14, dht.Pin, "dht pin");
            Check.Equal(13, dht.EchoPin, "dht echo_pin");
            Check.Equal(SensorSettings.NoPin, dht.SdaPin, "a dht22 has no I2C pins");
            Check.Equal("ourhome/firstfloor/kitchen/air", dht.Topic, "dht topic");
            Check.Equal(2, dht.PeriodSeconds, "dht period");
            Check.Equal(5, dht.Average, "dht average");
            Check.Equal(0.25, dht.MinChange, 0, "dht min_change");
            Check.Equal(600, dht.HeartbeatSeconds, "dht heartbeat");
            Check.Equal(2, dht.Decimals, "dht decimals");

            SensorSettings bme = sensors[1];
            Check.Equal("pantry", bme.Name, "bme name");
            Check.Equal((int)SensorType.Bme280, (int)bme.Type, "bme type");
            Check.Equal(2, bme.I2cBus, "bme i2c_bus");
            Check.Equal(0x77, bme.Address, "bme address");
            Check.Equal(SensorSettings.NoPin, bme.Pin, "bme has no pin");
            Check.Equal(25, bme.SdaPin, "bus 2 sda from [i2c 2]");
            Check.Equal(33, bme.SclPin, "bus 2 scl from [i2c 2]");

            SensorSettings sht = sensors[2];
            Check.Equal((int)SensorType.Sht3x, (int)sht.Type, "sht type");
            Check.Equal(0x45, sht.Address, "sht address");
            Check.Equal(0, sht.Decimals, "sht decimals");
            Check.Equal(21, sht.SdaPin, "bus 1 without [i2c 1]: GPIO 21");
            Check.Equal(22, sht.SclPin, "bus 1 without [i2c 1]: GPIO 22");
        }

        public static void EveryLightFieldIsParsed()
        {
            LightSettings[] lights = ConfigText.Valid(Full).Lights;
            Check.Equal(2, lights.Length, "lights");
            Check.Equal("ceiling", lights[0].Name, "name");
            Check.Equal(26, lights[0].Pin, "pin");
            Check.True(lights[0].ActiveLow, "active_low");
            Check.Equal("ourhome/firstfloor/kitchen/lamp", lights[0].Topic, "topic");
            Check.Equal((int)PowerOnState.Restore, (int)lights[0].PowerOn, "power_on restore");
            Check.Equal((int)PowerOnState.On, (int)lights[1].PowerOn, "power_on on");
        }

        public static void MinimalFileGetsEveryDefault()
        {
            HomeNodeConfig config = ConfigText.Valid(ConfigText.Minimal);
            Check.True(config.Wifi == null, "no [wifi]: wired board");
            Check.Equal(0, config.Sensors.Length, "no sensors");
            Check.Equal(0, config.Lights.Length, "no lights");

            BrokerSettings broker = config.Broker;
            Check.Equal(1883, broker.Port, "port");
            Check.False(broker.UseTls, "tls");
            Check.True(broker.CaCertPath == null, "ca_cert");
            Check.True(broker.ClientCertPath == null, "client_cert");
            Check.True(broker.ClientKeyPath == null, "client_key");
            Check.True(broker.Username == null, "username");
            Check.True(broker.Password == null, "password");
            Check.Equal("homenode-node1", broker.ClientId, "client_id derived from the device name");
            Check.Equal(60, broker.KeepAliveSeconds, "keep_alive");
            Check.False(broker.CleanSession, "clean_session");
            Check.Equal((int)HomeNode.Mqtt.MqttProtocolVersion.V500, (int)broker.Protocol, "protocol: 5");
            Check.Equal(86400, broker.SessionExpirySeconds, "session_expiry: a day");
            Check.Equal(60, broker.ReconnectMaxDelaySeconds, "reconnect_max_delay");
            Check.True(broker.Profile == null, "profile: none");

            DeviceSettings device = config.Device;
            Check.Equal(60, device.DiagnosticsPeriodSeconds, "diagnostics_period");
            Check.Equal(64, device.OfflineQueue, "offline_queue");
            Check.True(device.Discovery, "discovery");
            Check.Equal("homeassistant", device.DiscoveryPrefix, "discovery_prefix");
        }

        public static void SensorAndLightDefaults()
        {
            HomeNodeConfig config = ConfigText.Valid(ConfigText.Minimal +
                "[sensor a]\ntype = dht22\npin = 4\necho_pin = 34\n" +
                "[sensor b]\ntype = bme280\n" +
                "[sensor c]\ntype = sht3x\n" +
                "[light d]\npin = 5\n");

            SensorSettings dht = config.Sensors[0];
            Check.Equal(34, dht.EchoPin, "echo_pin: an input-only GPIO is fine for the RMT receiver");
            Check.Equal(0, dht.Address, "dht has no address");
            Check.Equal("home/hall/a", dht.Topic, "topic = base_topic/NAME");
            Check.Equal(30, dht.PeriodSeconds, "period");
            Check.Equal(1, dht.Average, "average");
            Check.Equal(0, dht.MinChange, 0, "min_change");
            Check.Equal(0, dht.HeartbeatSeconds, "heartbeat");
            Check.Equal(1, dht.Decimals, "decimals");

            Check.Equal(1, config.Sensors[1].I2cBus, "i2c_bus");
            Check.Equal(21, config.Sensors[1].SdaPin, "default SDA");
            Check.Equal(22, config.Sensors[1].SclPin, "default SCL");
            Check.Equal(0x76, config.Sensors[1].Address, "bme280 address");
            Check.Equal(0x44, config.Sensors[2].Address, "sht3x address");
            Check.Equal("home/hall/c", config.Sensors[2].Topic, "sht3x topic");

            LightSettings light = config.Lights[0];
            Check.False(light.ActiveLow, "active_low");
            Check.Equal("home/hall/d", light.Topic, "light topic");
            Check.Equal((int)PowerOnState.Off, (int)light.PowerOn, "power_on");
        }

        public static void TlsChangesTheDefaultPort()
        {
            HomeNodeConfig config = ConfigText.Valid("[broker]\nhost = b\ntls = true\n[device]\nname = n\nbase_topic = t\n");
            Check.True(config.Broker.UseTls, "tls");
            Check.Equal(8883, config.Broker.Port, "port");
        }

        public static void UseStoredWifi()
        {
            HomeNodeConfig config = ConfigText.Valid("[wifi]\nuse_stored = true\n" + ConfigText.Minimal);
            Check.True(config.Wifi.UseStored, "use_stored");
            Check.True(config.Wifi.Ssid == null, "no ssid");
        }

        public static void OpenNetworkHasEmptyPassword()
        {
            HomeNodeConfig config = ConfigText.Valid("[wifi]\nssid = Cafe\n" + ConfigText.Minimal);
            Check.Equal(string.Empty, config.Wifi.Password, "no password");

            config = ConfigText.Valid("[wifi]\nssid = Cafe\npassword =\n" + ConfigText.Minimal);
            Check.Equal(string.Empty, config.Wifi.Password, "empty password");
        }

        public static void WifiPskAsSixtyFourHexDigits()
        {
            string psk = "0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef";
            HomeNodeConfig config = ConfigText.Valid("[wifi]\nssid = x\npassword = " + psk + "\n" + ConfigText.Minimal);
            Check.Equal(psk, config.Wifi.Password, "psk");
        }

        public static void QuotedValuesKeepBlanksHashesAndEscapes()
        {
            HomeNodeConfig config = ConfigText.Valid(
                "[wifi]\n" +
                "ssid = \"  my net  \"\n" +
                "password = \"pa#s \\\"w\\\\d\" # comment after\n" +
                "[broker]\n" +
                "host = b\n" +
                "tls = on\n" +
                "ca_cert = \"I:\\ca.pem\"\n" +
                "[device]\nname = n\nbase_topic = t\n");
            Check.Equal("  my net  ", config.Wifi.Ssid, "blanks kept");
            Check.Equal("pa#s \"w\\d", config.Wifi.Password, "# kept, \\\" and \\\\ unescaped");
            Check.Equal("I:\\ca.pem", config.Broker.CaCertPath, "other backslashes kept");
        }

        public static void CommentsBlankLinesAndInlineComments()
        {
            HomeNodeConfig config = ConfigText.Valid(
                "# comment\n" +
                "; also a comment\n" +
                "\n" +
                "   \t\n" +
                "[broker]   # header comment\n" +
                "  host   =   b.lan   # trailing comment\n" +
                "\tport\t=\t1884\n" +
                "[device]\n" +
                "name = n\n" +
                "base_topic = t\n" +
                "   # indented comment\n");
            Check.Equal("b.lan", config.Broker.Host, "trimmed, comment dropped");
            Check.Equal(1884, config.Broker.Port, "tabs are blanks");
        }

        public static void CrLfAndByteOrderMark()
        {
            byte[] text = Utf8Text.Encode("\uFEFF[broker]\r\nhost = b\r\n[device]\r\nname = n\r\nbase_topic = t\r\n");
            Check.Equal(0xEF, text[0], "the encoder wrote a BOM");
            ConfigParseResult result = ConfigParser.Parse(text, 0, text.Length);
            Check.Equal(0, result.Errors.Length, "errors");
            Check.Equal("b", result.Config.Broker.Host, "no \\r in values");
            Check.Equal("t", result.Config.Device.BaseTopic, "last line");
        }

        public static void NoNewlineAtTheEnd()
        {
            HomeNodeConfig config = ConfigText.Valid("[broker]\nhost = b\n[device]\nname = n\nbase_topic = a/b");
            Check.Equal("a/b", config.Device.BaseTopic, "last line without newline");
        }

        public static void MultiByteUtf8IsDecoded()
        {
            // 2-, 3- and 4-byte sequences: é U+00E9, ☕ U+2615, 𝄞 U+1D11E (a surrogate pair in UTF-16)
            HomeNodeConfig config = ConfigText.Valid("[wifi]\nssid = Caf\u00E9 \u2615 \uD834\uDD1E\n" + ConfigText.Minimal);
            Check.Equal("Caf\u00E9 \u2615 \uD834\uDD1E", config.Wifi.Ssid, "ssid");
        }

        public static void KnownUtf8BytesAreDecoded()
        {
            // "ssid = é" with é written as the bytes C3 A9 (RFC 3629 §3)
            byte[] bytes = Utf8Text.Encode("[wifi]\nssid = xx\n" + ConfigText.Minimal);
            bytes[14] = 0xC3;
            bytes[15] = 0xA9;
            Check.Equal("\u00E9", ConfigParser.Parse(bytes, 0, bytes.Length).Config.Wifi.Ssid, "C3 A9");
        }

        public static void SsidOfThirtyTwoBytesIsAccepted()
        {
            // 16 two-byte characters: 32 bytes, the IEEE 802.11 limit
            string ssid = "\u00E9\u00E9\u00E9\u00E9\u00E9\u00E9\u00E9\u00E9\u00E9\u00E9\u00E9\u00E9\u00E9\u00E9\u00E9\u00E9";
            Check.Equal(ssid, ConfigText.Valid("[wifi]\nssid = " + ssid + "\n" + ConfigText.Minimal).Wifi.Ssid, "ssid");
        }

        public static void KeywordsAreCaseInsensitive()
        {
            HomeNodeConfig config = ConfigText.Valid(ConfigText.Minimal +
                "[sensor a]\ntype = BME280\n[light b]\npin = 2\nactive_low = ON\npower_on = Restore\n");
            Check.Equal((int)SensorType.Bme280, (int)config.Sensors[0].Type, "type");
            Check.True(config.Lights[0].ActiveLow, "boolean");
            Check.Equal((int)PowerOnState.Restore, (int)config.Lights[0].PowerOn, "power_on");
        }

        public static void EmptyOptionalValueMeansNotSet()
        {
            HomeNodeConfig config = ConfigText.Valid("[broker]\nhost = b\nusername =\nclient_id =\n[device]\nname = n\nbase_topic = t\n");
            Check.True(config.Broker.Username == null, "username");
            Check.Equal("homenode-n", config.Broker.ClientId, "client_id falls back to the derived one");
        }

        public static void SectionsInAnyOrder()
        {
            HomeNodeConfig config = ConfigText.Valid("[light l]\npin = 4\n[device]\nname = n\nbase_topic = x/y\n[broker]\nhost = b\n");
            Check.Equal("x/y/l", config.Lights[0].Topic, "default topic uses a base_topic set further down");
        }

        public static void ParsesOnlyTheGivenRange()
        {
            byte[] inner = Utf8Text.Encode(ConfigText.Minimal);
            byte[] buffer = new byte[inner.Length + 10];
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = 0xFF;
            }

            for (int i = 0; i < inner.Length; i++)
            {
                buffer[5 + i] = inner[i];
            }

            ConfigParseResult result = ConfigParser.Parse(buffer, 5, inner.Length);
            Check.Equal(0, result.Errors.Length, "the 0xFF around it is not read");
        }

        public static void HeartbeatEqualToPeriodAndBoundaries()
        {
            HomeNodeConfig config = ConfigText.Valid(ConfigText.Minimal +
                "[sensor a]\ntype = sht3x\nperiod = 1\nheartbeat = 1\naverage = 60\ndecimals = 4\nmin_change = 100000\n" +
                "[light b]\npin = 0\n[light c]\npin = 33\n");
            Check.Equal(1, config.Sensors[0].PeriodSeconds, "period 1 for I2C sensors");
            Check.Equal(100000, config.Sensors[0].MinChange, 0, "min_change");
            Check.Equal(33, config.Lights[1].Pin, "GPIO 33, the highest that can drive a light");
        }

        public static void ErrorToStringIsOneLine()
        {
            ConfigError error = new ConfigError(12, "sensor kitchen", "period", "expected a whole number of seconds from 2 to 86400, got \"fast\"");
            Check.Equal("line 12 [sensor kitchen] period: expected a whole number of seconds from 2 to 86400, got \"fast\"", error.ToString(), "with field");
            Check.Equal("line 3 [wifi]: oops", new ConfigError(3, "wifi", string.Empty, "oops").ToString(), "no field");
            Check.Equal("line 1 stray: oops", new ConfigError(1, string.Empty, "stray", "oops").ToString(), "no section");
            Check.Equal("[device]: section missing", new ConfigError(0, "device", null, "section missing").ToString(), "no line");
        }
    }
}
