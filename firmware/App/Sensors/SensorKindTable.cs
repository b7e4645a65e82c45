using HomeNode.App.Config;
using HomeNode.Drivers;
using HomeNode.Drivers.Bme280;
using HomeNode.Drivers.Sht3x;
using HomeNode.Mqtt;

namespace HomeNode.App.Sensors
{
    /// <summary>
    /// Every sensor type and every measured quantity the firmware knows, in one place: the runtime, discovery, the
    /// device glue and the tools read them from here instead of switching on the type.
    /// </summary>
    /// <remarks>
    /// A new sensor type is a <see cref="SensorType"/> member, its driver under drivers/, and here a row in
    /// <see cref="Kinds"/> (and, on I2C, its constructor in <see cref="OpenI2c"/>). A new quantity is a
    /// <see cref="MeasurementKind"/> member, a row in <see cref="Quantities"/>, its field in
    /// <see cref="EnvironmentReading"/> and its case in <see cref="TryRead"/>.
    /// </remarks>
    public static class SensorKindTable
    {
        // Device classes and units: Home Assistant's "sensor device classes" table.
        private static readonly Quantity[] Quantities = new Quantity[]
        {
            new Quantity(MeasurementKind.Temperature, "temperature", "temperature", "\u00B0C"),
            new Quantity(MeasurementKind.Humidity, "humidity", "humidity", "%"),
            new Quantity(MeasurementKind.Pressure, "pressure", "pressure", "hPa"),
        };

        private static readonly SensorKind[] Kinds = new SensorKind[]
        {
            // DHT22 (AM2302) datasheet: collecting period 2 s
            new SensorKind(SensorType.Dht22, "dht22", SensorBus.Gpio, 0, 0, SensorSettings.Dht22MinPeriodSeconds, new MeasurementKind[] { MeasurementKind.Temperature, MeasurementKind.Humidity }),

            // BME280 datasheet §6.2: SDO to GND 0x76, to VDDIO 0x77
            new SensorKind(SensorType.Bme280, "bme280", SensorBus.I2c, SensorSettings.Bme280PrimaryAddress, SensorSettings.Bme280SecondaryAddress, 1, new MeasurementKind[] { MeasurementKind.Temperature, MeasurementKind.Humidity, MeasurementKind.Pressure }),

            // SHT3x-DIS datasheet Table 7: ADDR low 0x44, high 0x45
            new SensorKind(SensorType.Sht3x, "sht3x", SensorBus.I2c, SensorSettings.Sht3xPrimaryAddress, SensorSettings.Sht3xSecondaryAddress, 1, new MeasurementKind[] { MeasurementKind.Temperature, MeasurementKind.Humidity }),
        };

        public static int KindCount
        {
            get { return Kinds.Length; }
        }

        public static SensorKind KindAt(int index)
        {
            return Kinds[index];
        }

        /// <summary>The row of <paramref name="type"/>, or null for a value no row has.</summary>
        public static SensorKind Of(SensorType type)
        {
            for (int i = 0; i < Kinds.Length; i++)
            {
                if (Kinds[i].Type == type)
                {
                    return Kinds[i];
                }
            }

            return null;
        }

        /// <summary>The row whose <see cref="SensorKind.Name"/> is <paramref name="name"/> (lowercase), or null.</summary>
        public static SensorKind Named(string name)
        {
            for (int i = 0; i < Kinds.Length; i++)
            {
                if (Kinds[i].Name == name)
                {
                    return Kinds[i];
                }
            }

            return null;
        }

        /// <summary>The row of <paramref name="kind"/>, or null for a value no row has.</summary>
        [SteadyState]
        public static Quantity Of(MeasurementKind kind)
        {
            for (int i = 0; i < Quantities.Length; i++)
            {
                if (Quantities[i].Kind == kind)
                {
                    return Quantities[i];
                }
            }

            return null;
        }

        /// <summary>The value of <paramref name="kind"/> in <paramref name="reading"/>; false when the reading does not hold it.</summary>
        [SteadyState]
        public static bool TryRead(EnvironmentReading reading, MeasurementKind kind, out double value)
        {
            switch (kind)
            {
                case MeasurementKind.Temperature:
                    value = reading.TemperatureCelsius;
                    return reading.HasTemperature;
                case MeasurementKind.Humidity:
                    value = reading.RelativeHumidityPercent;
                    return reading.HasHumidity;
                case MeasurementKind.Pressure:
                    value = reading.PressureHectopascals;
                    return reading.HasPressure;
                default:
                    value = 0;
                    return false;
            }
        }

        /// <summary>The portable driver of an I2C sensor type on <paramref name="device"/>; null for a type that is not on I2C.</summary>
        public static IEnvironmentSensor OpenI2c(SensorType type, II2cDevice device)
        {
            switch (type)
            {
                case SensorType.Bme280:
                    return new Bme280Sensor(device);
                case SensorType.Sht3x:
                    return new Sht3xSensor(device);
                default:
                    return null;
            }
        }
    }
}
