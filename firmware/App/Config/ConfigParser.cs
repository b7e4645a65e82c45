using System;
using System.Collections;

namespace HomeNode.App.Config
{
    /// <summary>
    /// Parses the board's configuration file (UTF-8 text, INI style) into a <see cref="HomeNodeConfig"/>, reporting
    /// every error found rather than the first. Runs once at start-up, so it may allocate.
    /// </summary>
    /// <remarks>
    /// <para>Syntax. A line is blank, a comment (first non-blank character <c>#</c> or <c>;</c>), a header
    /// <c>[section]</c>, or <c>key = value</c>. Keys are lowercase. An unquoted value is trimmed and ends at a
    /// <c>#</c> that follows a blank (an inline comment); a <c>#</c> glued to the value is an error, so a password
    /// is never cut short silently. A value in <c>"..."</c> keeps its blanks and <c>#</c>; inside it <c>\"</c> is a
    /// quote and <c>\\</c> a backslash, any other backslash stays as it is (<c>"I:\ca.pem"</c>). An empty optional
    /// value means "not set". Booleans are <c>on</c>, <c>off</c>, <c>true</c>, <c>false</c>. A leading UTF-8 byte
    /// order mark and CRLF line ends are accepted.</para>
    /// <para>Sections and defaults (firmware/config.example.ini shows all of them):</para>
    /// <list type="bullet">
    /// <item><c>[wifi]</c> (optional; absent on a wired board): <c>ssid</c> (1-32 bytes) and <c>password</c>
    /// (WPA2 passphrase of 8-63 printable ASCII characters or 64 hex digits; empty or absent = open network), or
    /// <c>use_stored = true</c> to use the Wi-Fi settings already stored on the board.</item>
    /// <item><c>[broker]</c> (required): <c>host</c> (required), <c>tls</c> = off, <c>port</c> = 1883, or 8883 with
    /// TLS, <c>ca_cert</c>, <c>client_cert</c>, <c>client_key</c> (paths on the board such as <c>I:\ca.pem</c>; need
    /// TLS; the certificate and key go together; without <c>ca_cert</c> the CA stored with the network settings is
    /// used), <c>username</c>, <c>password</c> (needs username), <c>client_id</c> = <c>homenode-</c> + device name,
    /// <c>keep_alive</c> = 60 s (1-65535; AWS IoT Core accepts 30-1200), <c>protocol</c> = 5 (or 3.1.1),
    /// <c>session_expiry</c> = 86400 s (protocol 5 only; 0-4294967295), <c>clean_session</c> = false (protocol 3.1.1 only),
    /// <c>reconnect_max_delay</c> = 60 s (1-3600), <c>transport</c> = tcp or ws (MQTT over WebSockets; wss with TLS;
    /// then port = 80, or 443 with TLS), <c>path</c> = /mqtt (ws only), <c>profile</c> (none, or <c>aws-iot</c>: also
    /// AWS IoT Core's limits, <see cref="BrokerProfileCheck"/>).</item>
    /// <item><c>[device]</c> (required): <c>name</c> (required; 1-32 of A-Z a-z 0-9 _ -), <c>base_topic</c>
    /// (required), <c>diagnostics_period</c> = 60 s (0 = off, up to 86400), <c>offline_queue</c> = 64 readings
    /// (0-1024), <c>discovery</c> = on, <c>discovery_prefix</c> = homeassistant (ASCII).</item>
    /// <item><c>[i2c N]</c> (N = 1 or 2; optional): <c>sda</c>, <c>scl</c> (both required), the bus's GPIOs. Bus 1
    /// without it uses GPIO 21 and 22; bus 2 needs it (<see cref="I2cBusTable"/>).</item>
    /// <item><c>[sensor NAME]</c>: <c>type</c> (required: dht22, bme280, sht3x). dht22: <c>pin</c> (required; the
    /// GPIO that drives the data line) and <c>echo_pin</c> (required; the GPIO whose RMT receiver reads the same
    /// line: Iot.Device.DHTxx.Esp32 takes two pins). bme280/sht3x: <c>i2c_bus</c> = 1 (1-2), <c>address</c> = 0x76
    /// (bme280, or 0x77) / 0x44 (sht3x, or 0x45). All: <c>topic</c> = base_topic/NAME, <c>period</c> = 30 s
    /// (1-86400; dht22 at least 2), <c>average</c> = 1 sample (1-60, 1 = off), <c>min_change</c> = 0 (in the
    /// measurement's own unit, 0 = off), <c>heartbeat</c> = 0 s (0 = off, else at least period), <c>decimals</c> = 1
    /// (0-4).</item>
    /// <item><c>[light NAME]</c>: <c>pin</c> (required), <c>active_low</c> = false, <c>topic</c> = base_topic/NAME,
    /// <c>power_on</c> = off (off, on, restore).</item>
    /// </list>
    /// <para>GPIOs are those of the ESP32 (<see cref="Esp32Gpio"/>): 0-19, 21-23, 25-27, 32-39, not the flash pins
    /// 6-11 nor the serial port's 1 and 3; 34-39 only where the pin is an input (echo_pin).</para>
    /// <para>Errors: unknown sections and keys, a key set twice, a required key or section missing, a value out of
    /// range, a sensor and light name used twice, a GPIO used twice (I2C pins included), two I2C sensors at one
    /// address on one bus, two sensors or lights on one topic, any two topics the firmware derives that are one
    /// (a light named <c>status</c> would take over the availability topic), a topic with wildcards, a leading '$' or
    /// '/', an empty level, bad UTF-8 or control characters, and any packet the board could never send from its
    /// buffers (<see cref="PacketSizeCheck"/>). Warnings: a topic deeper than AWS IoT Core allows (an error with
    /// profile = aws-iot), GPIO 12 with a pull-up, an <c>[i2c N]</c> no sensor uses.</para>
    /// </remarks>
    public static class ConfigParser
    {
        private const int MaxPeriodSeconds = 86400;
        private const int MaxAverage = 60;
        private const int MaxOfflineQueue = 1024;
        private const int MaxReconnectDelaySeconds = 3600;
        private const int MaxDecimals = 4;
        private const double MaxMinChange = 100000;

        // IEEE 802.11-2016 §9.4.2.2: an SSID is 0 to 32 octets
        private const int MaxSsidBytes = 32;

        private const string WifiKeys = "ssid, password, use_stored";
        private const string BrokerKeys = "host, port, tls, ca_cert, client_cert, client_key, username, password, client_id, keep_alive, reconnect_max_delay, profile, " + BrokerProtocolKeys.Keys + ", " + BrokerTransportKeys.Keys;
        private const string DeviceKeys = "name, base_topic, diagnostics_period, offline_queue, discovery, discovery_prefix";
        private const string SensorKeys = "type, pin, echo_pin, i2c_bus, address, topic, period, average, min_change, heartbeat, decimals";
        private const string LightKeys = "pin, active_low, topic, power_on";

        private const string Dht22EchoPin =
            "the GPIO wired to the same data line as pin: on ESP32 the DHT22 is read by Iot.Device.DHTxx.Esp32, which drives the line on pin "
            + "and receives it with the RMT peripheral on echo_pin (two GPIOs, one wire; there is no one-pin DHT22 binding for ESP32)";

        /// <summary>
        /// Parses <paramref name="count"/> bytes of UTF-8 at <paramref name="offset"/>. Never throws for bad content:
        /// everything wrong is in <see cref="ConfigParseResult.Errors"/>, and <see cref="ConfigParseResult.Config"/> is
        /// null then.
        /// </summary>
        public static ConfigParseResult Parse(byte[] utf8, int offset, int count)
        {
            if (utf8 == null)
            {
                throw new ArgumentNullException("utf8");
            }

            if (offset < 0 || count < 0 || offset > utf8.Length - count)
            {
                throw new ArgumentOutOfRangeException("offset");
            }

            ConfigDiagnostics diagnostics = new ConfigDiagnostics();
            ArrayList sections = new ConfigTextReader(diagnostics).Read(utf8, offset, count);

            ConfigSection wifiSection = null;
            ConfigSection brokerSection = null;
            ConfigSection deviceSection = null;
            ArrayList i2cSections = new ArrayList();
            int sensorCount = 0;
            int lightCount = 0;
            for (int i = 0; i < sections.Count; i++)
            {
                ConfigSection section = (ConfigSection)sections[i];
                if (section.Kind == "wifi")
                {
                    wifiSection = section;
                }
                else if (section.Kind == "broker")
                {
                    brokerSection = section;
                }
                else if (section.Kind == "device")
                {
                    deviceSection = section;
                }
                else if (section.Kind == "i2c")
                {
                    i2cSections.Add(section);
                }
                else if (section.Kind == "sensor")
                {
                    sensorCount++;
                }
                else
                {
                    lightCount++;
                }
            }

            HomeNodeConfig config = new HomeNodeConfig();
            config.Device = new DeviceSettings();
            if (deviceSection == null)
            {
                diagnostics.Error(0, "device", string.Empty, "section missing; it needs name and base_topic");
            }
            else
            {
                ReadDevice(new ConfigSectionReader(deviceSection, diagnostics), config.Device);
            }

            if (wifiSection != null)
            {
                config.Wifi = ReadWifi(new ConfigSectionReader(wifiSection, diagnostics));
            }

            config.Broker = new BrokerSettings();
            if (brokerSection == null)
            {
                diagnostics.Error(0, "broker", string.Empty, "section missing; it needs at least host");
            }
            else
            {
                ReadBroker(new ConfigSectionReader(brokerSection, diagnostics), config.Broker, config.Device.Name);
            }

            config.Sensors = new SensorSettings[sensorCount];
            config.Lights = new LightSettings[lightCount];
            ArrayList claims = new ArrayList();

            // the buses first: a sensor may come before the [i2c N] section that gives its bus's pins
            I2cBusTable buses = new I2cBusTable();
            for (int i = 0; i < i2cSections.Count; i++)
            {
                buses.Read((ConfigSection)i2cSections[i], diagnostics, claims);
            }

            DerivedTopics topics = new DerivedTopics();
            if (deviceSection != null)
            {
                topics.AddDevice(config.Device, deviceSection, config.Broker.Protocol == Mqtt.MqttProtocolVersion.V500);
            }

            int sensorIndex = 0;
            int lightIndex = 0;
            for (int i = 0; i < sections.Count; i++)
            {
                ConfigSection section = (ConfigSection)sections[i];
                if (section.Kind == "sensor")
                {
                    config.Sensors[sensorIndex++] = ReadSensor(new ConfigSectionReader(section, diagnostics), config.Device.BaseTopic, claims, buses, topics);
                }
                else if (section.Kind == "light")
                {
                    LightSettings light = ReadLight(new ConfigSectionReader(section, diagnostics), config.Device.BaseTopic, claims);
                    topics.AddLight(light, section);
                    config.Lights[lightIndex++] = light;
                }
            }

            buses.WarnUnused(diagnostics);
            topics.AddDiscovery(config);

            // After the GPIO, address and configured-topic claims: a section's own clash is reported before one of its
            // derived topics, and only one topic clash per section and field.
            topics.Claim(claims);
            ReportClashes(claims, diagnostics);
            PacketSizeCheck.Check(config, topics, brokerSection, deviceSection, diagnostics);
            BrokerProfileCheck.Check(config, topics, brokerSection, diagnostics);

            return new ConfigParseResult(
                diagnostics.ErrorCount == 0 ? config : null,
                diagnostics.SortedErrors(),
                diagnostics.SortedWarnings());
        }

        private static void ReadDevice(ConfigSectionReader reader, DeviceSettings device)
        {
            ConfigEntry name = reader.Take("name");
            if (name == null || name.Value.Length == 0)
            {
                ReportMissingOrEmpty(reader, name, "name", "a device name of 1 to 32 letters, digits, '_' or '-'");
            }
            else if (!ConfigTextReader.IsName(name.Value))
            {
                reader.Expected(name, "a device name of 1 to 32 letters, digits, '_' or '-'");
            }
            else
            {
                device.Name = name.Value;
            }

            device.BaseTopic = ReadTopic(reader, "base_topic", true, null);
            device.DiagnosticsPeriodSeconds = reader.Int("diagnostics_period", DeviceSettings.DefaultDiagnosticsPeriodSeconds, 0, MaxPeriodSeconds, "a whole number of seconds from 0 to 86400 (0 = off)");
            device.OfflineQueue = reader.Int("offline_queue", DeviceSettings.DefaultOfflineQueue, 0, MaxOfflineQueue, "a number of readings from 0 to 1024 (0 = no queue)");
            device.Discovery = reader.Bool("discovery", true);

            string prefix = ReadTopic(reader, "discovery_prefix", false, DeviceSettings.DefaultDiscoveryPrefix);
            if (prefix != null && !IsAscii(prefix))
            {
                // DiscoveryPayloadWriter.WriteConfigTopic writes the prefix as ASCII and refuses anything else
                reader.Expected(reader.Section.Find("discovery_prefix"), "a topic of ASCII characters (Home Assistant's discovery topics are)");
                prefix = null;
            }

            device.DiscoveryPrefix = prefix == null ? DeviceSettings.DefaultDiscoveryPrefix : prefix;
            reader.RejectUnused(DeviceKeys);
        }

        private static WifiSettings ReadWifi(ConfigSectionReader reader)
        {
            WifiSettings wifi = new WifiSettings();
            wifi.UseStored = reader.Bool("use_stored", false);
            ConfigEntry ssid = reader.Take("ssid");
            ConfigEntry password = reader.Take("password");
            if (wifi.UseStored)
            {
                if (ssid != null && ssid.Value.Length != 0)
                {
                    reader.Fail(ssid, "not used with use_stored = true; remove it or set use_stored = false");
                }

                if (password != null && password.Value.Length != 0)
                {
                    reader.Fail(password, "not used with use_stored = true; remove it or set use_stored = false");
                }
            }
            else
            {
                if (ssid == null || ssid.Value.Length == 0)
                {
                    ReportMissingOrEmpty(reader, ssid, "ssid", "the network name (or use_stored = true for the Wi-Fi settings stored on the board)");
                }
                else if (Utf8.ByteCount(ssid.Value) > MaxSsidBytes)
                {
                    reader.Expected(ssid, "a network name of at most 32 bytes");
                }
                else
                {
                    wifi.Ssid = ssid.Value;
                }

                if (password != null && password.Value.Length != 0)
                {
                    if (IsWpaPassphrase(password.Value))
                    {
                        wifi.Password = password.Value;
                    }
                    else
                    {
                        reader.ExpectedSecret(password, "a WPA2 passphrase of 8 to 63 printable ASCII characters, 64 hex digits, or nothing for an open network");
                    }
                }
            }

            reader.RejectUnused(WifiKeys);
            return wifi;
        }

        // IEEE 802.11-2016 Annex J.4.1: a passphrase is 8 to 63 ASCII characters 32..126; 64 hex digits are the PSK itself
        private static bool IsWpaPassphrase(string value)
        {
            if (value.Length == 64)
            {
                bool hex = true;
                for (int i = 0; i < value.Length; i++)
                {
                    if (ConfigSectionReader.HexDigit(value[i]) < 0)
                    {
                        hex = false;
                        break;
                    }
                }

                if (hex)
                {
                    return true;
                }
            }

            if (value.Length < 8 || value.Length > 63)
            {
                return false;
            }

            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] < ' ' || value[i] > '~')
                {
                    return false;
                }
            }

            return true;
        }

        private static void ReadBroker(ConfigSectionReader reader, BrokerSettings broker, string deviceName)
        {
            ConfigEntry host = reader.Take("host");
            if (host == null || host.Value.Length == 0)
            {
                ReportMissingOrEmpty(reader, host, "host", "the broker's host name or IP address");
            }
            else
            {
                string problem = CheckHost(host.Value);
                if (problem != null)
                {
                    reader.Expected(host, "a host name or IP address" + problem);
                }
                else
                {
                    broker.Host = host.Value;
                }
            }

            broker.UseTls = reader.Bool("tls", false);
            BrokerTransportKeys.Read(reader, broker);
            broker.Port = reader.Int("port", BrokerTransportKeys.DefaultPort(broker), 1, 65535, "a TCP port from 1 to 65535");

            broker.CaCertPath = ReadTlsPath(reader, "ca_cert", broker.UseTls);
            broker.ClientCertPath = ReadTlsPath(reader, "client_cert", broker.UseTls);
            broker.ClientKeyPath = ReadTlsPath(reader, "client_key", broker.UseTls);
            ConfigEntry cert = reader.Section.Find("client_cert");
            ConfigEntry key = reader.Section.Find("client_key");
            bool hasCert = cert != null && cert.Value.Length != 0;
            bool hasKey = key != null && key.Value.Length != 0;
            if (broker.UseTls && hasCert && !hasKey)
            {
                reader.Fail(cert, "needs client_key too: the client certificate and its private key go together");
            }
            else if (broker.UseTls && hasKey && !hasCert)
            {
                reader.Fail(key, "needs client_cert too: the client certificate and its private key go together");
            }

            broker.Username = ReadMqttString(reader, "username", false);
            broker.Password = ReadMqttString(reader, "password", true);
            if (broker.Password != null && broker.Username == null)
            {
                // MQTT 3.1.1 §3.1.2.9: the password flag must be 0 when the user name flag is 0
                reader.Fail(reader.Section.Find("password"), "needs username (MQTT 3.1.1 sends no password without a user name)");
            }

            broker.ClientId = ReadMqttString(reader, "client_id", false);
            if (broker.ClientId == null && deviceName != null)
            {
                broker.ClientId = BrokerSettings.DerivedClientIdPrefix + deviceName;
            }

            // MQTT 3.1.1 §3.1.2.10: a 16-bit count of seconds; 0 would switch keep-alive off, which we never want
            broker.KeepAliveSeconds = reader.Int("keep_alive", BrokerSettings.DefaultKeepAliveSeconds, 1, 65535, "a whole number of seconds from 1 to 65535 (AWS IoT Core accepts 30 to 1200)");
            BrokerProtocolKeys.Read(reader, broker);
            broker.ReconnectMaxDelaySeconds = reader.Int("reconnect_max_delay", BrokerSettings.DefaultReconnectMaxDelaySeconds, 1, MaxReconnectDelaySeconds, "a whole number of seconds from 1 to 3600");
            string profile = reader.Text("profile");
            if (profile != null)
            {
                if (ConfigSectionReader.LowerAscii(profile) == BrokerSettings.AwsIotProfile)
                {
                    broker.Profile = BrokerSettings.AwsIotProfile;
                }
                else
                {
                    reader.Expected(reader.Section.Find("profile"), "aws-iot (also check AWS IoT Core's limits), or nothing");
                }
            }

            reader.RejectUnused(BrokerKeys);
        }

        // Returns null when usable, else the hint appended to "expected a host name or IP address".
        private static string CheckHost(string host)
        {
            if (host.IndexOf("://") >= 0)
            {
                return " without a scheme (set tls and port instead)";
            }

            for (int i = 0; i < host.Length; i++)
            {
                char c = host[i];
                if (c == ' ' || c == '\t' || c == '/')
                {
                    return " without blanks or '/'";
                }
            }

            int colon = host.IndexOf(':');
            if (colon >= 0 && host.IndexOf(':', colon + 1) < 0)
            {
                // one colon is host:port; IPv6 addresses have several
                return " without a port (set port instead)";
            }

            // RFC 1035 §2.3.4: at most 255 octets on the wire, 253 characters written out
            if (host.Length > 253)
            {
                return " of at most 253 characters";
            }

            return null;
        }

        private static string ReadTlsPath(ConfigSectionReader reader, string key, bool useTls)
        {
            string path = reader.Text(key);
            if (path == null)
            {
                return null;
            }

            ConfigEntry entry = reader.Section.Find(key);
            if (!useTls)
            {
                reader.Fail(entry, "needs tls = on");
                return null;
            }

            // nanoFramework storage: a drive letter (I: internal flash, D: SD card, E: USB) then the path
            char drive = path[0];
            bool letter = (drive >= 'A' && drive <= 'Z') || (drive >= 'a' && drive <= 'z');
            if (path.Length < 4 || !letter || path[1] != ':' || path[2] != '\\')
            {
                reader.Expected(entry, "a file path on the board such as I:\\ca.pem");
                return null;
            }

            return path;
        }

        // MQTT 3.1.1 §1.5.3: UTF-8 of at most 65535 bytes (U+0000 and unpaired surrogates are already refused by the reader)
        private static string ReadMqttString(ConfigSectionReader reader, string key, bool secret)
        {
            string value = reader.Text(key);
            if (value != null && Utf8.ByteCount(value) > 65535)
            {
                ConfigEntry entry = reader.Section.Find(key);
                if (secret)
                {
                    reader.ExpectedSecret(entry, "at most 65535 bytes");
                }
                else
                {
                    reader.Expected(entry, "at most 65535 bytes");
                }

                return null;
            }

            return value;
        }

        private static SensorSettings ReadSensor(ConfigSectionReader reader, string baseTopic, ArrayList claims, I2cBusTable buses, DerivedTopics topics)
        {
            SensorSettings sensor = new SensorSettings();
            sensor.Name = reader.Section.Name;
            string label = reader.Section.Label;

            ConfigEntry type = reader.Take("type");
            bool known = true;
            if (type == null || type.Value.Length == 0)
            {
                ReportMissingOrEmpty(reader, type, "type", "dht22, bme280 or sht3x");
                known = false;
            }
            else
            {
                string value = ConfigSectionReader.LowerAscii(type.Value);
                if (value == "dht22")
                {
                    sensor.Type = SensorType.Dht22;
                }
                else if (value == "bme280")
                {
                    sensor.Type = SensorType.Bme280;
                }
                else if (value == "sht3x")
                {
                    sensor.Type = SensorType.Sht3x;
                }
                else
                {
                    reader.Expected(type, "dht22, bme280 or sht3x");
                    known = false;
                }
            }

            if (!known)
            {
                // without a type the pin and bus keys cannot be judged; mark them read so they are not "unknown"
                reader.Take("pin");
                reader.Take("echo_pin");
                reader.Take("i2c_bus");
                reader.Take("address");
            }
            else if (sensor.Type == SensorType.Dht22)
            {
                RejectFor(reader, "i2c_bus", "dht22");
                RejectFor(reader, "address", "dht22");
                sensor.Pin = reader.Gpio("pin", "a GPIO number (the pin that drives the DHT22 data line)", true, true);

                // Iot.Device.DHTxx.Esp32 (the DHT22 binding for ESP32; the plain Dhtxx one is not for ESP32) takes two pins
                sensor.EchoPin = reader.Gpio("echo_pin", Dht22EchoPin, false, true);
                if (sensor.Pin != SensorSettings.NoPin)
                {
                    claims.Add(new ResourceClaim("gpio " + sensor.Pin.ToString(), "GPIO " + sensor.Pin.ToString(), reader.LineOf("pin"), label, "pin"));
                }

                if (sensor.EchoPin != SensorSettings.NoPin)
                {
                    if (sensor.EchoPin == sensor.Pin)
                    {
                        reader.Fail(reader.Section.Find("echo_pin"), "must differ from pin: Iot.Device.DHTxx.Esp32 drives the line on pin and reads it with RMT on echo_pin, two GPIOs wired together");
                    }
                    else
                    {
                        claims.Add(new ResourceClaim("gpio " + sensor.EchoPin.ToString(), "GPIO " + sensor.EchoPin.ToString(), reader.LineOf("echo_pin"), label, "echo_pin"));
                    }
                }
            }
            else
            {
                string typeName = sensor.Type == SensorType.Bme280 ? "bme280" : "sht3x";
                RejectFor(reader, "pin", typeName);
                RejectFor(reader, "echo_pin", typeName);
                sensor.I2cBus = reader.Int("i2c_bus", SensorSettings.DefaultI2cBus, 1, I2cBusTable.Buses, "an I2C bus number, 1 or 2 (the ESP32 has two)");
                buses.Assign(sensor, reader, claims);
                int primary = sensor.Type == SensorType.Bme280 ? SensorSettings.Bme280PrimaryAddress : SensorSettings.Sht3xPrimaryAddress;
                int secondary = sensor.Type == SensorType.Bme280 ? SensorSettings.Bme280SecondaryAddress : SensorSettings.Sht3xSecondaryAddress;
                sensor.Address = primary;
                ConfigEntry address = reader.Take("address");
                if (address != null)
                {
                    int value = ConfigSectionReader.ParseHexByte(address.Value);
                    if (value == primary || value == secondary)
                    {
                        sensor.Address = value;
                    }
                    else
                    {
                        reader.Expected(address, Hex(primary) + " or " + Hex(secondary) + " (the " + typeName + "'s two I2C addresses)");
                    }
                }

                claims.Add(new ResourceClaim(
                    "i2c " + sensor.I2cBus.ToString() + " " + sensor.Address.ToString(),
                    "I2C" + sensor.I2cBus.ToString() + " address " + Hex(sensor.Address),
                    reader.LineOf("address"),
                    label,
                    "address"));
            }

            sensor.Topic = ReadTopic(reader, "topic", false, baseTopic == null ? null : baseTopic + "/" + sensor.Name);
            if (sensor.Topic != null)
            {
                claims.Add(new ResourceClaim("base " + sensor.Topic, "topic \"" + sensor.Topic + "\"", reader.LineOf("topic"), label, "topic"));
            }

            topics.AddSensor(sensor, reader.Section, known);

            bool dht = known && sensor.Type == SensorType.Dht22;
            sensor.PeriodSeconds = reader.Int(
                "period",
                SensorSettings.DefaultPeriodSeconds,
                dht ? SensorSettings.Dht22MinPeriodSeconds : 1,
                MaxPeriodSeconds,
                dht ? "a whole number of seconds from 2 to 86400" : "a whole number of seconds from 1 to 86400");
            sensor.Average = reader.Int("average", 1, 1, MaxAverage, "a number of samples from 1 to 60 (1 = off)");
            sensor.MinChange = reader.Decimal("min_change", 0, MaxMinChange, "a number of at least 0 in the measurement's unit, such as 0.5 (0 = off)");
            sensor.HeartbeatSeconds = reader.Int("heartbeat", 0, 0, MaxPeriodSeconds, "a whole number of seconds from 0 to 86400 (0 = off)");
            if (sensor.HeartbeatSeconds != 0 && sensor.HeartbeatSeconds < sensor.PeriodSeconds)
            {
                reader.Fail(reader.Section.Find("heartbeat"), "expected 0 or at least period (" + sensor.PeriodSeconds.ToString() + " s): a reading is only taken every period, got \"" + sensor.HeartbeatSeconds.ToString() + "\"");
            }

            sensor.Decimals = reader.Int("decimals", SensorSettings.DefaultDecimals, 0, MaxDecimals, "a number of digits after the point from 0 to 4");
            reader.RejectUnused(SensorKeys);
            return sensor;
        }

        private static LightSettings ReadLight(ConfigSectionReader reader, string baseTopic, ArrayList claims)
        {
            LightSettings light = new LightSettings();
            light.Name = reader.Section.Name;
            string label = reader.Section.Label;
            light.Pin = reader.Gpio("pin", "a GPIO number (the pin that switches the light or relay)", true, false);
            if (light.Pin != SensorSettings.NoPin)
            {
                claims.Add(new ResourceClaim("gpio " + light.Pin.ToString(), "GPIO " + light.Pin.ToString(), reader.LineOf("pin"), label, "pin"));
            }

            light.ActiveLow = reader.Bool("active_low", false);
            light.Topic = ReadTopic(reader, "topic", false, baseTopic == null ? null : baseTopic + "/" + light.Name);
            if (light.Topic != null)
            {
                claims.Add(new ResourceClaim("base " + light.Topic, "topic \"" + light.Topic + "\"", reader.LineOf("topic"), label, "topic"));
            }

            ConfigEntry powerOn = reader.Take("power_on");
            if (powerOn != null)
            {
                string value = ConfigSectionReader.LowerAscii(powerOn.Value);
                if (value == "off")
                {
                    light.PowerOn = PowerOnState.Off;
                }
                else if (value == "on")
                {
                    light.PowerOn = PowerOnState.On;
                }
                else if (value == "restore")
                {
                    light.PowerOn = PowerOnState.Restore;
                }
                else
                {
                    reader.Expected(powerOn, "off, on or restore");
                }
            }

            reader.RejectUnused(LightKeys);
            return light;
        }

        /// <summary>
        /// Reads a topic key: checked against <see cref="TopicNameRule"/>, <paramref name="defaultTopic"/> when absent
        /// or empty (and not <paramref name="required"/>). Null when invalid. The topics derived from it are checked
        /// later (<see cref="DerivedTopics"/>, <see cref="PacketSizeCheck"/>, <see cref="BrokerProfileCheck"/>).
        /// </summary>
        private static string ReadTopic(ConfigSectionReader reader, string key, bool required, string defaultTopic)
        {
            ConfigEntry entry = reader.Take(key);
            string topic = defaultTopic;
            if (entry != null && entry.Value.Length != 0)
            {
                string problem = TopicNameRule.Check(entry.Value);
                if (problem != null)
                {
                    reader.Fail(entry, "expected an MQTT topic such as ourhome/firstfloor/kitchen, got \"" + entry.Value + "\", which " + problem);
                    return null;
                }

                topic = entry.Value;
            }
            else if (required)
            {
                ReportMissingOrEmpty(reader, entry, key, "an MQTT topic such as ourhome/firstfloor/kitchen");
                return null;
            }

            return topic;
        }

        private static void ReportMissingOrEmpty(ConfigSectionReader reader, ConfigEntry entry, string key, string expectation)
        {
            if (entry == null)
            {
                reader.Missing(key, expectation);
            }
            else
            {
                reader.Fail(entry, "is empty; expected " + expectation);
            }
        }

        private static void RejectFor(ConfigSectionReader reader, string key, string typeName)
        {
            ConfigEntry entry = reader.Take(key);
            if (entry != null)
            {
                string hint = typeName == "dht22" ? "a dht22 is wired to GPIOs (pin, echo_pin)" : "a " + typeName + " is on I2C (i2c_bus, address)";
                reader.Fail(entry, "not used by type " + typeName + ": " + hint);
            }
        }

        private static void ReportClashes(ArrayList claims, ConfigDiagnostics diagnostics)
        {
            ArrayList topicPlaces = new ArrayList();
            for (int i = 1; i < claims.Count; i++)
            {
                ResourceClaim claim = (ResourceClaim)claims[i];
                for (int j = 0; j < i; j++)
                {
                    ResourceClaim first = (ResourceClaim)claims[j];
                    if (first.Key != claim.Key)
                    {
                        continue;
                    }

                    if (claim.IsTopic)
                    {
                        string place = claim.Section + "|" + claim.Field;
                        if (topicPlaces.Contains(place))
                        {
                            break;
                        }

                        topicPlaces.Add(place);
                    }

                    string where = first.Field.Length == 0 ? "[" + first.Section + "]" : "[" + first.Section + "] " + first.Field;
                    string role = first.Role == null ? string.Empty : " (" + first.Role + ")";
                    diagnostics.Error(claim.Line, claim.Section, claim.Field, claim.Description + " is already used by " + where + " at line " + first.Line.ToString() + role);
                    break;
                }
            }
        }

        private static bool IsAscii(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] >= 0x80)
                {
                    return false;
                }
            }

            return true;
        }

        private static string Hex(int value)
        {
            const string digits = "0123456789abcdef";
            return "0x" + digits[(value >> 4) & 0xF].ToString() + digits[value & 0xF].ToString();
        }
    }
}
