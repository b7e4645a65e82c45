using HomeNode.Drivers;

namespace HomeNode.Soak
{
    /// <summary>
    /// A sensor whose every reading is unique: temperature -40 + n/1000 for the n-th read, so the subscriber can tell
    /// which readings arrived (published with three decimals; unique for 165,000 reads, 45 hours at one a second).
    /// </summary>
    public sealed class SoakSensor : IEnvironmentSensor
    {
        public int Reads;

        /// <summary>Set when the run drains: reads then fail, so nothing new is published.</summary>
        public bool Paused;

        public SensorReadStatus Read(EnvironmentReading reading)
        {
            reading.Clear();
            if (this.Paused)
            {
                return SensorReadStatus.NoResponse;
            }

            reading.HasTemperature = true;
            reading.TemperatureCelsius = -40.0 + (this.Reads / 1000.0);
            this.Reads++;
            return SensorReadStatus.Ok;
        }
    }
}
