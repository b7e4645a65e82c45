using System;
using HomeNode.Drivers;
using HomeNode.Drivers.Bme280;
using HomeNode.Drivers.Outputs;
using HomeNode.Drivers.Sht3x;
using HomeNode.Tests.Drivers;
using Xunit;

namespace HomeNode.Tests.Host.Drivers
{
    /// <summary>The drivers allocate nothing once constructed (the device runs for months on a small heap).</summary>
    public class DriverSteadyStateTests
    {
        private static void NoWait(int milliseconds)
        {
        }

        [Fact]
        public void Bme280ReadDoesNotAllocate()
        {
            FakeI2cDevice device = new FakeI2cDevice();
            device.Registers[0xD0] = 0x60;
            device.SetWordLittleEndian(0x88, 27504);
            device.SetWordLittleEndian(0x8A, 26435);
            device.SetWordLittleEndian(0x8C, -1000);
            device.SetWordLittleEndian(0x8E, 36477);
            device.SetWordLittleEndian(0x90, -10685);
            device.SetWordLittleEndian(0x92, 3024);
            device.SetWordLittleEndian(0x94, 2855);
            device.SetWordLittleEndian(0x96, 140);
            device.SetWordLittleEndian(0x98, -7);
            device.SetWordLittleEndian(0x9A, 15500);
            device.SetWordLittleEndian(0x9C, -14600);
            device.SetWordLittleEndian(0x9E, 6000);
            device.Registers[0xA1] = 75;
            device.SetWordLittleEndian(0xE1, 362);
            device.Registers[0xE4] = 19;
            device.Registers[0xE5] = 0x29;
            device.Registers[0xE6] = 3;
            device.Registers[0xE7] = 30;
            device.Registers[0xF7] = 0x65; // adc_P 415148 = 0x655AC
            device.Registers[0xF8] = 0x5A;
            device.Registers[0xF9] = 0xC0;
            device.Registers[0xFA] = 0x7E; // adc_T 519888 = 0x7EED0
            device.Registers[0xFB] = 0xED;
            device.Registers[0xFC] = 0x00;
            device.Registers[0xFD] = 0x75; // adc_H 30000
            device.Registers[0xFE] = 0x30;

            Bme280Sensor sensor = new Bme280Sensor(device, Bme280Oversampling.X1, Bme280Oversampling.X1, Bme280Oversampling.X1, NoWait);
            EnvironmentReading reading = new EnvironmentReading();
            Assert.Equal(SensorReadStatus.Ok, sensor.Read(reading));
            Assert.Equal(25.08, reading.TemperatureCelsius, 9);

            // The fake copies each write into its log (two byte[2] per read, ctrl_hum and ctrl_meas); anything
            // beyond that is the driver's. Capacity is reserved so the log's own growth does not count.
            device.Writes.Capacity = 1024;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                sensor.Read(reading);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            long perWriteCopy = SizeOfByteArray(2);
            Assert.Equal(200 * perWriteCopy, allocated);
        }

        [Fact]
        public void Sht3xReadDoesNotAllocate()
        {
            ScriptedI2cDevice device = new ScriptedI2cDevice();
            device.Response = new byte[] { 0x66, 0x66, 0x93, 0x80, 0x00, 0xA2 };
            Sht3xSensor sensor = new Sht3xSensor(device, NoWait);
            EnvironmentReading reading = new EnvironmentReading();
            Assert.Equal(SensorReadStatus.Ok, sensor.Read(reading));

            // one byte[2] per read is the fake's copy of the command
            device.Writes.Capacity = 1024;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                sensor.Read(reading);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(100 * SizeOfByteArray(2), allocated);
        }

        [Fact]
        public void LightOutputDoesNotAllocate()
        {
            CountingPin pin = new CountingPin();
            LightOutput light = new LightOutput(pin, true);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                light.Toggle();
                light.On();
                light.Off();
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(301, pin.Writes);
        }

        private static long SizeOfByteArray(int length)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            byte[] probe = new byte[length];
            long size = GC.GetAllocatedBytesForCurrentThread() - before;
            GC.KeepAlive(probe);
            return size;
        }

        private sealed class CountingPin : IOutputPin
        {
            public int Writes;

            public void Write(bool high)
            {
                this.Writes++;
            }
        }
    }
}
