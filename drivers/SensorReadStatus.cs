namespace HomeNode.Drivers
{
    public enum SensorReadStatus : byte
    {
        Ok = 0,

        /// <summary>The sensor did not answer on its bus or pin (NACK, time-out, no pulse train).</summary>
        NoResponse,

        /// <summary>The sensor answered but the CRC or checksum did not match.</summary>
        ChecksumMismatch,

        /// <summary>The sensor answered with a value outside its datasheet range.</summary>
        OutOfRange,

        /// <summary>The sensor's identity register held an unexpected chip id, or it failed to initialise.</summary>
        WrongDevice,

        /// <summary>Asked again before the sensor's minimum interval (DHT22: about 2 s).</summary>
        TooSoon,
    }
}
