using System;

namespace HomeNode.Drivers.Dht22
{
    /// <summary>
    /// Plausibility limits of the DHT22 / AM2302 (Aosong AM2302 datasheet, technical specification table: -40..80 °C,
    /// 0..100 %RH; collecting period 2 s). The device glue reads the sensor with the nanoFramework binding and passes the values
    /// here before anything is published: a corrupt pulse train that still passed the parity byte shows up as an
    /// impossible value.
    /// </summary>
    public static class Dht22Limits
    {
        public const double MinimumTemperatureCelsius = -40;
        public const double MaximumTemperatureCelsius = 80;
        public const double MinimumRelativeHumidityPercent = 0;
        public const double MaximumRelativeHumidityPercent = 100;

        /// <summary>Shortest interval between two reads; a faster read returns the previous (stale) result.</summary>
        public const int MinimumReadIntervalMilliseconds = 2000;

        /// <summary>Ok when both values are inside the datasheet range, otherwise OutOfRange (NaN included).</summary>
        public static SensorReadStatus Validate(double temperatureCelsius, double relativeHumidityPercent)
        {
            // NaN checked by name: on nanoCLR NaN >= x is true (../shared/nftool/README.md), so comparisons alone do not reject it
            bool temperatureOk = !double.IsNaN(temperatureCelsius) && temperatureCelsius >= MinimumTemperatureCelsius && temperatureCelsius <= MaximumTemperatureCelsius;
            bool humidityOk = !double.IsNaN(relativeHumidityPercent) && relativeHumidityPercent >= MinimumRelativeHumidityPercent && relativeHumidityPercent <= MaximumRelativeHumidityPercent;
            return temperatureOk && humidityOk ? SensorReadStatus.Ok : SensorReadStatus.OutOfRange;
        }

        /// <summary>
        /// Validates and, when Ok, fills <paramref name="reading"/> with temperature and humidity; otherwise leaves it
        /// cleared. The glue's one call per DHT22 read.
        /// </summary>
        public static SensorReadStatus Fill(double temperatureCelsius, double relativeHumidityPercent, EnvironmentReading reading)
        {
            if (reading == null)
            {
                throw new ArgumentNullException("reading");
            }

            reading.Clear();
            SensorReadStatus status = Validate(temperatureCelsius, relativeHumidityPercent);
            if (status != SensorReadStatus.Ok)
            {
                return status;
            }

            reading.HasTemperature = true;
            reading.TemperatureCelsius = temperatureCelsius;
            reading.HasHumidity = true;
            reading.RelativeHumidityPercent = relativeHumidityPercent;
            return SensorReadStatus.Ok;
        }
    }
}
