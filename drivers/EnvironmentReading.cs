namespace HomeNode.Drivers
{
    /// <summary>One measurement; a sensor sets the Has* flag of each quantity it measures. Allocated once and reused.</summary>
    public sealed class EnvironmentReading
    {
        public bool HasTemperature;
        public double TemperatureCelsius;

        public bool HasHumidity;
        public double RelativeHumidityPercent;

        public bool HasPressure;
        public double PressureHectopascals;

        public void Clear()
        {
            this.HasTemperature = false;
            this.HasHumidity = false;
            this.HasPressure = false;
            this.TemperatureCelsius = 0;
            this.RelativeHumidityPercent = 0;
            this.PressureHectopascals = 0;
        }
    }
}
