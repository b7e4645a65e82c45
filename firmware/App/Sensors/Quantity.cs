namespace HomeNode.App.Sensors
{
    /// <summary>One row of <see cref="SensorKindTable"/> about a quantity: where it is published and how Home Assistant shows it.</summary>
    public sealed class Quantity
    {
        internal Quantity(MeasurementKind kind, string level, string deviceClass, string unit)
        {
            this.Kind = kind;
            this.Level = level;
            this.DeviceClass = deviceClass;
            this.Unit = unit;
        }

        public MeasurementKind Kind { get; private set; }

        /// <summary>The topic level below the sensor's topic, e.g. <c>temperature</c>.</summary>
        public string Level { get; private set; }

        /// <summary>Home Assistant's sensor device class (its "sensor device classes" table).</summary>
        public string DeviceClass { get; private set; }

        /// <summary>The unit readings are published in; one Home Assistant accepts for the device class.</summary>
        public string Unit { get; private set; }
    }
}
