using System;
using System.Device.Gpio;
using HomeNode.Drivers;

namespace HomeNode.Device
{
    /// <summary>A light or relay output over nanoFramework's <see cref="GpioPin"/>.</summary>
    /// <remarks>
    /// API read from nanoframework/System.Device.Gpio System.Device.Gpio/GpioController.cs (OpenPin(int, PinMode)
    /// returns the opened GpioPin) and GpioPin.cs (Write(PinValue) locks and calls WriteNative: no allocation).
    /// </remarks>
    public sealed class GpioOutputPin : IOutputPin, IDisposable
    {
        private readonly GpioPin pin;

        /// <param name="controller">Shared by every pin of the board.</param>
        /// <param name="pinNumber">Logical GPIO number (ESP32: the GPIOn number).</param>
        /// <param name="initialHigh">Level driven right after opening, before the firmware decides (off for the light's polarity).</param>
        public GpioOutputPin(GpioController controller, int pinNumber, bool initialHigh)
        {
            if (controller == null)
            {
                throw new ArgumentNullException("controller");
            }

            this.pin = controller.OpenPin(pinNumber, PinMode.Output);
            this.Write(initialHigh);
        }

        public void Write(bool high)
        {
            this.pin.Write(high ? PinValue.High : PinValue.Low);
        }

        public void Dispose()
        {
            this.pin.Dispose();
        }
    }
}
