namespace HomeNode.App.Config
{
    /// <summary>
    /// The board's configuration, read once at start-up from the INI file (see <see cref="ConfigParser"/> for the
    /// format and firmware/config.example.ini for every key with its default).
    /// </summary>
    public sealed class HomeNodeConfig
    {
        /// <summary>Null when the file has no <c>[wifi]</c> section (a wired board).</summary>
        public WifiSettings Wifi;

        public BrokerSettings Broker;

        public DeviceSettings Device;

        /// <summary>In file order; empty when there are none.</summary>
        public SensorSettings[] Sensors;

        /// <summary>In file order; empty when there are none.</summary>
        public LightSettings[] Lights;
    }
}
