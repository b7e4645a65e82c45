using System;
using System.Threading;

namespace HomeNode.Drivers.Bme280
{
    /// <summary>
    /// Bosch BME280 temperature/pressure/humidity sensor on I2C, one forced-mode measurement per
    /// <see cref="Read"/>. Allocation-free after construction.
    /// </summary>
    /// <remarks>
    /// The first <see cref="Read"/> (or an explicit <see cref="Initialize"/>) checks the chip id, soft-resets the
    /// sensor and loads its trimming parameters. After a bus failure the next read initialises again, so a sensor
    /// that was unplugged or browned out is picked up without a reboot.
    /// </remarks>
    public sealed class Bme280Sensor : IEnvironmentSensor
    {
        /// <summary>I2C address with SDO to GND; 0x77 with SDO to VDDIO (datasheet §6.2).</summary>
        public const int DefaultAddress = 0x76;

        /// <summary>Value of the id register 0xD0 (datasheet §5.4.1); a BMP280 answers 0x58.</summary>
        public const byte ChipId = 0x60;

        // BME280 datasheet §5.3 memory map
        private const byte RegisterCalibration00 = 0x88;
        private const byte RegisterId = 0xD0;
        private const byte RegisterReset = 0xE0;
        private const byte RegisterCalibration26 = 0xE1;
        private const byte RegisterCtrlHum = 0xF2;
        private const byte RegisterStatus = 0xF3;
        private const byte RegisterCtrlMeas = 0xF4;
        private const byte RegisterConfig = 0xF5;
        private const byte RegisterPressureMsb = 0xF7;

        // datasheet §5.4.2: writing 0xB6 to "reset" performs a power-on reset
        private const byte ResetCommand = 0xB6;

        // datasheet §5.4.4: status bit 3 "measuring", bit 0 "im_update" (NVM copy running)
        private const byte StatusMeasuring = 0x08;
        private const byte StatusImUpdate = 0x01;

        // datasheet §5.4.5: mode[1:0] = 01 forced mode
        private const byte ModeForced = 0x01;

        // datasheet §1 table 1: start-up time 2 ms
        private const int StartupMilliseconds = 2;

        // Polls of the status register after the computed measurement time has elapsed, 1 ms apart.
        private const int StatusPollLimit = 10;

        // datasheet §5.4.7-5.4.9: output register values when a measurement was skipped or never ran
        private const int AdcSkipped20Bit = 0x80000;
        private const int AdcSkipped16Bit = 0x8000;

        // datasheet §1 tables 1-3: operating ranges
        private const double MinimumTemperatureCelsius = -40;
        private const double MaximumTemperatureCelsius = 85;
        private const double MinimumPressureHectopascals = 300;
        private const double MaximumPressureHectopascals = 1100;

        private readonly II2cDevice device;
        private readonly MillisecondDelay delay;
        private readonly Bme280Oversampling temperatureOversampling;
        private readonly Bme280Oversampling pressureOversampling;
        private readonly Bme280Oversampling humidityOversampling;
        private readonly Bme280Calibration calibration = new Bme280Calibration();
        private readonly int measurementMilliseconds;

        private readonly byte[] registerAddress = new byte[1];
        private readonly byte[] registerWrite = new byte[2];
        private readonly byte[] data = new byte[8];
        private readonly byte[] calibrationBlock = new byte[Bme280Calibration.TemperaturePressureBlockLength];
        private readonly byte[] humidityCalibrationBlock = new byte[Bme280Calibration.HumidityBlockLength];

        private bool initialized;
        private int fineTemperature;

        /// <summary>Oversampling ×1 for all three quantities (datasheet §3.5.1 "weather monitoring"), waits with Thread.Sleep.</summary>
        public Bme280Sensor(II2cDevice device)
            : this(device, Bme280Oversampling.X1, Bme280Oversampling.X1, Bme280Oversampling.X1, null)
        {
        }

        /// <param name="delay">Waits for reset and conversion; null means Thread.Sleep.</param>
        public Bme280Sensor(
            II2cDevice device,
            Bme280Oversampling temperature,
            Bme280Oversampling pressure,
            Bme280Oversampling humidity,
            MillisecondDelay delay)
        {
            if (device == null)
            {
                throw new ArgumentNullException("device");
            }

            if (temperature == Bme280Oversampling.Skipped)
            {
                // pressure and humidity compensation need t_fine (datasheet §4.2.3)
                throw new ArgumentException("temperature cannot be skipped", "temperature");
            }

            if (temperature > Bme280Oversampling.X16 || pressure > Bme280Oversampling.X16 || humidity > Bme280Oversampling.X16)
            {
                throw new ArgumentOutOfRangeException("oversampling");
            }

            this.device = device;
            this.delay = delay != null ? delay : new MillisecondDelay(Sleep);
            this.temperatureOversampling = temperature;
            this.pressureOversampling = pressure;
            this.humidityOversampling = humidity;
            this.measurementMilliseconds = MaximumMeasurementMilliseconds(temperature, pressure, humidity);
        }

        /// <summary>The trimming parameters read at initialisation.</summary>
        public Bme280Calibration Calibration
        {
            get { return this.calibration; }
        }

        /// <summary>The longest a forced measurement with these settings takes, rounded up (datasheet appendix B §9.1).</summary>
        public int MeasurementMilliseconds
        {
            get { return this.measurementMilliseconds; }
        }

        /// <summary>t_fine of the last successful compensation (datasheet §4.2.3).</summary>
        public int FineTemperature
        {
            get { return this.fineTemperature; }
        }

        /// <summary>
        /// t_measure,max of datasheet appendix B §9.1 in whole milliseconds, rounded up:
        /// 1.25 + 2.3·osrs_t + (2.3·osrs_p + 0.575) + (2.3·osrs_h + 0.575) ms, a skipped term counting 0.
        /// </summary>
        public static int MaximumMeasurementMilliseconds(Bme280Oversampling temperature, Bme280Oversampling pressure, Bme280Oversampling humidity)
        {
            int microseconds = 1250 + (2300 * Samples(temperature));
            if (pressure != Bme280Oversampling.Skipped)
            {
                microseconds += (2300 * Samples(pressure)) + 575;
            }

            if (humidity != Bme280Oversampling.Skipped)
            {
                microseconds += (2300 * Samples(humidity)) + 575;
            }

            return (microseconds + 999) / 1000;
        }

        /// <summary>
        /// Checks the chip id, soft-resets, loads the trimming parameters and writes the configuration. Called by
        /// <see cref="Read"/> when needed; call it directly to learn early whether the sensor is there.
        /// </summary>
        public SensorReadStatus Initialize()
        {
            this.initialized = false;

            if (!this.ReadRegisters(RegisterId, this.data, 0, 1))
            {
                return SensorReadStatus.NoResponse;
            }

            if (this.data[0] != ChipId)
            {
                return SensorReadStatus.WrongDevice;
            }

            if (!this.WriteRegister(RegisterReset, ResetCommand))
            {
                return SensorReadStatus.NoResponse;
            }

            this.delay(StartupMilliseconds);
            SensorReadStatus status = this.WaitWhileStatus(StatusImUpdate);
            if (status != SensorReadStatus.Ok)
            {
                return status;
            }

            if (!this.ReadRegisters(RegisterCalibration00, this.calibrationBlock, 0, this.calibrationBlock.Length)
                || !this.ReadRegisters(RegisterCalibration26, this.humidityCalibrationBlock, 0, this.humidityCalibrationBlock.Length))
            {
                return SensorReadStatus.NoResponse;
            }

            this.calibration.Load(this.calibrationBlock, 0, this.humidityCalibrationBlock, 0);

            // An erased or absent NVM reads as all zeros or all ones; dig_T1 and dig_P1 are never 0 or 0xFFFF on a real part.
            if (this.calibration.DigT1 == 0 || this.calibration.DigP1 == 0 || this.calibration.DigT1 == 0xFFFF || this.calibration.DigP1 == 0xFFFF)
            {
                return SensorReadStatus.WrongDevice;
            }

            // config: t_sb irrelevant in forced mode, IIR filter off, no 3-wire SPI (datasheet §5.4.6).
            // Written in sleep mode, where writes to config are not ignored.
            if (!this.WriteRegister(RegisterConfig, 0x00))
            {
                return SensorReadStatus.NoResponse;
            }

            this.initialized = true;
            return SensorReadStatus.Ok;
        }

        public SensorReadStatus Read(EnvironmentReading reading)
        {
            if (reading == null)
            {
                throw new ArgumentNullException("reading");
            }

            reading.Clear();
            SensorReadStatus status;
            if (!this.initialized)
            {
                status = this.Initialize();
                if (status != SensorReadStatus.Ok)
                {
                    return status;
                }
            }

            status = this.Measure(reading);
            if (status == SensorReadStatus.NoResponse)
            {
                this.initialized = false;
            }

            if (status != SensorReadStatus.Ok)
            {
                reading.Clear();
            }

            return status;
        }

        private SensorReadStatus Measure(EnvironmentReading reading)
        {
            // datasheet §5.4.3: changes to ctrl_hum take effect only after a write to ctrl_meas, so ctrl_hum goes
            // first. Both are written every time so a sensor that reset itself since the last read is reconfigured.
            if (!this.WriteRegister(RegisterCtrlHum, (byte)this.humidityOversampling))
            {
                return SensorReadStatus.NoResponse;
            }

            // datasheet §5.4.5: ctrl_meas = osrs_t[7:5] osrs_p[4:2] mode[1:0]
            byte ctrlMeas = (byte)(((int)this.temperatureOversampling << 5) | ((int)this.pressureOversampling << 2) | ModeForced);
            if (!this.WriteRegister(RegisterCtrlMeas, ctrlMeas))
            {
                return SensorReadStatus.NoResponse;
            }

            this.delay(this.measurementMilliseconds);
            SensorReadStatus status = this.WaitWhileStatus(StatusMeasuring);
            if (status != SensorReadStatus.Ok)
            {
                return status;
            }

            // datasheet §4: one burst read 0xF7..0xFE keeps the three results from the same measurement
            if (!this.ReadRegisters(RegisterPressureMsb, this.data, 0, 8))
            {
                return SensorReadStatus.NoResponse;
            }

            byte[] d = this.data;

            // datasheet §5.4.7-5.4.9: press/temp are msb[19:12] lsb[11:4] xlsb[7:4]→[3:0]; hum is msb lsb
            int adcP = (d[0] << 12) | (d[1] << 4) | (d[2] >> 4);
            int adcT = (d[3] << 12) | (d[4] << 4) | (d[5] >> 4);
            int adcH = (d[6] << 8) | d[7];

            // The reset value in a register we asked to be measured means no conversion took place.
            if (adcT == AdcSkipped20Bit
                || (this.pressureOversampling != Bme280Oversampling.Skipped && adcP == AdcSkipped20Bit)
                || (this.humidityOversampling != Bme280Oversampling.Skipped && adcH == AdcSkipped16Bit))
            {
                return SensorReadStatus.NoResponse;
            }

            int centidegrees = this.calibration.CompensateTemperature(adcT, out this.fineTemperature);
            double celsius = centidegrees / 100.0;
            if (celsius < MinimumTemperatureCelsius || celsius > MaximumTemperatureCelsius)
            {
                return SensorReadStatus.OutOfRange;
            }

            reading.HasTemperature = true;
            reading.TemperatureCelsius = celsius;

            if (this.pressureOversampling != Bme280Oversampling.Skipped)
            {
                // Q24.8 Pa to hPa: / 256 / 100
                double hectopascals = this.calibration.CompensatePressure(adcP, this.fineTemperature) / 25600.0;
                if (hectopascals < MinimumPressureHectopascals || hectopascals > MaximumPressureHectopascals)
                {
                    // Pressure is compensated from temperature, not the other way round (datasheet §4.2.3): a valid
                    // temperature and humidity stay valid, so only pressure is dropped.
                    reading.PressureOutOfRange = true;
                }
                else
                {
                    reading.HasPressure = true;
                    reading.PressureHectopascals = hectopascals;
                }
            }

            if (this.humidityOversampling != Bme280Oversampling.Skipped)
            {
                // Q22.10; the formula already clamps to 0..100 %RH
                double percent = this.calibration.CompensateHumidity(adcH, this.fineTemperature) / 1024.0;
                if (percent < 0 || percent > 100)
                {
                    return SensorReadStatus.OutOfRange;
                }

                reading.HasHumidity = true;
                reading.RelativeHumidityPercent = percent;
            }

            return SensorReadStatus.Ok;
        }

        private SensorReadStatus WaitWhileStatus(byte busyMask)
        {
            for (int attempt = 0; attempt < StatusPollLimit; attempt++)
            {
                if (!this.ReadRegisters(RegisterStatus, this.data, 0, 1))
                {
                    return SensorReadStatus.NoResponse;
                }

                if ((this.data[0] & busyMask) == 0)
                {
                    return SensorReadStatus.Ok;
                }

                this.delay(1);
            }

            return SensorReadStatus.NoResponse;
        }

        private bool ReadRegisters(byte register, byte[] buffer, int offset, int count)
        {
            this.registerAddress[0] = register;
            return this.device.WriteRead(this.registerAddress, 0, 1, buffer, offset, count);
        }

        private bool WriteRegister(byte register, byte value)
        {
            // datasheet §6.2.1: a write is register address then data; no auto-increment on writes
            this.registerWrite[0] = register;
            this.registerWrite[1] = value;
            return this.device.Write(this.registerWrite, 0, 2);
        }

        private static int Samples(Bme280Oversampling oversampling)
        {
            // X1..X16 are field values 1..5 for 1, 2, 4, 8, 16 samples
            return oversampling == Bme280Oversampling.Skipped ? 0 : 1 << ((int)oversampling - 1);
        }

        // A managed wrapper: the delegate then targets IL, not the runtime's native Thread.Sleep.
        private static void Sleep(int milliseconds)
        {
            Thread.Sleep(milliseconds);
        }
    }
}
