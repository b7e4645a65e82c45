using HomeNode.App.Config;

namespace HomeNode.App.Sensors
{
    /// <summary>One row of <see cref="SensorKindTable"/>: what a sensor type measures and how it is wired.</summary>
    public sealed class SensorKind
    {
        internal SensorKind(SensorType type, string name, SensorBus bus, int primaryAddress, int secondaryAddress, int minimumPeriodSeconds, MeasurementKind[] measurements)
        {
            this.Type = type;
            this.Name = name;
            this.Bus = bus;
            this.PrimaryAddress = primaryAddress;
            this.SecondaryAddress = secondaryAddress;
            this.MinimumPeriodSeconds = minimumPeriodSeconds;
            this.Measurements = measurements;
        }

        public SensorType Type { get; private set; }

        /// <summary>The value of <c>type =</c> in a <c>[sensor NAME]</c> section, lowercase.</summary>
        public string Name { get; private set; }

        public SensorBus Bus { get; private set; }

        /// <summary>I2C: the default 7-bit address; 0 for other buses.</summary>
        public int PrimaryAddress { get; private set; }

        /// <summary>I2C: the other address the chip can be strapped to; 0 for other buses.</summary>
        public int SecondaryAddress { get; private set; }

        /// <summary>The shortest read period the chip allows, in seconds.</summary>
        public int MinimumPeriodSeconds { get; private set; }

        /// <summary>What every reading holds, in publishing order (shared: do not change it).</summary>
        public MeasurementKind[] Measurements { get; private set; }

        public bool Measures(MeasurementKind kind)
        {
            for (int i = 0; i < this.Measurements.Length; i++)
            {
                if (this.Measurements[i] == kind)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
