using HomeNode.App.Config;
using HomeNode.App.Sensors;
using HomeNode.Drivers;
using HomeNode.Drivers.Bme280;
using HomeNode.Drivers.Sht3x;
using HomeNode.Tests.Drivers;

namespace HomeNode.Tests.App
{
    /// <summary>The one table of sensor types and quantities that the runtime, discovery, glue and tools read.</summary>
    public static class SensorKindTableTests
    {
        public static void EverySensorTypeHasOneRow()
        {
            SensorType[] types = new SensorType[] { SensorType.Dht22, SensorType.Bme280, SensorType.Sht3x };
            Check.Equal((long)types.Length, SensorKindTable.KindCount, "rows");
            for (int i = 0; i < types.Length; i++)
            {
                SensorKind kind = SensorKindTable.Of(types[i]);
                Check.True(kind != null, "row " + i.ToString());
                Check.True(SensorKindTable.Named(kind.Name) == kind, "found by name: " + kind.Name);
                Check.True(kind.Measurements.Length >= 2, "measures: " + kind.Name);
            }

            Check.True(SensorKindTable.Of((SensorType)77) == null, "no row for an unknown type");
            Check.True(SensorKindTable.Named("bmp180") == null, "no row for an unknown name");
        }

        public static void WhatEachTypeMeasuresAndHowItIsWired()
        {
            SensorKind bme = SensorKindTable.Of(SensorType.Bme280);
            Check.Equal("bme280", bme.Name, "name");
            Check.True(bme.Bus == SensorBus.I2c, "on I2C");
            Check.Equal(0x76, bme.PrimaryAddress, "primary address");
            Check.Equal(0x77, bme.SecondaryAddress, "secondary address");
            Check.True(bme.Measures(MeasurementKind.Pressure), "pressure");

            SensorKind sht = SensorKindTable.Of(SensorType.Sht3x);
            Check.Equal(0x44, sht.PrimaryAddress, "SHT3x primary");
            Check.False(sht.Measures(MeasurementKind.Pressure), "SHT3x: no pressure");

            SensorKind dht = SensorKindTable.Of(SensorType.Dht22);
            Check.True(dht.Bus == SensorBus.Gpio, "DHT22 on GPIO");
            Check.Equal(2, dht.MinimumPeriodSeconds, "DHT22: one read per 2 s");
            Check.True(dht.Measures(MeasurementKind.Temperature) && dht.Measures(MeasurementKind.Humidity), "DHT22 measures");
        }

        public static void QuantitiesHaveLevelDeviceClassAndUnit()
        {
            Expect(MeasurementKind.Temperature, "temperature", "\u00B0C");
            Expect(MeasurementKind.Humidity, "humidity", "%");
            Expect(MeasurementKind.Pressure, "pressure", "hPa");
            Check.True(SensorKindTable.Of((MeasurementKind)77) == null, "unknown quantity");
        }

        public static void ReadsEachQuantityOutOfAReading()
        {
            EnvironmentReading reading = new EnvironmentReading();
            reading.HasTemperature = true;
            reading.TemperatureCelsius = 21.5;
            reading.HasHumidity = true;
            reading.RelativeHumidityPercent = 40;
            double value;
            Check.True(SensorKindTable.TryRead(reading, MeasurementKind.Temperature, out value) && value == 21.5, "temperature");
            Check.True(SensorKindTable.TryRead(reading, MeasurementKind.Humidity, out value) && value == 40, "humidity");
            Check.False(SensorKindTable.TryRead(reading, MeasurementKind.Pressure, out value), "no pressure in it");
            Check.False(SensorKindTable.TryRead(reading, (MeasurementKind)77, out value), "unknown quantity");
        }

        public static void OpensThePortableDriverOfEachI2cType()
        {
            Check.True(SensorKindTable.OpenI2c(SensorType.Bme280, new FakeI2cDevice()) is Bme280Sensor, "BME280");
            Check.True(SensorKindTable.OpenI2c(SensorType.Sht3x, new FakeI2cDevice()) is Sht3xSensor, "SHT3x");
            Check.True(SensorKindTable.OpenI2c(SensorType.Dht22, new FakeI2cDevice()) == null, "DHT22 is not on I2C");
        }

        private static void Expect(MeasurementKind kind, string name, string unit)
        {
            Quantity quantity = SensorKindTable.Of(kind);
            Check.Equal(name, quantity.Level, "level");
            Check.Equal(name, quantity.DeviceClass, "device class");
            Check.Equal(unit, quantity.Unit, "unit of " + name);
        }
    }
}
