using System;
using HomeNode.App.Config;
using HomeNode.App.Runtime;
using HomeNode.Drivers;

namespace HomeNode.Simulator
{
    /// <summary>The board of one simulated device: drifting sensors, recording pins, a network that is always up.</summary>
    public sealed class SimulatedHardware : IDeviceHardware
    {
        private readonly int seed;
        private readonly double failureRate;
        private int opened;
        private volatile bool sensorsPaused;

        public SimulatedHardware(int seed, double failureRate)
        {
            this.seed = seed;
            this.failureRate = failureRate;
        }

        /// <summary>
        /// While true every sensor read fails (as TooSoon) and so nothing new is published; used at the end of a run so
        /// the readings already handed to the MQTT client can be counted against what arrived.
        /// </summary>
        public bool SensorsPaused
        {
            get => this.sensorsPaused;
            set => this.sensorsPaused = value;
        }

        public IEnvironmentSensor OpenSensor(SensorSettings sensor)
        {
            return new SimulatedSensor(sensor.Type, unchecked((this.seed * 31) + this.opened++), this.failureRate, this);
        }

        public IOutputPin OpenLight(LightSettings light)
        {
            return new SimulatedPin(light.Pin);
        }

        public long FreeMemoryBytes()
        {
            return -1; // a PC's free memory says nothing about a board's
        }

        public int WifiSignalDbm()
        {
            return 0;
        }

        public bool IsNetworkUp()
        {
            return true;
        }
    }
}
