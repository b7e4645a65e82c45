using System.Collections;
using HomeNode.Drivers;
using HomeNode.Drivers.Sht3x;

namespace HomeNode.Tests.Drivers
{
    /// <summary>SHT3x driver: CRC vector and conversion formulas of the SHT3x-DIS datasheet (§4.12, §4.13), bus behaviour.</summary>
    public static class Sht3xTests
    {
        public static void CrcMatchesDatasheetExample()
        {
            // datasheet §4.12 table 20: CRC(0xBEEF) = 0x92
            Check.Equal(0x92, Sht3xCrc.Compute(new byte[] { 0xBE, 0xEF }, 0, 2), "CRC(0xBEEF)");
        }

        public static void CrcVectors()
        {
            // poly 0x31, init 0xFF, no reflection, no final XOR
            Check.Equal(0x81, Sht3xCrc.Compute(new byte[] { 0x00, 0x00 }, 0, 2), "CRC(0x0000)");
            Check.Equal(0x93, Sht3xCrc.Compute(new byte[] { 0x66, 0x66 }, 0, 2), "CRC(0x6666)");
            Check.Equal(0xA2, Sht3xCrc.Compute(new byte[] { 0x80, 0x00 }, 0, 2), "CRC(0x8000)");
            Check.Equal(0x92, Sht3xCrc.Compute(new byte[] { 0x11, 0xBE, 0xEF, 0x22 }, 1, 2), "offset respected");
        }

        public static void ConversionFormulaVectors()
        {
            // T = -45 + 175 * S / 65535; RH = 100 * S / 65535 (datasheet §4.13). 0x6666 = 26214 = 0.4 * 65535.
            Check.Equal(25.0, Sht3xSensor.ConvertTemperatureCelsius(0x6666), 1e-9, "T 0x6666");
            Check.Equal(-45.0, Sht3xSensor.ConvertTemperatureCelsius(0x0000), 1e-9, "T 0x0000");
            Check.Equal(130.0, Sht3xSensor.ConvertTemperatureCelsius(0xFFFF), 1e-9, "T 0xFFFF");
            Check.Equal(-45.0 + (175.0 * 32768 / 65535), Sht3xSensor.ConvertTemperatureCelsius(0x8000), 1e-9, "T 0x8000");
            Check.Equal(40.0, Sht3xSensor.ConvertRelativeHumidityPercent(0x6666), 1e-9, "RH 0x6666");
            Check.Equal(100.0, Sht3xSensor.ConvertRelativeHumidityPercent(0xFFFF), 1e-9, "RH 0xFFFF");
            Check.Equal(0.0, Sht3xSensor.ConvertRelativeHumidityPercent(0x0000), 1e-9, "RH 0x0000");
        }

        public static void ReadSendsSingleShotCommandWaitsAndConverts()
        {
            ScriptedI2cDevice device = new ScriptedI2cDevice();
            device.Response = new byte[] { 0x66, 0x66, 0x93, 0x80, 0x00, 0xA2 };
            DelayRecorder delays = new DelayRecorder();
            Sht3xSensor sensor = new Sht3xSensor(device, delays.Wait);
            EnvironmentReading reading = new EnvironmentReading();

            Check.Equal(SensorReadStatus.Ok, sensor.Read(reading), "status");

            // datasheet §4.3 table 9: high repeatability, clock stretching disabled = 0x2400
            Check.Equal(1, device.Writes.Count, "one command");
            Check.Bytes(new byte[] { 0x24, 0x00 }, (byte[])device.Writes[0], "command");
            Check.Equal(1, delays.Count, "one wait");
            Check.True(delays.At(0) >= 15, "waited the 15 ms maximum measurement duration");
            Check.True(reading.HasTemperature && reading.HasHumidity, "both quantities");
            Check.False(reading.HasPressure, "no pressure");
            Check.Equal(25.0, reading.TemperatureCelsius, 1e-9, "temperature");
            Check.Equal(100.0 * 32768 / 65535, reading.RelativeHumidityPercent, 1e-9, "humidity");
        }

        public static void TemperatureCrcMismatch()
        {
            ScriptedI2cDevice device = new ScriptedI2cDevice();
            device.Response = new byte[] { 0x66, 0x67, 0x93, 0x80, 0x00, 0xA2 };
            EnvironmentReading reading = new EnvironmentReading();

            Check.Equal(SensorReadStatus.ChecksumMismatch, new Sht3xSensor(device, new DelayRecorder().Wait).Read(reading), "status");
            Check.Equal(Sht3xSensor.MaximumAttempts, device.ReadCount, "asked again, then gave up");
            Check.False(reading.HasTemperature || reading.HasHumidity, "nothing reported");
        }

        public static void HumidityCrcMismatch()
        {
            ScriptedI2cDevice device = new ScriptedI2cDevice();
            device.Response = new byte[] { 0x66, 0x66, 0x93, 0x80, 0x00, 0xA3 };
            EnvironmentReading reading = new EnvironmentReading();

            Check.Equal(SensorReadStatus.ChecksumMismatch, new Sht3xSensor(device, new DelayRecorder().Wait).Read(reading), "status");
            Check.False(reading.HasTemperature || reading.HasHumidity, "nothing reported");
        }

        public static void NackOnCommandIsNoResponse()
        {
            ScriptedI2cDevice device = new ScriptedI2cDevice();
            device.Response = new byte[] { 0x66, 0x66, 0x93, 0x80, 0x00, 0xA2 };
            device.NackWrites = true;
            EnvironmentReading reading = new EnvironmentReading();

            Check.Equal(SensorReadStatus.NoResponse, new Sht3xSensor(device, new DelayRecorder().Wait).Read(reading), "status");
            Check.Equal(0, device.ReadCount, "no read after a refused command");
            Check.False(reading.HasTemperature, "nothing reported");
        }

        public static void NackOnReadIsNoResponse()
        {
            ScriptedI2cDevice device = new ScriptedI2cDevice();
            device.Response = new byte[] { 0x66, 0x66, 0x93, 0x80, 0x00, 0xA2 };
            device.NackReads = true;
            EnvironmentReading reading = new EnvironmentReading();

            Check.Equal(SensorReadStatus.NoResponse, new Sht3xSensor(device, new DelayRecorder().Wait).Read(reading), "status");
            Check.False(reading.HasTemperature, "nothing reported");
        }

        public static void TemperatureBelowOperatingRangeIsOutOfRange()
        {
            // raw 0x0000 with a valid CRC is -45 degC, below the -40 degC the sensor is specified for
            ScriptedI2cDevice device = new ScriptedI2cDevice();
            device.Response = new byte[] { 0x00, 0x00, 0x81, 0x80, 0x00, 0xA2 };
            EnvironmentReading reading = new EnvironmentReading();

            Check.Equal(SensorReadStatus.OutOfRange, new Sht3xSensor(device, new DelayRecorder().Wait).Read(reading), "status");
            Check.False(reading.HasTemperature, "nothing reported");
            Check.Equal(1, device.Writes.Count, "an answer that passed its CRC is not asked for again");
        }

        public static void ChecksumMismatchIsMeasuredAgain()
        {
            ScriptedI2cDevice device = new ScriptedI2cDevice();
            device.Response = new byte[] { 0x66, 0x66, 0x93, 0x80, 0x00, 0xA2 };
            device.QueuedResponses.Add(new byte[] { 0x66, 0x67, 0x93, 0x80, 0x00, 0xA2 });
            DelayRecorder delays = new DelayRecorder();
            EnvironmentReading reading = new EnvironmentReading();

            Check.Equal(SensorReadStatus.Ok, new Sht3xSensor(device, delays.Wait).Read(reading), "status");
            Check.Equal(2, device.Writes.Count, "measured twice");
            Check.Bytes(new byte[] { 0x24, 0x00 }, (byte[])device.Writes[1], "second command is a measurement, no reset");
            Check.Equal(25.0, reading.TemperatureCelsius, 1e-9, "temperature of the second answer");

            // datasheet §4.3 table 9: at least 1 ms between one command's end and the next command
            Check.True(delays.At(1) >= 1, "pause before the second command");
        }

        public static void NackedReadIsMeasuredAgain()
        {
            ScriptedI2cDevice device = new ScriptedI2cDevice();
            device.Response = new byte[] { 0x66, 0x66, 0x93, 0x80, 0x00, 0xA2 };
            device.NackNextReads = 1;
            EnvironmentReading reading = new EnvironmentReading();

            Check.Equal(SensorReadStatus.Ok, new Sht3xSensor(device, new DelayRecorder().Wait).Read(reading), "status");
            Check.Equal(2, device.ReadCount, "read twice");
            Check.True(reading.HasTemperature && reading.HasHumidity, "both quantities");
        }

        public static void SecondFailureSoftResetsBeforeTheLastAttempt()
        {
            ScriptedI2cDevice device = new ScriptedI2cDevice();
            device.Response = new byte[] { 0x66, 0x66, 0x93, 0x80, 0x00, 0xA2 };
            device.NackNextReads = 2;
            DelayRecorder delays = new DelayRecorder();
            ArrayList writesBeforeWait = new ArrayList();
            Sht3xSensor sensor = new Sht3xSensor(device, delegate(int milliseconds)
            {
                writesBeforeWait.Add(device.Writes.Count);
                delays.Wait(milliseconds);
            });
            EnvironmentReading reading = new EnvironmentReading();

            Check.Equal(SensorReadStatus.Ok, sensor.Read(reading), "status");
            Check.Equal(Sht3xSensor.MaximumAttempts, device.ReadCount, "every attempt used");

            // datasheet §4.9: soft reset 0x30A2, then the measurement again
            Check.Equal(4, device.Writes.Count, "measure, measure, reset, measure");
            Check.Bytes(new byte[] { 0x24, 0x00 }, (byte[])device.Writes[1], "second command");
            Check.Bytes(new byte[] { 0x30, 0xA2 }, (byte[])device.Writes[2], "soft reset");
            Check.Bytes(new byte[] { 0x24, 0x00 }, (byte[])device.Writes[3], "measurement after the reset");

            // datasheet §2.2 system timing: soft reset time t_SR at most 1.5 ms
            int afterReset = 0;
            for (int i = 0; i < delays.Count; i++)
            {
                if ((int)writesBeforeWait[i] == 3)
                {
                    afterReset += delays.At(i);
                }
            }

            Check.True(afterReset >= 2, "waited out t_SR (1.5 ms) before the next command: " + afterReset.ToString() + " ms");
            Check.Equal(25.0, reading.TemperatureCelsius, 1e-9, "temperature");
        }

        public static void PersistentFailureIsBoundedAndResetsOnce()
        {
            ScriptedI2cDevice device = new ScriptedI2cDevice();
            device.Response = new byte[] { 0x66, 0x66, 0x93, 0x80, 0x00, 0xA2 };
            device.NackReads = true;
            DelayRecorder delays = new DelayRecorder();
            Sht3xSensor sensor = new Sht3xSensor(device, delays.Wait);
            EnvironmentReading reading = new EnvironmentReading();

            Check.Equal(SensorReadStatus.NoResponse, sensor.Read(reading), "status");
            Check.False(reading.HasTemperature || reading.HasHumidity, "nothing reported");
            Check.Equal(Sht3xSensor.MaximumAttempts, device.ReadCount, "attempts");
            Check.Equal(4, device.Writes.Count, "three measurements and one reset");
            Check.True(delays.TotalMilliseconds <= (Sht3xSensor.MaximumAttempts * Sht3xSensor.MeasurementMilliseconds) + 10, "bounded wait: " + delays.TotalMilliseconds.ToString() + " ms");

            // The next read starts afresh: a healthy sensor answers the first command, no reset.
            device.NackReads = false;
            int writes = device.Writes.Count;
            Check.Equal(SensorReadStatus.Ok, sensor.Read(reading), "after recovery");
            Check.Equal(writes + 1, device.Writes.Count, "one command");
        }

        public static void FailedReadClearsPreviousValues()
        {
            ScriptedI2cDevice device = new ScriptedI2cDevice();
            device.Response = new byte[] { 0x66, 0x66, 0x93, 0x80, 0x00, 0xA2 };
            Sht3xSensor sensor = new Sht3xSensor(device, new DelayRecorder().Wait);
            EnvironmentReading reading = new EnvironmentReading();
            Check.Equal(SensorReadStatus.Ok, sensor.Read(reading), "first read");

            device.NackReads = true;
            Check.Equal(SensorReadStatus.NoResponse, sensor.Read(reading), "second read");
            Check.False(reading.HasTemperature || reading.HasHumidity, "stale values not reported");
        }

        public static void DefaultConstructorReallyWaits()
        {
            ScriptedI2cDevice device = new ScriptedI2cDevice();
            device.Response = new byte[] { 0x66, 0x66, 0x93, 0x80, 0x00, 0xA2 };
            Sht3xSensor sensor = new Sht3xSensor(device);

            System.DateTime start = System.DateTime.UtcNow;
            Check.Equal(SensorReadStatus.Ok, sensor.Read(new EnvironmentReading()), "status");
            System.TimeSpan elapsed = System.DateTime.UtcNow - start;

            // Thread.Sleep(15) never returns early; allow for a coarse clock
            Check.True(elapsed.Ticks >= 10 * System.TimeSpan.TicksPerMillisecond, "slept for the conversion");
        }
    }
}
