namespace HomeNode.Drivers
{
    /// <summary>
    /// One device at one address on an I2C bus. The device glue adapts nanoFramework's
    /// System.Device.I2c.I2cDevice to it; tests use a fake with a register map.
    /// </summary>
    /// <remarks>
    /// Contract: each call is one bus transaction; it returns true when every byte was transferred and
    /// acknowledged, false when the device did not answer (NACK, bus error, time-out). It never throws for
    /// a missing device and never allocates.
    /// </remarks>
    public interface II2cDevice
    {
        bool Write(byte[] buffer, int offset, int count);

        bool Read(byte[] buffer, int offset, int count);

        /// <summary>A write followed by a repeated start and a read (register reads).</summary>
        bool WriteRead(byte[] writeBuffer, int writeOffset, int writeCount, byte[] readBuffer, int readOffset, int readCount);
    }
}
