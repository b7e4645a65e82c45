using System;

namespace HomeNode.Simulator
{
    /// <summary>What the loop and the end of the run share.</summary>
    internal sealed class SessionState
    {
        private readonly long heapBefore;
        private readonly long workingSetBefore;

        public SessionState(SimulatedDevice[] devices, FleetMonitor monitor, PhoneApp phone, DeviceFleet fleet, BrokerTarget broker, CommandInput input, LatencyRecorder latencies, long heapBefore, long workingSetBefore)
        {
            this.Devices = devices;
            this.Monitor = monitor;
            this.Phone = phone;
            this.Fleet = fleet;
            this.Broker = broker;
            this.Input = input;
            this.Latencies = latencies;
            this.heapBefore = heapBefore;
            this.workingSetBefore = workingSetBefore;
        }

        public SimulatedDevice[] Devices { get; }

        public FleetMonitor Monitor { get; }

        public PhoneApp Phone { get; }

        public DeviceFleet Fleet { get; }

        public BrokerTarget Broker { get; }

        public CommandInput Input { get; }

        public LatencyRecorder Latencies { get; }

        public FleetSnapshot Last { get; set; }

        public long EndedAtMilliseconds { get; set; }

        public long ManagedBytesPerDevice { get; private set; }

        public long WorkingSetBytesPerDevice { get; private set; }

        public void MeasureMemory()
        {
            long heap = GC.GetTotalMemory(true);
            this.ManagedBytesPerDevice = Math.Max(1, (heap - this.heapBefore) / this.Devices.Length);
            this.WorkingSetBytesPerDevice = Math.Max(0, (SimulatorSession.WorkingSet() - this.workingSetBefore) / this.Devices.Length);
        }
    }
}
