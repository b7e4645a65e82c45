using System;
using HomeNode.App.Config;
using HomeNode.App.Runtime;
using HomeNode.Drivers;

namespace HomeNode.Soak
{
    /// <summary>One <see cref="SoakSensor"/>, no lights, the network always up.</summary>
    public sealed class SoakHardware : IDeviceHardware
    {
        public SoakSensor Sensor { get; } = new SoakSensor();

        public IEnvironmentSensor OpenSensor(SensorSettings sensor) => this.Sensor;

        public IOutputPin OpenLight(LightSettings light) => null;

        public long FreeMemoryBytes() => GC.GetTotalMemory(false);

        public int WifiSignalDbm() => 0;

        public bool IsNetworkUp() => true;
    }
}
