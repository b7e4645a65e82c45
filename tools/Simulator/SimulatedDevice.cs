using System.Text;
using HomeNode.App.Config;
using HomeNode.App.Runtime;
using HomeNode.Mqtt;

namespace HomeNode.Simulator
{
    /// <summary>One simulated board: the firmware runtime with its simulated hardware and its watched transport.</summary>
    public sealed class SimulatedDevice
    {
        private volatile bool everOnline;

        public SimulatedDevice(int index, HomeNodeConfig config, IMqttTransport transport, IMonotonicClock clock, double failureRate, LatencyRecorder latency)
        {
            this.Index = index;
            this.Config = config;
            this.Hardware = new SimulatedHardware(index + 1, failureRate);
            TimestampingTransport watched = new TimestampingTransport(transport);
            // Golden-ratio multiple: well-spread reconnect jitter seeds for consecutive device numbers.
            this.Runtime = new HomeNodeRuntime(config, watched, clock, this.Hardware, unchecked((uint)(index + 1) * 2654435761u));
            this.Traffic = CreateTraffic(index, this.Runtime, latency);
            watched.Traffic = this.Traffic;
        }

        public int Index { get; }

        public string Name => this.Config.Device.Name;

        public HomeNodeConfig Config { get; }

        public SimulatedHardware Hardware { get; }

        public HomeNodeRuntime Runtime { get; }

        public DeviceTraffic Traffic { get; }

        /// <summary>The runtime reached Online at least once (set by the poller thread).</summary>
        public bool EverOnline => this.everOnline;

        /// <summary>Last status seen by the poller thread (the runtime itself is only touched from that thread).</summary>
        public volatile RuntimeStatus LastStatus;

        /// <summary>One turn of the firmware loop; only from the device's poller thread.</summary>
        public void Poll()
        {
            this.Runtime.Poll();
            RuntimeStatus status = this.Runtime.Status;
            this.LastStatus = status;
            if (status == RuntimeStatus.Online)
            {
                this.everOnline = true;
            }
        }

        private static DeviceTraffic CreateTraffic(int index, HomeNodeRuntime runtime, LatencyRecorder latency)
        {
            int n = 0;
            foreach (SensorChannel sensor in runtime.Sensors)
            {
                n += sensor.Topics.Length;
            }

            string[] topics = new string[n];
            byte[][] bytes = new byte[n][];
            int t = 0;
            foreach (SensorChannel sensor in runtime.Sensors)
            {
                foreach (string topic in sensor.Topics)
                {
                    topics[t] = topic;
                    bytes[t] = Encoding.UTF8.GetBytes(topic);
                    t++;
                }
            }

            return new DeviceTraffic(index, topics, bytes, latency);
        }
    }
}
