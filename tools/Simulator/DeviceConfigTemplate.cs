using System;
using System.Globalization;
using HomeNode.App.Config;
using HomeNode.App.Sensors;

namespace HomeNode.Simulator
{
    /// <summary>
    /// Turns the one configuration the user gave into the configuration of each simulated device: broker replaced by the
    /// simulator's (address, TLS and credentials all come from <see cref="BrokerTarget"/>), and in a fleet a unique
    /// name, client id and base topic per device.
    /// </summary>
    public sealed class DeviceConfigTemplate
    {
        /// <summary>DHT22 (AM2302) datasheet: at most one reading every 2 s, whatever --period asks.</summary>

        private readonly HomeNodeConfig baseConfig;
        private readonly BrokerTarget broker;
        private readonly int devices;
        private readonly int periodSeconds;

        public DeviceConfigTemplate(HomeNodeConfig baseConfig, BrokerTarget broker, int devices, int periodSeconds)
        {
            this.baseConfig = baseConfig ?? throw new ArgumentNullException(nameof(baseConfig));
            this.broker = broker ?? throw new ArgumentNullException(nameof(broker));
            this.devices = devices;
            this.periodSeconds = periodSeconds;
        }

        /// <summary>Name of device <paramref name="index"/> in a fleet: sim-0042.</summary>
        public static string FleetDeviceName(int index) => "sim-" + index.ToString("D4", CultureInfo.InvariantCulture);

        /// <summary>Base topic of device <paramref name="index"/> in a fleet: ourhome/floor4/room2 for 42.</summary>
        public static string FleetBaseTopic(int index)
        {
            return "ourhome/floor" + (index / 10).ToString(CultureInfo.InvariantCulture) + "/room" + (index % 10).ToString(CultureInfo.InvariantCulture);
        }

        public HomeNodeConfig ForDevice(int index)
        {
            HomeNodeConfig source = this.baseConfig;
            bool fleet = this.devices > 1;
            string oldBase = source.Device.BaseTopic;
            string newBase = fleet ? FleetBaseTopic(index) : oldBase;
            string name = fleet ? FleetDeviceName(index) : source.Device.Name;

            HomeNodeConfig config = new HomeNodeConfig();
            config.Wifi = null; // the simulator's network is the PC's
            config.Broker = new BrokerSettings
            {
                Host = this.broker.Host,
                Port = this.broker.Port,
                UseTls = this.broker.Tls,
                Username = this.broker.Username,
                Password = this.broker.Password,
                ClientId = fleet ? BrokerSettings.DerivedClientIdPrefix + name : source.Broker.ClientId,
                KeepAliveSeconds = source.Broker.KeepAliveSeconds,
                CleanSession = source.Broker.CleanSession,
                Protocol = source.Broker.Protocol,
                SessionExpirySeconds = source.Broker.SessionExpirySeconds,
                ReconnectMaxDelaySeconds = source.Broker.ReconnectMaxDelaySeconds,
            };
            config.Device = new DeviceSettings
            {
                Name = name,
                BaseTopic = newBase,
                DiagnosticsPeriodSeconds = source.Device.DiagnosticsPeriodSeconds,
                OfflineQueue = source.Device.OfflineQueue,
                // A fleet is for load tests: thousands of retained discovery documents would outlive the test in a
                // real Home Assistant.
                Discovery = !fleet && source.Device.Discovery,
                DiscoveryPrefix = source.Device.DiscoveryPrefix,
            };

            SensorSettings[] sensors = source.Sensors ?? new SensorSettings[0];
            config.Sensors = new SensorSettings[sensors.Length];
            for (int i = 0; i < sensors.Length; i++)
            {
                SensorSettings s = sensors[i];
                int period = s.PeriodSeconds;
                if (this.periodSeconds > 0)
                {
                    SensorKind kind = SensorKindTable.Of(s.Type);
                    period = kind != null && this.periodSeconds < kind.MinimumPeriodSeconds ? kind.MinimumPeriodSeconds : this.periodSeconds;
                }

                config.Sensors[i] = new SensorSettings
                {
                    Name = s.Name,
                    Type = s.Type,
                    Pin = s.Pin,
                    EchoPin = s.EchoPin,
                    I2cBus = s.I2cBus,
                    Address = s.Address,
                    Topic = fleet ? Rebase(s.Topic, oldBase, newBase, s.Name) : s.Topic,
                    PeriodSeconds = period,
                    Average = s.Average,
                    MinChange = s.MinChange,
                    HeartbeatSeconds = s.HeartbeatSeconds,
                    Decimals = s.Decimals,
                };
            }

            LightSettings[] lights = source.Lights ?? new LightSettings[0];
            config.Lights = new LightSettings[lights.Length];
            for (int i = 0; i < lights.Length; i++)
            {
                LightSettings l = lights[i];
                config.Lights[i] = new LightSettings
                {
                    Name = l.Name,
                    Pin = l.Pin,
                    ActiveLow = l.ActiveLow,
                    Topic = fleet ? Rebase(l.Topic, oldBase, newBase, l.Name) : l.Topic,
                    PowerOn = l.PowerOn,
                };
            }

            return config;
        }

        /// <summary>A topic under the old base moves under the new one; any other topic becomes new base + "/" + name.</summary>
        private static string Rebase(string topic, string oldBase, string newBase, string name)
        {
            if (topic != null && topic.StartsWith(oldBase + "/", StringComparison.Ordinal))
            {
                return newBase + topic.Substring(oldBase.Length);
            }

            return newBase + "/" + name;
        }
    }
}
