namespace HomeNode.Drivers
{
    /// <summary>
    /// A temperature/humidity/pressure sensor (BME280, SHT3x, DHT22, or a simulated one).
    /// </summary>
    /// <remarks>
    /// Contract: <see cref="Read"/> takes one fresh measurement and fills <paramref name="reading"/>; on any
    /// status other than <see cref="SensorReadStatus.Ok"/> the reading's values must not be used (a failed
    /// read is never published as 0). On <see cref="SensorReadStatus.Ok"/> only the quantities whose Has* flag is set
    /// are valid; one the sensor measured out of range is flagged in the reading instead (see
    /// <see cref="EnvironmentReading"/>). It does not throw for a sensor that fails to answer and does not allocate.
    /// </remarks>
    public interface IEnvironmentSensor
    {
        SensorReadStatus Read(EnvironmentReading reading);
    }
}
