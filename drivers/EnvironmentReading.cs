namespace HomeNode.Drivers
{
    /// <summary>
    /// One measurement; a sensor sets the Has* flag of each quantity it measured validly. Allocated once and reused.
    /// </summary>
    /// <remarks>
    /// A read that returns <see cref="SensorReadStatus.Ok"/> may still leave out one quantity the sensor measures: its
    /// Has* flag stays false and, when the sensor answered with a value outside its datasheet range, its *OutOfRange
    /// flag says so (BME280: a pressure outside 300..1100 hPa does not cost the valid temperature and humidity).
    /// </remarks>
    public sealed class EnvironmentReading
    {
        public bool HasTemperature;
        public double TemperatureCelsius;

        public bool HasHumidity;
        public double RelativeHumidityPercent;

        public bool HasPressure;
        public double PressureHectopascals;

        /// <summary>The sensor measured pressure, but outside its datasheet range; <see cref="HasPressure"/> is false.</summary>
        public bool PressureOutOfRange;

        public void Clear()
        {
            this.HasTemperature = false;
            this.HasHumidity = false;
            this.HasPressure = false;
            this.PressureOutOfRange = false;
            this.TemperatureCelsius = 0;
            this.RelativeHumidityPercent = 0;
            this.PressureHectopascals = 0;
        }
    }
}
