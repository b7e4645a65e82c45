using System;
using System.Threading;

namespace HomeNode.Drivers.Sht3x
{
    /// <summary>
    /// Sensirion SHT30/31/35 temperature and humidity sensor on I2C: one single-shot, high-repeatability
    /// measurement per <see cref="Read"/>, without clock stretching. Allocation-free after construction.
    /// </summary>
    /// <remarks>
    /// The address (0x44 with ADDR low, 0x45 with ADDR high) is chosen when the II2cDevice is opened. A measurement
    /// whose transfer fails (NACK or CRC) is made again, at most <see cref="MaximumAttempts"/> times per read, and the
    /// sensor is soft-reset before the last attempt, so a sensor wedged by a glitch on the bus recovers without a
    /// power cycle. An answer that passed its CRC but lies outside the range is reported, not asked for again.
    /// </remarks>
    public sealed class Sht3xSensor : IEnvironmentSensor
    {
        /// <summary>I2C address with ADDR to VSS (datasheet §3, ADDR pin); 0x45 with ADDR to VDD.</summary>
        public const int DefaultAddress = 0x44;

        /// <summary>Maximum measurement duration t_MEAS at high repeatability (datasheet §2.2, system timing).</summary>
        public const int MeasurementMilliseconds = 15;

        /// <summary>Measurements one <see cref="Read"/> makes at most when the transfer fails.</summary>
        public const int MaximumAttempts = 3;

        /// <summary>Soft reset time t_SR, 1.5 ms at most (datasheet §2.2, system timing), in whole milliseconds.</summary>
        public const int SoftResetMilliseconds = 2;

        // datasheet §4.3 table 9: single shot, high repeatability, clock stretching disabled
        private const byte MeasureHighRepeatabilityMsb = 0x24;
        private const byte MeasureHighRepeatabilityLsb = 0x00;

        // datasheet §4.9: soft reset
        private const byte SoftResetMsb = 0x30;
        private const byte SoftResetLsb = 0xA2;

        // datasheet §4.3 table 9: at least 1 ms from the end of one command to the next
        private const int CommandSpacingMilliseconds = 1;

        // datasheet §1 table 2: specified range of the temperature sensor; the RH formula spans 0..100 by construction
        private const double MinimumTemperatureCelsius = -40;
        private const double MaximumTemperatureCelsius = 125;

        private readonly II2cDevice device;
        private readonly MillisecondDelay delay;
        private readonly byte[] command = new byte[2];
        private readonly byte[] softReset = new byte[2];
        private readonly byte[] response = new byte[6];

        /// <summary>Waits for the conversion with Thread.Sleep.</summary>
        public Sht3xSensor(II2cDevice device)
            : this(device, null)
        {
        }

        /// <param name="delay">Waits for the conversion; null means Thread.Sleep.</param>
        public Sht3xSensor(II2cDevice device, MillisecondDelay delay)
        {
            if (device == null)
            {
                throw new ArgumentNullException("device");
            }

            this.device = device;
            this.delay = delay != null ? delay : new MillisecondDelay(Sleep);
            this.command[0] = MeasureHighRepeatabilityMsb;
            this.command[1] = MeasureHighRepeatabilityLsb;
            this.softReset[0] = SoftResetMsb;
            this.softReset[1] = SoftResetLsb;
        }

        /// <summary>Temperature conversion of datasheet §4.13: T[°C] = -45 + 175 · S_T / (2^16 - 1).</summary>
        public static double ConvertTemperatureCelsius(int rawTemperature)
        {
            return -45.0 + (175.0 * rawTemperature / 65535.0);
        }

        /// <summary>Humidity conversion of datasheet §4.13: RH[%] = 100 · S_RH / (2^16 - 1).</summary>
        public static double ConvertRelativeHumidityPercent(int rawHumidity)
        {
            return 100.0 * rawHumidity / 65535.0;
        }

        public SensorReadStatus Read(EnvironmentReading reading)
        {
            if (reading == null)
            {
                throw new ArgumentNullException("reading");
            }

            SensorReadStatus status = this.Measure(reading);
            for (int attempt = 2; attempt <= MaximumAttempts; attempt++)
            {
                if (status != SensorReadStatus.NoResponse && status != SensorReadStatus.ChecksumMismatch)
                {
                    break;
                }

                this.delay(CommandSpacingMilliseconds);
                if (attempt == MaximumAttempts)
                {
                    // Whether or not the sensor acknowledges the reset, the last attempt follows it.
                    this.device.Write(this.softReset, 0, 2);
                    this.delay(SoftResetMilliseconds);
                }

                status = this.Measure(reading);
            }

            return status;
        }

        private SensorReadStatus Measure(EnvironmentReading reading)
        {
            reading.Clear();
            if (!this.device.Write(this.command, 0, 2))
            {
                return SensorReadStatus.NoResponse;
            }

            // Without clock stretching the sensor NACKs its read header until the result is ready (datasheet §4.4),
            // so wait out the maximum duration rather than poll.
            this.delay(MeasurementMilliseconds);

            // datasheet §4.4: T msb, T lsb, T crc, RH msb, RH lsb, RH crc
            if (!this.device.Read(this.response, 0, 6))
            {
                return SensorReadStatus.NoResponse;
            }

            byte[] r = this.response;
            if (Sht3xCrc.Compute(r, 0, 2) != r[2] || Sht3xCrc.Compute(r, 3, 2) != r[5])
            {
                return SensorReadStatus.ChecksumMismatch;
            }

            double celsius = ConvertTemperatureCelsius((r[0] << 8) | r[1]);
            double percent = ConvertRelativeHumidityPercent((r[3] << 8) | r[4]);
            if (celsius < MinimumTemperatureCelsius || celsius > MaximumTemperatureCelsius)
            {
                return SensorReadStatus.OutOfRange;
            }

            reading.HasTemperature = true;
            reading.TemperatureCelsius = celsius;
            reading.HasHumidity = true;
            reading.RelativeHumidityPercent = percent;
            return SensorReadStatus.Ok;
        }

        // A managed wrapper: the delegate then targets IL, not the runtime's native Thread.Sleep.
        private static void Sleep(int milliseconds)
        {
            Thread.Sleep(milliseconds);
        }
    }
}
