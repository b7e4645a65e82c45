namespace HomeNode.App.Sensors
{
    public enum MeasurementKind : byte
    {
        /// <summary>Degrees Celsius.</summary>
        Temperature = 0,

        /// <summary>Relative humidity, percent.</summary>
        Humidity,

        /// <summary>Hectopascals.</summary>
        Pressure,
    }
}
