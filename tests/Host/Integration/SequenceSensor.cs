using System.Collections.Generic;
using HomeNode.Drivers;

namespace HomeNode.Tests.Host.Integration
{
    /// <summary>
    /// A simulated temperature/humidity sensor whose temperature goes up by exactly 1 on every successful read, so
    /// each reading is distinct and a subscriber can tell which ones it missed. Remembers every temperature it produced.
    /// </summary>
    public sealed class SequenceSensor : IEnvironmentSensor
    {
        private readonly object gate = new object();
        private readonly List<int> produced = new List<int>();
        private int nextTemperature;

        public SequenceSensor(int firstTemperature, double humidity)
        {
            this.nextTemperature = firstTemperature;
            this.Humidity = humidity;
        }

        public double Humidity { get; }

        /// <summary>While set, reads fail with <see cref="SensorReadStatus.NoResponse"/> and produce nothing.</summary>
        public bool Failing { get; set; }

        /// <summary>Every temperature handed out, in order.</summary>
        public int[] Produced
        {
            get { lock (this.gate) { return this.produced.ToArray(); } }
        }

        public SensorReadStatus Read(EnvironmentReading reading)
        {
            reading.Clear();
            if (this.Failing)
            {
                return SensorReadStatus.NoResponse;
            }

            lock (this.gate)
            {
                reading.HasTemperature = true;
                reading.TemperatureCelsius = this.nextTemperature;
                reading.HasHumidity = true;
                reading.RelativeHumidityPercent = this.Humidity;
                this.produced.Add(this.nextTemperature);
                this.nextTemperature++;
            }

            return SensorReadStatus.Ok;
        }
    }
}
