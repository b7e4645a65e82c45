using System;

namespace HomeNode.Drivers.Outputs
{
    /// <summary>
    /// A light or relay on one digital output. Callers speak of on and off; this type knows whether "on" is a
    /// high or a low level (many relay boards and sink-wired LEDs are active-low).
    /// </summary>
    /// <remarks>The pin is driven to "off" at construction so a reboot never leaves the output in an unknown state.</remarks>
    public sealed class LightOutput
    {
        private readonly IOutputPin pin;
        private readonly bool activeLow;
        private bool isOn;

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
        public void Set(bool on)
        {
            this.pin.Write(on != this.activeLow);
            this.isOn = on;
        }
    }
}
