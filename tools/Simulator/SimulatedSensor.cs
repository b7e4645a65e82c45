using System;
using HomeNode.App.Config;
using HomeNode.App.Sensors;
using HomeNode.Drivers;

namespace HomeNode.Simulator
{
    /// <summary>
    /// A sensor that reports plausible indoor values: each measurement is a random walk pulled back towards its mean
    /// (about 21 °C, 45 %RH, 1013 hPa), so readings drift slowly, and a small share of reads fail like a real
    /// DHT22 does now and then.
    /// </summary>
    public sealed class SimulatedSensor : IEnvironmentSensor
    {
        public const double DefaultFailureRate = 0.03;

        private const double MeanTemperature = 21.0;
        private const double MeanHumidity = 45.0;
        private const double MeanPressure = 1013.0;

        // Fraction of the distance to the mean recovered per read; small, so a walk takes minutes to come back.
        private const double PullBack = 0.02;

        private readonly Random random;
        private readonly bool hasPressure;
        private readonly double failureRate;
        private readonly SimulatedHardware hardware;
        private double temperature;
        private double humidity;
        private double pressure;

        public SimulatedSensor(SensorType type, int seed, double failureRate, SimulatedHardware hardware)
        {
            this.random = new Random(seed);
            SensorKind kind = SensorKindTable.Of(type);
            this.hasPressure = kind != null && kind.Measures(MeasurementKind.Pressure);
            this.failureRate = failureRate;
            this.hardware = hardware;
            // Rooms differ a little: start each sensor somewhere near the mean.
            this.temperature = MeanTemperature + ((this.random.NextDouble() - 0.5) * 3.0);
            this.humidity = MeanHumidity + ((this.random.NextDouble() - 0.5) * 10.0);
            this.pressure = MeanPressure + ((this.random.NextDouble() - 0.5) * 8.0);
        }

        public long Reads { get; private set; }

        public SensorReadStatus Read(EnvironmentReading reading)
        {
            reading.Clear();
            if (this.hardware != null && this.hardware.SensorsPaused)
            {
                return SensorReadStatus.TooSoon;
            }

            this.Reads++;
            this.temperature = this.Step(this.temperature, MeanTemperature, 0.05);
            this.humidity = this.Step(this.humidity, MeanHumidity, 0.2);
            this.pressure = this.Step(this.pressure, MeanPressure, 0.05);
            if (this.random.NextDouble() < this.failureRate)
            {
                // What a DHT22 most often does wrong: a corrupted frame.
                return SensorReadStatus.ChecksumMismatch;
            }

            reading.HasTemperature = true;
            reading.TemperatureCelsius = this.temperature;
            reading.HasHumidity = true;
            reading.RelativeHumidityPercent = this.humidity < 0 ? 0 : (this.humidity > 100 ? 100 : this.humidity);
            if (this.hasPressure)
            {
                reading.HasPressure = true;
                reading.PressureHectopascals = this.pressure;
            }

            return SensorReadStatus.Ok;
        }

        private double Step(double value, double mean, double noise)
        {
            return value + ((mean - value) * PullBack) + ((this.random.NextDouble() - 0.5) * 2.0 * noise);
        }
    }
}
