namespace HomeNode.App.Sensors
{
    /// <summary>How a sensor type is wired, which decides its configuration keys and who builds its driver.</summary>
    public enum SensorBus : byte
    {
        /// <summary>A timed protocol on GPIO pins (DHT22): the device glue builds the driver, since the timing is the board's.</summary>
        Gpio = 0,

        /// <summary>I2C (<c>i2c_bus</c>, <c>address</c>): <see cref="SensorKindTable.OpenI2c"/> builds the portable driver.</summary>
        I2c = 1,
    }
}
