using HomeNode.Mqtt;
using HomeNode.Tests.Mqtt;

namespace HomeNode.Tests.DeviceAllocation
{
    /// <summary>
    /// The steady-state loop of tests/Host/Mqtt/MqttAllocationTests on a connected <see cref="ClientRig"/>: publish to
    /// a topic prepared as bytes, the broker's PUBACK for QoS 1, one incoming PUBLISH, one Poll. Everything the loop
    /// touches is allocated by the constructor; <see cref="Run"/> counts what went wrong in ints, so it allocates
    /// nothing of its own.
    /// </summary>
    public sealed class PublishCycles
    {
        private readonly ClientRig rig;
        private readonly MqttQos qos;
        private readonly byte[] topic = HexBytes.Ascii("ourhome/firstfloor/kitchen/temperature");
        private readonly byte[] payload = HexBytes.Ascii("21.5");
        private readonly byte[] incoming;
        private readonly byte[] acknowledgement;
        private int completed;

        public PublishCycles(MqttQos qos)
        {
            this.qos = qos;
            if (qos == MqttQos.AtMostOnce)
            {
                this.incoming = HexBytes.Parse("30 0A 00 04 61 2F 62 63 32 31 2E 35");
            }
            else
            {
                this.incoming = HexBytes.Parse("32 0C 00 04 61 2F 62 63 00 07 32 31 2E 35");
                this.acknowledgement = HexBytes.Parse("40 02 00 00");
            }

            this.rig = new ClientRig(512, 8, 128);
            this.rig.Options.CleanSession = false;
            this.rig.Handler.CopyMessages = false;
            this.rig.Connect();
        }

        /// <summary>Cycles run so far.</summary>
        public int Completed
        {
            get { return this.completed; }
        }

        /// <summary>
        /// Runs <paramref name="count"/> cycles; returns how many went wrong (a refused publish, a failed poll, a
        /// missing message or acknowledgement, a dropped connection).
        /// </summary>
        public int Run(int count)
        {
            int wrong = 0;
            for (int i = 0; i < count; i++)
            {
                int messages = this.rig.Handler.Messages;
                int acknowledged = this.rig.Handler.Acknowledged;
                ushort id;
                if (this.rig.Client.Publish(this.topic, 0, this.topic.Length, this.payload, 0, this.payload.Length, this.qos, false, out id) != MqttStatus.Ok)
                {
                    wrong++;
                }

                if (this.acknowledgement != null)
                {
                    this.acknowledgement[2] = (byte)(id >> 8);
                    this.acknowledgement[3] = (byte)id;
                    this.rig.Transport.Deliver(this.acknowledgement);
                }

                this.rig.Transport.Deliver(this.incoming);
                if (this.rig.Client.Poll() != MqttStatus.Ok)
                {
                    wrong++;
                }

                this.rig.Transport.ClearSent();
                if (this.rig.Handler.Messages != messages + 1)
                {
                    wrong++;
                }

                if (this.acknowledgement != null && (this.rig.Handler.Acknowledged != acknowledged + 1 || this.rig.Client.Inflight.Count != 0))
                {
                    wrong++;
                }

                if (!this.rig.Client.IsConnected)
                {
                    wrong++;
                }

                this.completed++;
            }

            return wrong;
        }
    }
}
