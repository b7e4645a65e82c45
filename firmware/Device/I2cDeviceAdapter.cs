using System;
using System.Device.I2c;
using HomeNode.Drivers;
using nanoFramework.Hardware.Esp32;

namespace HomeNode.Device
{
    /// <summary>One I2C device over nanoFramework's <see cref="I2cDevice"/>.</summary>
    /// <remarks>
    /// System.Device.I2c 1.1.x (the CoreLibrary 1.17 line) takes <c>SpanByte</c>: Read(SpanByte), Write(SpanByte),
    /// WriteRead(SpanByte, SpanByte), each returning an <see cref="I2cTransferResult"/> struct
    /// (nanoframework/System.Device.I2c System.Device.I2c/I2cTransferResult.cs, I2cTransferStatus.cs). SpanByte is a
    /// readonly ref struct in mscorlib 1.17.11 (checked in the package's metadata; source nanoframework/CoreLibrary
    /// System/SpanByte.cs), so wrapping the caller's array with <c>new SpanByte(array, offset, count)</c> allocates
    /// nothing. Releases on the CoreLibrary 2.x line switched to Span&lt;byte&gt; (current I2cDevice.cs); this adapter is
    /// written for the 1.17 line.
    /// <para>Pins: on ESP32, <c>I2cDevice.Create</c> configures the bus with the GPIOs the device map holds for it
    /// (nf-interpreter targets/ESP32/_nanoCLR/System.Device.I2c/sys_dev_i2c_native_System_Device_I2c_I2cDevice.cpp:
    /// <c>Esp32_GetMappedDevicePins(DEV_TYPE_I2C, bus, 0 / 1)</c>), GPIO 18/19 for I2C1 unless told otherwise. So the
    /// configured pins are put in the map first, with nanoFramework.Hardware.Esp32
    /// <c>Configuration.SetPinFunction(int pin, DeviceFunction value)</c> and <c>DeviceFunction.I2C1_DATA</c>,
    /// <c>I2C1_CLOCK</c>, <c>I2C2_DATA</c>, <c>I2C2_CLOCK</c> (nanoframework/nanoFramework.Hardware.Esp32 v1.6.40,
    /// Configuration.cs and DeviceTypePins.cs).</para>
    /// </remarks>
    public sealed class I2cDeviceAdapter : II2cDevice, IDisposable
    {
        private readonly I2cDevice device;

        /// <param name="busId">I2C bus number: 1 (I2C1) or 2 (I2C2).</param>
        /// <param name="address">7-bit device address.</param>
        /// <param name="sdaPin">The bus's data GPIO (the configuration's <c>[i2c N] sda</c>, or its default).</param>
        /// <param name="sclPin">The bus's clock GPIO.</param>
        public I2cDeviceAdapter(int busId, int address, int sdaPin, int sclPin)
        {
            if (busId != 1 && busId != 2)
            {
                throw new ArgumentOutOfRangeException("busId", "1 or 2: the ESP32 has I2C1 and I2C2");
            }

            Configuration.SetPinFunction(sdaPin, busId == 1 ? DeviceFunction.I2C1_DATA : DeviceFunction.I2C2_DATA);
            Configuration.SetPinFunction(sclPin, busId == 1 ? DeviceFunction.I2C1_CLOCK : DeviceFunction.I2C2_CLOCK);
            this.device = I2cDevice.Create(new I2cConnectionSettings(busId, address));
        }

        public bool Write(byte[] buffer, int offset, int count)
        {
            I2cTransferResult result = this.device.Write(new SpanByte(buffer, offset, count));
            return IsComplete(result, count);
        }

        public bool Read(byte[] buffer, int offset, int count)
        {
            I2cTransferResult result = this.device.Read(new SpanByte(buffer, offset, count));
            return IsComplete(result, count);
        }

        public bool WriteRead(byte[] writeBuffer, int writeOffset, int writeCount, byte[] readBuffer, int readOffset, int readCount)
        {
            I2cTransferResult result = this.device.WriteRead(
                new SpanByte(writeBuffer, writeOffset, writeCount),
                new SpanByte(readBuffer, readOffset, readCount));
            return IsComplete(result, writeCount + readCount);
        }

        public void Dispose()
        {
            this.device.Dispose();
        }

        private static bool IsComplete(I2cTransferResult result, int expectedBytes)
        {
            // FullTransfer means BytesTransferred equals the buffer sizes (sum of both for WriteRead, I2cTransferStatus.cs);
            // NACK, clock-stretch time-out and unknown errors all mean "the device did not answer" to the drivers.
            return result.Status == I2cTransferStatus.FullTransfer && result.BytesTransferred == (uint)expectedBytes;
        }
    }
}
