using System.Collections.Generic;
using HomeNode.App.Config;
using HomeNode.App.Runtime;
using HomeNode.Drivers;

namespace HomeNode.Tests.Host.Integration
{
    /// <summary>
    /// The board, simulated for the firmware runtime: every configured sensor is a <see cref="SequenceSensor"/> (each
    /// starting 100 degrees above the previous one), every light a <see cref="RecordingPin"/>; the network is up.
    /// </summary>
    public sealed class SimulatedHardware : IDeviceHardware
    {
        public const long SimulatedFreeMemory = 98304;
        public const int SimulatedSignalDbm = -58;

        private readonly Dictionary<string, SequenceSensor> sensors = new Dictionary<string, SequenceSensor>();
        private readonly Dictionary<string, RecordingPin> pins = new Dictionary<string, RecordingPin>();

        public SimulatedHardware(int firstTemperature)
        {
            this.FirstTemperature = firstTemperature;
        }

        public int FirstTemperature { get; }

        public SequenceSensor Sensor(string name) => this.sensors[name];

        public RecordingPin Pin(string name) => this.pins[name];

        public IEnvironmentSensor OpenSensor(SensorSettings sensor)
        {
            SequenceSensor simulated = new SequenceSensor(this.FirstTemperature + (100 * this.sensors.Count), 45.0);
            this.sensors[sensor.Name] = simulated;
            return simulated;
        }

        public IOutputPin OpenLight(LightSettings light)
        {
            RecordingPin pin = new RecordingPin();
            this.pins[light.Name] = pin;
            return pin;
        }

        public long FreeMemoryBytes() => SimulatedFreeMemory;

        public int WifiSignalDbm() => SimulatedSignalDbm;

        public bool IsNetworkUp() => true;
    }
}
