using HomeNode.App.Runtime;

namespace HomeNode.Simulator
{
    /// <summary>
    /// The fleet's counters at one instant, summed over devices. Read from the reporting thread while the pollers run:
    /// each counter is a 64-bit field read atomically, so the sums are consistent enough for a report.
    /// </summary>
    public sealed class FleetSnapshot
    {
        public long TakenAtMilliseconds;
        public int Devices;
        public int Online;
        public int EverOnline;
        public long PublishedReadings;
        public long AcknowledgedPublishes;
        public long Reconnects;
        public long FailedConnects;
        public long FailedReads;
        public long Queued;
        public long Dropped;
        public long Commands;
        public long PublishesOut;
        public long ReceivedIn;
        public long ReadingsReceived;

        /// <summary>Readings handed to a client (QoS 1) that the monitor has not received: sum over devices of max(0, published - received).</summary>
        public long ReadingsMissing;

        /// <summary>Readings received beyond what was published (QoS 1 duplicates): sum over devices of max(0, received - published).</summary>
        public long ReadingsExtra;

        public static FleetSnapshot Take(SimulatedDevice[] devices, FleetMonitor monitor, long nowMilliseconds)
        {
            FleetSnapshot s = new FleetSnapshot { TakenAtMilliseconds = nowMilliseconds, Devices = devices.Length };
            foreach (SimulatedDevice device in devices)
            {
                RuntimeCounters c = device.Runtime.Counters;
                if (device.LastStatus == RuntimeStatus.Online)
                {
                    s.Online++;
                }

                if (device.EverOnline)
                {
                    s.EverOnline++;
                }

                long published = c.PublishedReadings;
                long received = device.Traffic.ReadingsReceived;
                s.PublishedReadings += published;
                s.ReadingsReceived += received;
                if (published > received)
                {
                    s.ReadingsMissing += published - received;
                }
                else
                {
                    s.ReadingsExtra += received - published;
                }

                s.AcknowledgedPublishes += c.AcknowledgedPublishes;
                s.Reconnects += c.Reconnects;
                s.FailedConnects += c.FailedConnects;
                s.FailedReads += c.FailedReads;
                s.Commands += c.Commands;
                s.Queued += device.Runtime.Queue.Count;
                s.Dropped += device.Runtime.Queue.DroppedCount;
                s.PublishesOut += device.Traffic.Publishes;
            }

            s.ReceivedIn = monitor == null ? 0 : monitor.Received;
            return s;
        }
    }
}
