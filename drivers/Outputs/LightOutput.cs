using System;

namespace HomeNode.Drivers.Outputs
{
    /// <summary>
    /// A light or relay on one digital output. Callers speak of on and off; this type knows whether "on" is a
    /// high or a low level (many relay boards and sink-wired LEDs are active-low).
    /// </summary>
    /// <remarks>
    /// The pin is driven to "off" at construction so a reboot never leaves the output in an unknown state. A pin write
    /// that throws (a GPIO driver error) does not reach the caller: it is counted in <see cref="WriteFailures"/>,
    /// <see cref="IsOn"/> keeps the last state the pin took, and the next command writes the pin again. One bad output
    /// must not stop the firmware loop, nor the message dispatch that switched it.
    /// </remarks>
    public sealed class LightOutput
    {
        private readonly IOutputPin pin;
        private readonly bool activeLow;
        private bool isOn;
        private int writeFailures;

        public LightOutput(IOutputPin pin, bool activeLow)
            : this(pin, activeLow, false)
        {
        }

        /// <param name="initiallyOn">The state driven at construction (for a relay that must stay on across a reboot).</param>
        public LightOutput(IOutputPin pin, bool activeLow, bool initiallyOn)
        {
            if (pin == null)
            {
                throw new ArgumentNullException("pin");
            }

            this.pin = pin;
            this.activeLow = activeLow;
            this.Set(initiallyOn);
        }

        public bool IsOn
        {
            get { return this.isOn; }
        }

        public bool ActiveLow
        {
            get { return this.activeLow; }
        }

        /// <summary>Pin writes that threw since construction.</summary>
        public int WriteFailures
        {
            get { return this.writeFailures; }
        }

        public void On()
        {
            this.Set(true);
        }

        public void Off()
        {
            this.Set(false);
        }

        public void Toggle()
        {
            this.Set(!this.isOn);
        }

        /// <summary>Drives the pin even when the state is unchanged, so a glitched pin is corrected by the next command.</summary>
        /// <returns>False when the pin write threw; the state is then unchanged.</returns>
        public bool Set(bool on)
        {
            try
            {
                this.pin.Write(on != this.activeLow);
            }
            catch (Exception)
            {
                if (this.writeFailures < int.MaxValue)
                {
                    this.writeFailures++;
                }

                return false;
            }

            this.isOn = on;
            return true;
        }
    }
}
