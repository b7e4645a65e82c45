namespace HomeNode.App.Config
{
    /// <summary>One <c>[light NAME]</c> section: a relay or LED on a GPIO, switched by MQTT commands. Fields hold the defaults until parsed.</summary>
    public sealed class LightSettings
    {
        /// <summary>The section's name: unique among sensors and lights, used in the default topic and in discovery ids.</summary>
        public string Name;

        public int Pin;

        /// <summary>The light is on when the pin is low (most relay boards).</summary>
        public bool ActiveLow;

        /// <summary>State topic; defaults to base topic + "/" + name.</summary>
        public string Topic;

        public PowerOnState PowerOn = PowerOnState.Off;
    }
}
