using System.Collections;
using HomeNode.App.Config;
using HomeNode.App.Runtime;
using HomeNode.App.Sensors;
using HomeNode.Drivers;
using HomeNode.Tests.Drivers;

namespace HomeNode.Tests.Runtime
{
    /// <summary>Scripted sensors and recording pins, handed out in configuration order.</summary>
    public sealed class ScriptedHardware : IDeviceHardware
    {
        public readonly ArrayList Sensors = new ArrayList();
        public readonly ArrayList Pins = new ArrayList();
        public bool NetworkUp = true;
        public bool MissingSensors;

        /// <summary>Hand out <see cref="LevelPin"/>s, which do not record every write (allocation tests).</summary>
        public bool LevelPinsOnly;

        public ScriptedSensor Sensor(int index)
        {
            return (ScriptedSensor)this.Sensors[index];
        }

        public RecordingOutputPin Pin(int index)
        {
            return (RecordingOutputPin)this.Pins[index];
        }

        public IEnvironmentSensor OpenSensor(SensorSettings sensor)
        {
            ScriptedSensor scripted = new ScriptedSensor();
            SensorKind kind = SensorKindTable.Of(sensor.Type);
            scripted.HasPressure = kind != null && kind.Measures(MeasurementKind.Pressure);
            this.Sensors.Add(scripted);
            return this.MissingSensors ? null : scripted;
        }

        public IOutputPin OpenLight(LightSettings light)
        {
            if (this.LevelPinsOnly)
            {
                LevelPin level = new LevelPin();
                this.Pins.Add(level);
                return level;
            }

            RecordingOutputPin pin = new RecordingOutputPin();
            this.Pins.Add(pin);
            return pin;
        }

        public long FreeMemoryBytes()
        {
            return 123456;
        }

        public int WifiSignalDbm()
        {
            return -61;
        }

        public bool IsNetworkUp()
        {
            return this.NetworkUp;
        }
    }
}
