using HomeNode.Mqtt;
using HomeNode.Tests.Mqtt;
using HomeNode.Tests.Runtime;

namespace HomeNode.Tests.DeviceTiming
{
    /// <summary>
    /// The firmware loop (HomeNodeRuntime) on a scripted broker and scripted sensor: a reading per 10 s of fake
    /// clock (the default configuration's period), each published at QoS 1 and acknowledged, as tests/Host RuntimeAllocationTests runs it. Counts readings
    /// from the runtime's own counter.
    /// </summary>
    public sealed class FirmwareReadings
    {
        private readonly RuntimeRig rig;
        private readonly byte[] puback = HexBytes.Parse("40 02 00 00");

        public FirmwareReadings()
        {
            this.rig = new RuntimeRig(RuntimeRig.DefaultConfig, new ScriptedHardware());
            this.rig.StartConnected();
            this.rig.AcknowledgeAll();
        }

        /// <summary>Readings the runtime published so far.</summary>
        public long Readings
        {
            get { return this.rig.Runtime.Counters.PublishedReadings; }
        }

        /// <summary>Runs the loop until <paramref name="readings"/> more readings were published (at most 20 loop steps of 10 fake seconds each).</summary>
        public bool Run(int readings)
        {
            long target = this.Readings + readings;
            long steps = (long)readings * 20;
            while (this.Readings < target && steps-- > 0)
            {
                this.rig.Clock.Advance(10000);
                this.rig.Runtime.Poll();
                InflightTable table = this.rig.Runtime.Client.Inflight;
                for (int slot = 0; slot < table.Capacity; slot++)
                {
                    if (table.Kinds[slot] == InflightTable.PublishAwaitingAck)
                    {
                        this.puback[2] = (byte)(table.PacketIds[slot] >> 8);
                        this.puback[3] = (byte)table.PacketIds[slot];
                        this.rig.Transport.Deliver(this.puback);
                    }
                }

                this.rig.Runtime.Poll();
                this.rig.Transport.ClearSent();
            }

            return this.Readings >= target;
        }
    }
}
