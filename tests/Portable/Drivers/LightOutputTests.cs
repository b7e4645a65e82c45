using HomeNode.Drivers.Outputs;

namespace HomeNode.Tests.Drivers
{
    public static class LightOutputTests
    {
        public static void ActiveHighDrivesHighForOn()
        {
            RecordingOutputPin pin = new RecordingOutputPin();
            LightOutput light = new LightOutput(pin, false);
            Check.Equal(1, pin.WriteCount, "driven at construction");
            Check.False(pin.LastLevel, "off = low");
            Check.False(light.IsOn, "starts off");

            light.On();
            Check.True(pin.LastLevel, "on = high");
            Check.True(light.IsOn, "is on");

            light.Off();
            Check.False(pin.LastLevel, "off = low");
            Check.False(light.IsOn, "is off");
        }

        public static void ActiveLowDrivesLowForOn()
        {
            RecordingOutputPin pin = new RecordingOutputPin();
            LightOutput light = new LightOutput(pin, true);
            Check.True(pin.LastLevel, "off = high");
            Check.True(light.ActiveLow, "active-low");

            light.On();
            Check.False(pin.LastLevel, "on = low");
            Check.True(light.IsOn, "is on");

            light.Set(false);
            Check.True(pin.LastLevel, "off = high");
            Check.False(light.IsOn, "is off");
        }

        public static void ToggleAlternates()
        {
            RecordingOutputPin pin = new RecordingOutputPin();
            LightOutput light = new LightOutput(pin, true);

            light.Toggle();
            Check.True(light.IsOn, "first toggle on");
            Check.False(pin.LastLevel, "on = low");

            light.Toggle();
            Check.False(light.IsOn, "second toggle off");
            Check.True(pin.LastLevel, "off = high");
            Check.Equal(3, pin.WriteCount, "construction and two toggles");
        }

        public static void InitiallyOnIsDrivenAtConstruction()
        {
            RecordingOutputPin pin = new RecordingOutputPin();
            LightOutput light = new LightOutput(pin, true, true);
            Check.Equal(1, pin.WriteCount, "one write");
            Check.False(pin.LastLevel, "on = low for active-low");
            Check.True(light.IsOn, "is on");
        }

        public static void RepeatedSetStillDrivesThePin()
        {
            RecordingOutputPin pin = new RecordingOutputPin();
            LightOutput light = new LightOutput(pin, false);
            light.Set(true);
            light.Set(true);
            Check.Equal(3, pin.WriteCount, "every command reaches the pin");
            Check.True(pin.LastLevel, "still high");
        }

        public static void AFailingPinKeepsTheLastStateAndDoesNotThrow()
        {
            RecordingOutputPin pin = new RecordingOutputPin();
            LightOutput light = new LightOutput(pin, false);
            light.On();
            pin.Fails = true;
            Check.False(light.Set(false), "write failed");
            light.Toggle();
            Check.True(light.IsOn, "still on");
            Check.Equal(2, light.WriteFailures, "counted");
            pin.Fails = false;
            Check.True(light.Set(false), "works again");
            Check.False(light.IsOn, "off");
        }

        public static void AFailingPinAtConstructionIsCounted()
        {
            RecordingOutputPin pin = new RecordingOutputPin();
            pin.Fails = true;
            LightOutput light = new LightOutput(pin, true, true);
            Check.False(light.IsOn, "never driven");
            Check.Equal(1, light.WriteFailures, "counted");
        }

        public static void NullPinThrows()
        {
            Check.Throws(typeof(System.ArgumentNullException), delegate { new LightOutput(null, false); }, "null pin");
        }
    }
}
