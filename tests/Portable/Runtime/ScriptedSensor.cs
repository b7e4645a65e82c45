using HomeNode.Drivers;

namespace HomeNode.Tests.Runtime
{
    /// <summary>A sensor whose next readings the test sets; it can be told to fail, and to remember what it handed out.</summary>
    public sealed class ScriptedSensor : IEnvironmentSensor
    {
        public double Temperature = 21.0;
        public double Humidity = 45.0;
        public double Pressure = 1013.25;
        public bool HasPressure;

        /// <summary>As a BME280 reports a pressure outside 300-1100 hPa: the read is Ok, the pressure dropped.</summary>
        public bool PressureOutOfRange;

        /// <summary>Added to the temperature after each successful read, so every reading differs.</summary>
        public double TemperatureStep;

        public SensorReadStatus Failure = SensorReadStatus.Ok;
        public bool Throws;
        public int Reads;

        /// <summary>Remember every temperature handed out (allocates as the record grows; off in allocation tests).</summary>
        public bool Records;

        private double[] produced = new double[0];
        private int producedCount;

        /// <summary>Every temperature handed out while <see cref="Records"/> was set, in order (a copy).</summary>
        public double[] Produced
        {
            get
            {
                double[] copy = new double[this.producedCount];
                System.Array.Copy(this.produced, copy, this.producedCount);
                return copy;
            }
        }

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
            reading.HasPressure = this.HasPressure && !this.PressureOutOfRange;
            reading.PressureOutOfRange = this.PressureOutOfRange;
            reading.PressureHectopascals = this.Pressure;
            if (this.Records)
            {
                this.Record(this.Temperature);
            }

            this.Temperature += this.TemperatureStep;
            return SensorReadStatus.Ok;
        }

        private void Record(double temperature)
        {
            if (this.producedCount == this.produced.Length)
            {
                double[] larger = new double[(this.produced.Length * 2) + 16];
                System.Array.Copy(this.produced, larger, this.producedCount);
                this.produced = larger;
            }

            this.produced[this.producedCount++] = temperature;
        }
    }
}
