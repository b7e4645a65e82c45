namespace HomeNode.App.Config
{
    /// <summary>The sensor chip of a <c>[sensor NAME]</c> section (<c>type = ...</c>).</summary>
    public enum SensorType : byte
    {
        /// <summary>DHT22 / AM2302 on one GPIO data line (two pins on ESP32, see <see cref="SensorSettings.EchoPin"/>).</summary>
        Dht22 = 1,

        /// <summary>Bosch BME280 on I2C: temperature, humidity, pressure.</summary>
        Bme280 = 2,

        /// <summary>Sensirion SHT3x (SHT30/31/35) on I2C: temperature, humidity.</summary>
        Sht3x = 3,
    }
}
