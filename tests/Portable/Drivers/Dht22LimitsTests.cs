using HomeNode.Drivers;
using HomeNode.Drivers.Dht22;

namespace HomeNode.Tests.Drivers
{
    /// <summary>DHT22 / AM2302 datasheet range: -40..80 degC, 0..100 %RH.</summary>
    public static class Dht22LimitsTests
    {
        public static void ValuesInsideRangeAreOk()
        {
            Check.Equal(SensorReadStatus.Ok, Dht22Limits.Validate(21.5, 45.2), "typical");
            Check.Equal(SensorReadStatus.Ok, Dht22Limits.Validate(-40.0, 0.0), "lower bounds");
            Check.Equal(SensorReadStatus.Ok, Dht22Limits.Validate(80.0, 100.0), "upper bounds");
        }

        public static void ValuesOutsideRangeAreOutOfRange()
        {
            Check.Equal(SensorReadStatus.OutOfRange, Dht22Limits.Validate(-40.1, 50), "too cold");
            Check.Equal(SensorReadStatus.OutOfRange, Dht22Limits.Validate(80.1, 50), "too hot");
            Check.Equal(SensorReadStatus.OutOfRange, Dht22Limits.Validate(20, -0.1), "negative humidity");
            Check.Equal(SensorReadStatus.OutOfRange, Dht22Limits.Validate(20, 100.1), "humidity above 100");
            Check.Equal(SensorReadStatus.OutOfRange, Dht22Limits.Validate(double.NaN, 50), "NaN temperature");
            Check.Equal(SensorReadStatus.OutOfRange, Dht22Limits.Validate(20, double.NaN), "NaN humidity");
        }

        public static void FillSetsReadingOnlyWhenValid()
        {
            EnvironmentReading reading = new EnvironmentReading();
            Check.Equal(SensorReadStatus.Ok, Dht22Limits.Fill(23.4, 56.7, reading), "valid");
            Check.True(reading.HasTemperature && reading.HasHumidity, "both set");
            Check.False(reading.HasPressure, "no pressure");
            Check.Equal(23.4, reading.TemperatureCelsius, 1e-12, "temperature");
            Check.Equal(56.7, reading.RelativeHumidityPercent, 1e-12, "humidity");

            Check.Equal(SensorReadStatus.OutOfRange, Dht22Limits.Fill(150, 56.7, reading), "invalid");
            Check.False(reading.HasTemperature || reading.HasHumidity, "cleared");
        }
    }
}
