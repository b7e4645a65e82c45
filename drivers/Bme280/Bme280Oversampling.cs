namespace HomeNode.Drivers.Bme280
{
    /// <summary>The osrs_h / osrs_t / osrs_p field values (BME280 datasheet §5.4.3, §5.4.5).</summary>
    public enum Bme280Oversampling : byte
    {
        /// <summary>The measurement is skipped; its output register keeps the reset value.</summary>
        Skipped = 0,
        X1 = 1,
        X2 = 2,
        X4 = 3,
        X8 = 4,
        X16 = 5,
    }
}
