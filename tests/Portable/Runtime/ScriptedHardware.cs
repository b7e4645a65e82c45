using System.Collections;
using HomeNode.App.Config;
using HomeNode.App.Runtime;
using HomeNode.App.Sensors;
using HomeNode.Drivers;
using HomeNode.Tests.Drivers;

namespace HomeNode.Tests.Runtime
{
    /// <summary>
    /// The test board, for every test that runs the firmware (portable and host, scripted transport or a real broker):
    /// a <see cref="ScriptedSensor"/> per configured sensor and a recording pin per light, handed out in configuration
    /// order and findable by name, a network switch, and fixed health figures.
    /// </summary>
    public sealed class ScriptedHardware : IDeviceHardware
    {
        public const long DefaultFreeMemory = 123456;
        public const int DefaultSignalDbm = -61;

        public readonly ArrayList Sensors = new ArrayList();
        public readonly ArrayList Pins = new ArrayList();
        public bool NetworkUp = true;

        /// <summary>Open* hand the sensors out as null (a part that cannot be opened); they are still made and listed.</summary>
        public bool MissingSensors;

        /// <summary>Hand out <see cref="LevelPin"/>s, which keep only the level and a count (allocation tests, long runs).</summary>
        public bool LevelPinsOnly;

        /// <summary>The first sensor's first temperature; each further sensor starts <see cref="SensorTemperatureSpacing"/> higher.</summary>
        public double SensorTemperatureStart = 21.0;

        public double SensorTemperatureSpacing;

        /// <summary>Added to a sensor's temperature after each successful read.</summary>
        public double SensorTemperatureStep;

        /// <summary>Sensors remember every temperature they hand out (<see cref="ScriptedSensor.Produced"/>).</summary>
        public bool RecordReadings;

        public long FreeMemory = DefaultFreeMemory;
        public int SignalDbm = DefaultSignalDbm;

        private readonly ArrayList sensorNames = new ArrayList();
        private readonly ArrayList pinNames = new ArrayList();

        public ScriptedSensor Sensor(int index)
        {
            return (ScriptedSensor)this.Sensors[index];
        }

        public ScriptedSensor SensorNamed(string name)
        {
            return (ScriptedSensor)this.Sensors[this.sensorNames.IndexOf(name)];
        }

        public RecordingOutputPin Pin(int index)
        {
            return (RecordingOutputPin)this.Pins[index];
        }

        public IOutputPin PinNamed(string name)
        {
            return (IOutputPin)this.Pins[this.pinNames.IndexOf(name)];
        }

        public IEnvironmentSensor OpenSensor(SensorSettings sensor)
        {
            ScriptedSensor scripted = new ScriptedSensor();
            SensorKind kind = SensorKindTable.Of(sensor.Type);
            scripted.HasPressure = kind != null && kind.Measures(MeasurementKind.Pressure);
            scripted.Temperature = this.SensorTemperatureStart + (this.SensorTemperatureSpacing * this.Sensors.Count);
            scripted.TemperatureStep = this.SensorTemperatureStep;
            scripted.Records = this.RecordReadings;
            this.Sensors.Add(scripted);
            this.sensorNames.Add(sensor.Name);
            return this.MissingSensors ? null : scripted;
        }

        public IOutputPin OpenLight(LightSettings light)
        {
            IOutputPin pin;
            if (this.LevelPinsOnly)
            {
                pin = new LevelPin();
            }
            else
            {
                pin = new RecordingOutputPin();
            }

            this.Pins.Add(pin);
            this.pinNames.Add(light.Name);
            return pin;
        }

        public long FreeMemoryBytes()
        {
            return this.FreeMemory;
        }

        public int WifiSignalDbm()
        {
            return this.SignalDbm;
        }

        public bool IsNetworkUp()
        {
            return this.NetworkUp;
        }
    }
}
