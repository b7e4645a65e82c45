using HomeNode.Drivers;

namespace HomeNode.Tests.Runtime
{
    /// <summary>A sensor whose next readings the test sets; it can be told to fail.</summary>
    public sealed class ScriptedSensor : IEnvironmentSensor
    {
        public double Temperature = 21.0;
        public double Humidity = 45.0;
        public double Pressure = 1013.25;
        public bool HasPressure;

        /// <summary>Added to the temperature after each successful read, so every reading differs.</summary>
        public double TemperatureStep;

        public SensorReadStatus Failure = SensorReadStatus.Ok;
        public bool Throws;
        public int Reads;

        public SensorReadStatus Read(EnvironmentReading reading)
        {
            this.Reads++;
            reading.Clear();
            if (this.Throws)
            {
                throw new System.InvalidOperationException("sensor driver failed");
            }

            if (this.Failure != SensorReadStatus.Ok)
            {
                return this.Failure;
            }

            reading.HasTemperature = true;
            reading.TemperatureCelsius = this.Temperature;
            reading.HasHumidity = true;
            reading.RelativeHumidityPercent = this.Humidity;
            reading.HasPressure = this.HasPressure;
            reading.PressureHectopascals = this.Pressure;
            this.Temperature += this.TemperatureStep;
            return SensorReadStatus.Ok;
        }
    }
}
