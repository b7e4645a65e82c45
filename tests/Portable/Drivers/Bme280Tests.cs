using HomeNode.Drivers;
using HomeNode.Drivers.Bme280;

namespace HomeNode.Tests.Drivers
{
    /// <summary>
    /// BME280 driver against a register-map fake. Temperature and pressure use the worked example of the
    /// BMP280/BME280 datasheets (same trimming layout and §4.2.3 formulas): dig_T1..3 = 27504, 26435, -1000,
    /// adc_T = 519888 gives t_fine = 128422 and 25.08 °C; dig_P1..9 = 36477, -10685, 3024, 2855, 140, -7, 15500,
    /// -14600, 6000, adc_P = 415148 gives 100653.27 Pa. Humidity is checked against the datasheet's
    /// double-precision formula (appendix A §8.1), re-implemented here.
    /// </summary>
    public static class Bme280Tests
    {
        private const int DatasheetAdcT = 519888;
        private const int DatasheetAdcP = 415148;

        // A typical part's humidity trimming (not from the datasheet; any plausible set exercises the formula)
        private const int H1 = 75;
        private const int H2 = 362;
        private const int H3 = 0;
        private const int H4 = 313;
        private const int H5 = 50;
        private const int H6 = 30;

        public static void TemperatureMatchesDatasheetExample()
        {
            FakeI2cDevice device = DatasheetDevice(DatasheetAdcT, DatasheetAdcP, 30000);
            Bme280Sensor sensor = NewSensor(device, new DelayRecorder());
            EnvironmentReading reading = new EnvironmentReading();

            Check.Equal(SensorReadStatus.Ok, sensor.Read(reading), "status");
            Check.Equal(128422, sensor.FineTemperature, "t_fine");
            Check.True(reading.HasTemperature, "has temperature");
            Check.Equal(25.08, reading.TemperatureCelsius, 1e-9, "temperature");
        }

        public static void CalibrationIntegerFormulasMatchDatasheetExample()
        {
            Bme280Calibration calibration = DatasheetCalibration();
            int fine;
            Check.Equal(2508, calibration.CompensateTemperature(DatasheetAdcT, out fine), "temperature 0.01 degC");
            Check.Equal(128422, fine, "t_fine");

            long q24_8 = calibration.CompensatePressure(DatasheetAdcP, fine);
            Check.Equal(25767233, q24_8, "pressure Q24.8");

            // the datasheet quotes 100653.27 Pa for this example
            Check.Equal(100653.27, q24_8 / 256.0, 0.05, "pressure Pa");
        }

        public static void PressureMatchesDatasheetExampleAndDoubleFormula()
        {
            FakeI2cDevice device = DatasheetDevice(DatasheetAdcT, DatasheetAdcP, 30000);
            Bme280Sensor sensor = NewSensor(device, new DelayRecorder());
            EnvironmentReading reading = new EnvironmentReading();

            Check.Equal(SensorReadStatus.Ok, sensor.Read(reading), "status");
            Check.True(reading.HasPressure, "has pressure");
            Check.Equal(1006.5327, reading.PressureHectopascals, 0.0005, "pressure hPa vs datasheet");
            Check.Equal(DoublePressurePascals(DatasheetCalibration(), DatasheetAdcT, DatasheetAdcP) / 100.0, reading.PressureHectopascals, 0.0005, "pressure hPa vs double formula");
        }

        public static void HumidityMatchesDoubleFormula()
        {
            int[] rawHumidity = new int[] { 27000, 30000, 33000 };
            for (int i = 0; i < rawHumidity.Length; i++)
            {
                FakeI2cDevice device = DatasheetDevice(DatasheetAdcT, DatasheetAdcP, rawHumidity[i]);
                Bme280Sensor sensor = NewSensor(device, new DelayRecorder());
                EnvironmentReading reading = new EnvironmentReading();

                Check.Equal(SensorReadStatus.Ok, sensor.Read(reading), "status");
                Check.True(reading.HasHumidity, "has humidity");
                double expected = DoubleHumidityPercent(DatasheetCalibration(), DatasheetAdcT, rawHumidity[i]);
                Check.True(expected > 0 && expected < 100, "vector inside 0..100 %RH");

                // the integer formula resolves 1/1024 %RH; the two formulas agree to a few thousandths
                Check.Equal(expected, reading.RelativeHumidityPercent, 0.01, "humidity for adc_H " + rawHumidity[i].ToString());
            }
        }

        public static void HumidityIntegerFormulaVectors()
        {
            Bme280Calibration calibration = DatasheetCalibration();

            // Q22.10 results of the §4.2.3 integer formula at t_fine = 128422
            Check.Equal(39190, calibration.CompensateHumidity(27000, 128422), "adc_H 27000");
            Check.Equal(56317, calibration.CompensateHumidity(30000, 128422), "adc_H 30000");

            // the formula clamps at 100 %RH (419430400 >> 12 = 102400)
            Check.Equal(102400, calibration.CompensateHumidity(40000, 128422), "adc_H 40000 clamps");
            Check.Equal(0, calibration.CompensateHumidity(0, 128422), "adc_H 0 clamps");
        }

        public static void CalibrationDecodesSignedTwelveBitHumidityWords()
        {
            byte[] temperaturePressure = new byte[Bme280Calibration.TemperaturePressureBlockLength];
            temperaturePressure[0] = 0x70; // dig_T1 = 0x6B70 = 27504
            temperaturePressure[1] = 0x6B;
            temperaturePressure[4] = 0x18; // dig_T3 = 0xFC18 = -1000
            temperaturePressure[5] = 0xFC;
            temperaturePressure[6] = 0xFF; // dig_P1 = 0xFEFF, unsigned
            temperaturePressure[7] = 0xFE;
            temperaturePressure[25] = 0xC8; // dig_H1 at 0xA1, unsigned

            // 0xE1..0xE7: dig_H2 = 0x8000, dig_H3 = 0xF0, E4 = 0xFF, E5 = 0xED, E6 = 0xFE, dig_H6 = 0x9C
            byte[] humidity = new byte[] { 0x00, 0x80, 0xF0, 0xFF, 0xED, 0xFE, 0x9C };

            Bme280Calibration calibration = new Bme280Calibration();
            calibration.Load(temperaturePressure, 0, humidity, 0);

            Check.Equal(27504, calibration.DigT1, "dig_T1");
            Check.Equal(-1000, calibration.DigT3, "dig_T3");
            Check.Equal(0xFEFF, calibration.DigP1, "dig_P1 unsigned");
            Check.Equal(200, calibration.DigH1, "dig_H1 unsigned");
            Check.Equal(-32768, calibration.DigH2, "dig_H2 signed");
            Check.Equal(240, calibration.DigH3, "dig_H3 unsigned");

            // dig_H4 = 0xFF:0xD = 0xFFD = -3 as signed 12-bit; dig_H5 = 0xFE:0xE = 0xFEE = -18
            Check.Equal(-3, calibration.DigH4, "dig_H4");
            Check.Equal(-18, calibration.DigH5, "dig_H5");
            Check.Equal(-100, calibration.DigH6, "dig_H6 signed");
        }

        public static void CalibrationDecodesPositiveTwelveBitHumidityWords()
        {
            FakeI2cDevice device = DatasheetDevice(DatasheetAdcT, DatasheetAdcP, 30000);
            Bme280Sensor sensor = NewSensor(device, new DelayRecorder());
            Check.Equal(SensorReadStatus.Ok, sensor.Initialize(), "initialize");

            Check.Equal(H4, sensor.Calibration.DigH4, "dig_H4");
            Check.Equal(H5, sensor.Calibration.DigH5, "dig_H5");
            Check.Equal(-14600, sensor.Calibration.DigP8, "dig_P8");
            Check.Equal(36477, sensor.Calibration.DigP1, "dig_P1");
        }

        public static void WrongChipIdIsWrongDevice()
        {
            FakeI2cDevice device = DatasheetDevice(DatasheetAdcT, DatasheetAdcP, 30000);
            device.Registers[0xD0] = 0x58; // a BMP280
            Bme280Sensor sensor = NewSensor(device, new DelayRecorder());
            EnvironmentReading reading = new EnvironmentReading();

            Check.Equal(SensorReadStatus.WrongDevice, sensor.Read(reading), "status");
            Check.False(reading.HasTemperature, "no temperature");
            Check.Equal(0, device.Writes.Count, "nothing written to a foreign device");
        }

        public static void NackIsNoResponse()
        {
            FakeI2cDevice device = DatasheetDevice(DatasheetAdcT, DatasheetAdcP, 30000);
            device.Nack = true;
            Bme280Sensor sensor = NewSensor(device, new DelayRecorder());
            EnvironmentReading reading = new EnvironmentReading();

            Check.Equal(SensorReadStatus.NoResponse, sensor.Read(reading), "status");
            Check.False(reading.HasTemperature || reading.HasPressure || reading.HasHumidity, "nothing reported");
        }

        public static void NackAfterSuccessReinitializesOnNextRead()
        {
            FakeI2cDevice device = DatasheetDevice(DatasheetAdcT, DatasheetAdcP, 30000);
            Bme280Sensor sensor = NewSensor(device, new DelayRecorder());
            EnvironmentReading reading = new EnvironmentReading();

            Check.Equal(SensorReadStatus.Ok, sensor.Read(reading), "first read");
            Check.Equal(SensorReadStatus.Ok, sensor.Read(reading), "second read");
            Check.Equal(1, device.CountRegisterWrites(0xE0), "one reset while healthy");

            device.Nack = true;
            Check.Equal(SensorReadStatus.NoResponse, sensor.Read(reading), "while unplugged");
            Check.False(reading.HasTemperature, "failed read reports nothing");

            device.Nack = false;
            Check.Equal(SensorReadStatus.Ok, sensor.Read(reading), "after replug");
            Check.Equal(2, device.CountRegisterWrites(0xE0), "reset again after the failure");
            Check.Equal(25.08, reading.TemperatureCelsius, 1e-9, "temperature");
        }

        public static void TemperatureOutOfRange()
        {
            // adc_T = 0xFFFF0 compensates to about 187 degC with the datasheet trimming
            FakeI2cDevice device = DatasheetDevice(0xFFFF0, DatasheetAdcP, 30000);
            Bme280Sensor sensor = NewSensor(device, new DelayRecorder());
            EnvironmentReading reading = new EnvironmentReading();

            // pressure and humidity are compensated with t_fine (datasheet §4.2.3): an impossible temperature spoils them
            Check.Equal(SensorReadStatus.OutOfRange, sensor.Read(reading), "status");
            Check.False(reading.HasTemperature || reading.HasHumidity || reading.HasPressure, "nothing reported");
            Check.False(reading.PressureOutOfRange, "no per-quantity verdict on a failed read");
        }

        public static void PressureOutOfRangeKeepsTemperatureAndHumidity()
        {
            // with the datasheet trimming at t_fine 128422: adc_P 300000 -> about 1206 hPa, 900000 -> about 182 hPa
            int[] rawPressure = new int[] { 300000, 900000 };
            for (int i = 0; i < rawPressure.Length; i++)
            {
                string what = " for adc_P " + rawPressure[i].ToString();
                FakeI2cDevice device = DatasheetDevice(DatasheetAdcT, rawPressure[i], 30000);
                Bme280Sensor sensor = NewSensor(device, new DelayRecorder());
                EnvironmentReading reading = new EnvironmentReading();

                Check.Equal(SensorReadStatus.Ok, sensor.Read(reading), "status" + what);
                Check.True(reading.HasTemperature, "temperature kept" + what);
                Check.Equal(25.08, reading.TemperatureCelsius, 1e-9, "temperature" + what);
                Check.True(reading.HasHumidity, "humidity kept" + what);
                Check.Equal(DoubleHumidityPercent(DatasheetCalibration(), DatasheetAdcT, 30000), reading.RelativeHumidityPercent, 0.01, "humidity" + what);
                Check.False(reading.HasPressure, "pressure not reported" + what);
                Check.True(reading.PressureOutOfRange, "pressure reported as out of range" + what);
            }
        }

        public static void PressureInRangeIsNotFlaggedAndTheFlagIsClearedOnTheNextRead()
        {
            FakeI2cDevice device = DatasheetDevice(DatasheetAdcT, 300000, 30000);
            Bme280Sensor sensor = NewSensor(device, new DelayRecorder());
            EnvironmentReading reading = new EnvironmentReading();
            Check.Equal(SensorReadStatus.Ok, sensor.Read(reading), "out-of-range read");
            Check.True(reading.PressureOutOfRange, "flagged");

            Put20Bit(device, 0xF7, DatasheetAdcP);
            Check.Equal(SensorReadStatus.Ok, sensor.Read(reading), "in-range read");
            Check.True(reading.HasPressure, "pressure reported");
            Check.False(reading.PressureOutOfRange, "flag cleared");
        }

        public static void InitializationAndMeasurementWritesInDatasheetOrder()
        {
            FakeI2cDevice device = DatasheetDevice(DatasheetAdcT, DatasheetAdcP, 30000);
            Bme280Sensor sensor = NewSensor(device, new DelayRecorder());
            EnvironmentReading reading = new EnvironmentReading();

            Check.Equal(SensorReadStatus.Ok, sensor.Read(reading), "first read");
            Check.Equal(SensorReadStatus.Ok, sensor.Read(reading), "second read");

            // soft reset, config (filter off), then per read ctrl_hum before ctrl_meas (§5.4.3):
            // ctrl_hum osrs_h = x1; ctrl_meas = osrs_t x1 (001) osrs_p x1 (001) forced (01) = 0x25
            Check.Equal(6, device.Writes.Count, "write count");
            Check.Bytes(new byte[] { 0xE0, 0xB6 }, (byte[])device.Writes[0], "reset");
            Check.Bytes(new byte[] { 0xF5, 0x00 }, (byte[])device.Writes[1], "config");
            Check.Bytes(new byte[] { 0xF2, 0x01 }, (byte[])device.Writes[2], "ctrl_hum, read 1");
            Check.Bytes(new byte[] { 0xF4, 0x25 }, (byte[])device.Writes[3], "ctrl_meas, read 1");
            Check.Bytes(new byte[] { 0xF2, 0x01 }, (byte[])device.Writes[4], "ctrl_hum, read 2");
            Check.Bytes(new byte[] { 0xF4, 0x25 }, (byte[])device.Writes[5], "ctrl_meas, read 2");
        }

        public static void OversamplingSettingsReachTheRegisters()
        {
            FakeI2cDevice device = DatasheetDevice(DatasheetAdcT, DatasheetAdcP, 30000);
            Bme280Sensor sensor = new Bme280Sensor(device, Bme280Oversampling.X2, Bme280Oversampling.X16, Bme280Oversampling.X4, new DelayRecorder().Wait);
            EnvironmentReading reading = new EnvironmentReading();

            Check.Equal(SensorReadStatus.Ok, sensor.Read(reading), "status");

            // ctrl_hum = 011 (x4); ctrl_meas = 010 (x2) 101 (x16) 01 (forced) = 0x55
            int hum = device.IndexOfRegisterWrite(0xF2, 0);
            int meas = device.IndexOfRegisterWrite(0xF4, 0);
            Check.True(hum >= 0 && meas > hum, "ctrl_hum before ctrl_meas");
            Check.Bytes(new byte[] { 0xF2, 0x03 }, (byte[])device.Writes[hum], "ctrl_hum");
            Check.Bytes(new byte[] { 0xF4, 0x55 }, (byte[])device.Writes[meas], "ctrl_meas");
        }

        public static void SkippedHumidityIsNotReported()
        {
            FakeI2cDevice device = DatasheetDevice(DatasheetAdcT, DatasheetAdcP, 0x8000);
            Bme280Sensor sensor = new Bme280Sensor(device, Bme280Oversampling.X1, Bme280Oversampling.X1, Bme280Oversampling.Skipped, new DelayRecorder().Wait);
            EnvironmentReading reading = new EnvironmentReading();

            Check.Equal(SensorReadStatus.Ok, sensor.Read(reading), "status");
            Check.True(reading.HasTemperature && reading.HasPressure, "temperature and pressure");
            Check.False(reading.HasHumidity, "no humidity");
            Check.Bytes(new byte[] { 0xF2, 0x00 }, (byte[])device.Writes[device.IndexOfRegisterWrite(0xF2, 0)], "ctrl_hum skipped");
        }

        public static void ResetValueInDataRegistersIsNoResponse()
        {
            // 0x80000 is the temperature register's reset value: no conversion ran (datasheet §5.4.8)
            FakeI2cDevice device = DatasheetDevice(0x80000, DatasheetAdcP, 30000);
            Bme280Sensor sensor = NewSensor(device, new DelayRecorder());
            EnvironmentReading reading = new EnvironmentReading();

            Check.Equal(SensorReadStatus.NoResponse, sensor.Read(reading), "status");
            Check.False(reading.HasTemperature, "not reported");
        }

        public static void MeasurementTimeFollowsAppendixB()
        {
            // t_measure,max = 1.25 + 2.3*T + (2.3*P + 0.575) + (2.3*H + 0.575) ms, rounded up
            Check.Equal(10, Bme280Sensor.MaximumMeasurementMilliseconds(Bme280Oversampling.X1, Bme280Oversampling.X1, Bme280Oversampling.X1), "x1 x1 x1: 9.3 ms");
            Check.Equal(14, Bme280Sensor.MaximumMeasurementMilliseconds(Bme280Oversampling.X1, Bme280Oversampling.X4, Bme280Oversampling.Skipped), "x1 x4 skip: 13.325 ms");
            Check.Equal(113, Bme280Sensor.MaximumMeasurementMilliseconds(Bme280Oversampling.X16, Bme280Oversampling.X16, Bme280Oversampling.X16), "x16 x16 x16: 112.8 ms");
            Check.Equal(4, Bme280Sensor.MaximumMeasurementMilliseconds(Bme280Oversampling.X1, Bme280Oversampling.Skipped, Bme280Oversampling.Skipped), "x1 only: 3.55 ms");
        }

        public static void ReadWaitsTheMeasurementTime()
        {
            FakeI2cDevice device = DatasheetDevice(DatasheetAdcT, DatasheetAdcP, 30000);
            DelayRecorder delays = new DelayRecorder();
            Bme280Sensor sensor = NewSensor(device, delays);
            Check.Equal(SensorReadStatus.Ok, sensor.Initialize(), "initialize");
            int before = delays.Count;

            Check.Equal(SensorReadStatus.Ok, sensor.Read(new EnvironmentReading()), "read");
            Check.Equal(1, delays.Count - before, "one wait when the status says done");
            Check.Equal(10, delays.At(before), "appendix B maximum for x1/x1/x1");
        }

        public static void ReadPollsStatusWhileMeasuring()
        {
            FakeI2cDevice device = DatasheetDevice(DatasheetAdcT, DatasheetAdcP, 30000);
            DelayRecorder delays = new DelayRecorder();
            Bme280Sensor sensor = NewSensor(device, delays);
            Check.Equal(SensorReadStatus.Ok, sensor.Initialize(), "initialize");
            int before = delays.Count;

            device.SetTransient(0xF3, 0x08, 3); // status.measuring for three more polls
            Check.Equal(SensorReadStatus.Ok, sensor.Read(new EnvironmentReading()), "read");
            Check.Equal(4, delays.Count - before, "measurement time then three 1 ms polls");
            Check.Equal(1, delays.At(before + 3), "poll interval");
        }

        public static void MeasurementThatNeverEndsIsNoResponse()
        {
            FakeI2cDevice device = DatasheetDevice(DatasheetAdcT, DatasheetAdcP, 30000);
            DelayRecorder delays = new DelayRecorder();
            Bme280Sensor sensor = NewSensor(device, delays);
            Check.Equal(SensorReadStatus.Ok, sensor.Initialize(), "initialize");

            device.SetTransient(0xF3, 0x08, 1000);
            EnvironmentReading reading = new EnvironmentReading();
            Check.Equal(SensorReadStatus.NoResponse, sensor.Read(reading), "read");
            Check.False(reading.HasTemperature, "not reported");
            Check.True(delays.TotalMilliseconds < 100, "bounded wait");
        }

        public static void InvalidSettingsThrow()
        {
            FakeI2cDevice device = new FakeI2cDevice();
            Check.Throws(typeof(System.ArgumentNullException), delegate { new Bme280Sensor(null); }, "null device");
            Check.Throws(typeof(System.ArgumentException), delegate { new Bme280Sensor(device, Bme280Oversampling.Skipped, Bme280Oversampling.X1, Bme280Oversampling.X1, null); }, "temperature skipped");
            Bme280Sensor sensor = new Bme280Sensor(device);
            Check.Throws(typeof(System.ArgumentNullException), delegate { sensor.Read(null); }, "null reading");
        }

        private static Bme280Sensor NewSensor(FakeI2cDevice device, DelayRecorder delays)
        {
            return new Bme280Sensor(device, Bme280Oversampling.X1, Bme280Oversampling.X1, Bme280Oversampling.X1, delays.Wait);
        }

        private static Bme280Calibration DatasheetCalibration()
        {
            Bme280Calibration c = new Bme280Calibration();
            c.DigT1 = 27504;
            c.DigT2 = 26435;
            c.DigT3 = -1000;
            c.DigP1 = 36477;
            c.DigP2 = -10685;
            c.DigP3 = 3024;
            c.DigP4 = 2855;
            c.DigP5 = 140;
            c.DigP6 = -7;
            c.DigP7 = 15500;
            c.DigP8 = -14600;
            c.DigP9 = 6000;
            c.DigH1 = H1;
            c.DigH2 = H2;
            c.DigH3 = H3;
            c.DigH4 = H4;
            c.DigH5 = H5;
            c.DigH6 = H6;
            return c;
        }

        /// <summary>A BME280 register map holding the example trimming and the given raw results.</summary>
        private static FakeI2cDevice DatasheetDevice(int adcT, int adcP, int adcH)
        {
            FakeI2cDevice device = new FakeI2cDevice();
            device.Registers[0xD0] = 0x60;

            int[] words = new int[] { 27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000 };
            for (int i = 0; i < words.Length; i++)
            {
                device.SetWordLittleEndian(0x88 + (2 * i), words[i]);
            }

            device.Registers[0xA1] = H1;
            device.SetWordLittleEndian(0xE1, H2);
            device.Registers[0xE3] = H3;
            device.Registers[0xE4] = (byte)(H4 >> 4);
            device.Registers[0xE5] = (byte)(((H5 & 0x0F) << 4) | (H4 & 0x0F));
            device.Registers[0xE6] = (byte)(H5 >> 4);
            device.Registers[0xE7] = H6;

            Put20Bit(device, 0xF7, adcP);
            Put20Bit(device, 0xFA, adcT);
            device.Registers[0xFD] = (byte)(adcH >> 8);
            device.Registers[0xFE] = (byte)(adcH & 0xFF);
            return device;
        }

        private static void Put20Bit(FakeI2cDevice device, int register, int value)
        {
            // msb[19:12] lsb[11:4] xlsb[7:4] (datasheet §5.4.7, §5.4.8)
            device.Registers[register] = (byte)((value >> 12) & 0xFF);
            device.Registers[register + 1] = (byte)((value >> 4) & 0xFF);
            device.Registers[register + 2] = (byte)((value & 0x0F) << 4);
        }

        // Datasheet appendix A §8.1, double precision, written out independently of the driver.
        private static double DoubleFineTemperature(Bme280Calibration c, int adcT)
        {
            double var1 = ((adcT / 16384.0) - (c.DigT1 / 1024.0)) * c.DigT2;
            double d = (adcT / 131072.0) - (c.DigT1 / 8192.0);
            double var2 = d * d * c.DigT3;
            return var1 + var2;
        }

        private static double DoublePressurePascals(Bme280Calibration c, int adcT, int adcP)
        {
            double tFine = (int)DoubleFineTemperature(c, adcT);
            double var1 = (tFine / 2.0) - 64000.0;
            double var2 = var1 * var1 * c.DigP6 / 32768.0;
            var2 = var2 + (var1 * c.DigP5 * 2.0);
            var2 = (var2 / 4.0) + (c.DigP4 * 65536.0);
            var1 = ((c.DigP3 * var1 * var1 / 524288.0) + (c.DigP2 * var1)) / 524288.0;
            var1 = (1.0 + (var1 / 32768.0)) * c.DigP1;
            double p = 1048576.0 - adcP;
            p = (p - (var2 / 4096.0)) * 6250.0 / var1;
            var1 = c.DigP9 * p * p / 2147483648.0;
            var2 = p * c.DigP8 / 32768.0;
            return p + ((var1 + var2 + c.DigP7) / 16.0);
        }

        private static double DoubleHumidityPercent(Bme280Calibration c, int adcT, int adcH)
        {
            double h = (int)DoubleFineTemperature(c, adcT) - 76800.0;
            h = (adcH - ((c.DigH4 * 64.0) + (c.DigH5 / 16384.0 * h)))
                * (c.DigH2 / 65536.0 * (1.0 + (c.DigH6 / 67108864.0 * h * (1.0 + (c.DigH3 / 67108864.0 * h)))));
            h = h * (1.0 - (c.DigH1 * h / 524288.0));
            return h;
        }
    }
}
