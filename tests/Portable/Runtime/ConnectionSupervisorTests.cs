using HomeNode.App.Runtime;
using HomeNode.Mqtt;
using HomeNode.Tests.Mqtt;

namespace HomeNode.Tests.Runtime
{
    /// <summary>The connection supervisor alone, against a fake clock: when CONNECT goes out, and what a loss does to the wait.</summary>
    public static class ConnectionSupervisorTests
    {
        private const string Config = "[broker]\nhost = 127.0.0.1\n[device]\nname = kitchen\nbase_topic = ourhome/kitchen\n";

        public static void ConnectsAtStartAndOnlyOnceTheBackoffAllows()
        {
            PartRig rig = new PartRig(Config);
            ConnectionSupervisor supervisor = rig.UseSupervisor();
            rig.Transport.OpenSucceeds = false;
            supervisor.Start(0);
            supervisor.Manage(0);
            Check.Equal(1, rig.Transport.OpenCount, "first attempt at start");
            Check.Equal(1, rig.Counters.FailedConnects, "counted");
            long next = supervisor.NextConnectAt;
            Check.True(next >= 1000, "then at least a second: " + next.ToString());
            rig.Clock.Now = next - 1;
            supervisor.Manage(rig.Clock.Now);
            Check.Equal(1, rig.Transport.OpenCount, "not before the wait is over");
            rig.Clock.Now = next;
            supervisor.Manage(rig.Clock.Now);
            Check.Equal(2, rig.Transport.OpenCount, "once it is");
        }

        public static void StatusFollowsTheNetworkAndTheClient()
        {
            PartRig rig = new PartRig(Config);
            ConnectionSupervisor supervisor = rig.UseSupervisor();
            supervisor.Start(0);
            Check.Equal(RuntimeStatus.WaitingToReconnect, supervisor.Status, "before the first attempt");
            supervisor.Manage(0);
            Check.Equal(RuntimeStatus.Connecting, supervisor.Status, "CONNECT sent");
            rig.Transport.Deliver(HexBytes.Parse("20 02 00 00"));
            rig.Client.Poll();
            Check.Equal(RuntimeStatus.Online, supervisor.Status, "CONNACK");
            rig.Hardware.NetworkUp = false;
            supervisor.Manage(100);
            Check.Equal(RuntimeStatus.WaitingForNetwork, supervisor.Status, "Wi-Fi lost");
            Check.False(rig.Transport.IsOpen, "the dead link is closed");
            rig.Clock.Now = 120000;
            supervisor.Manage(rig.Clock.Now);
            Check.Equal(1, rig.Transport.OpenCount, "no CONNECT without a network");
            rig.Hardware.NetworkUp = true;
            supervisor.Manage(rig.Clock.Now);
            Check.Equal(2, rig.Transport.OpenCount, "back at once when it returns");
        }

        /// <summary>
        /// Issue 10 item 3: a broker that accepts and drops at once (a twin with the same client id, an ACL that
        /// disconnects) must see CONNECTs spaced by the growing backoff, not one a second after every CONNACK.
        /// </summary>
        public static void ABrokerThatAcceptsAndDropsAtOnceSeesTheBackoffGrow()
        {
            PartRig rig = new PartRig(Config);
            ConnectionSupervisor supervisor = rig.UseSupervisor();
            rig.Transport.CloseWhenDrained = true;
            long[] connects = new long[200];
            int count = CountAcceptedAndDropped(rig, supervisor, 120000, connects);
            Check.True(count >= 5 && count <= 10, "CONNECTs in 120 s: " + count.ToString());
            Check.Equal(count - 1, rig.Counters.Reconnects, "each was accepted");
            for (int i = 1; i < count; i++)
            {
                long gap = connects[i] - connects[i - 1];
                long least = i == 1 ? 1000 : 1000L << (i - 2);
                Check.True(gap >= (least < 30000 ? least : 30000), "gap " + i.ToString() + ": " + gap.ToString() + " ms");
            }
        }

        /// <summary>
        /// A broker that answers pings but acknowledges nothing would keep the in-flight table full for good (MQTT 3.1.1
        /// resends only on reconnect): after two keep-alives (at least 30 s) without an acknowledgement the connection
        /// is dropped, counted, and the reconnect resends; an acknowledgement in time keeps it.
        /// </summary>
        public static void AConnectionThatAcknowledgesNothingIsDroppedAndAnAcknowledgementKeepsIt()
        {
            PartRig rig = new PartRig(Config);
            ConnectionSupervisor supervisor = rig.UseSupervisor();
            supervisor.Start(0);
            supervisor.Manage(0);
            rig.Transport.Deliver(HexBytes.Parse("20 02 00 00"));
            rig.Client.Poll();
            supervisor.OnConnected(0);
            ushort id;
            rig.Client.Publish("ourhome/kitchen/temperature", HexBytes.Ascii("21.0"), 0, 4, MqttQos.AtLeastOnce, false, out id);
            long wait = rig.Options.KeepAliveSeconds * 2000L;
            if (wait < AcknowledgementWatch.MinimumWaitMilliseconds)
            {
                wait = AcknowledgementWatch.MinimumWaitMilliseconds;
            }

            supervisor.Manage(1000);
            supervisor.AcknowledgementArrived(wait - 1000); // progress on another packet restarts the wait
            supervisor.Manage(wait + 500);
            Check.True(rig.Client.IsConnected, "an acknowledgement came within the wait");
            Check.Equal(0, rig.Counters.AcknowledgementStalls, "nothing counted");
            supervisor.Manage((2 * wait) - 1001);
            Check.True(rig.Client.IsConnected, "still within the wait");
            supervisor.Manage((2 * wait) - 1000);
            Check.False(rig.Client.IsConnected, "dropped after the wait with nothing acknowledged");
            Check.Equal(1, rig.Counters.AcknowledgementStalls, "counted");
            Check.Equal(1, rig.Client.Inflight.Count, "the message stays for the reconnect to resend");
        }

        /// <summary>A connection that lasted a minute was a real one: after its loss the backoff starts again at its base.</summary>
        public static void ALinkThatLastedStartsTheBackoffAgain()
        {
            PartRig rig = new PartRig(Config);
            ConnectionSupervisor supervisor = rig.UseSupervisor();
            rig.Transport.CloseWhenDrained = true;
            long[] connects = new long[200];
            CountAcceptedAndDropped(rig, supervisor, 60000, connects);

            // the next one stays up for a minute (PINGRESP for each PINGREQ keeps it alive), then the link breaks
            rig.Transport.CloseWhenDrained = false;
            while (rig.Client.State != MqttConnectionState.Connecting)
            {
                rig.Clock.Advance(100);
                supervisor.Manage(rig.Clock.Now);
            }

            rig.Transport.Deliver(HexBytes.Parse("20 02 00 00"));
            rig.Client.Poll();
            for (int i = 0; i < 610; i++)
            {
                rig.Clock.Advance(100);
                rig.Client.Poll();
                if (rig.Transport.SentCount > 0)
                {
                    rig.Transport.ClearSent();
                    rig.Transport.Deliver(HexBytes.Parse("D0 00"));
                }
            }

            Check.True(rig.Client.IsConnected, "up for a minute");
            rig.Transport.PeerClosed = true;
            rig.Client.Poll();
            long wait = supervisor.NextConnectAt - rig.Clock.Now;
            Check.True(wait <= 1000, "the base delay again, got " + wait.ToString() + " ms");
        }

        private static int CountAcceptedAndDropped(PartRig rig, ConnectionSupervisor supervisor, long milliseconds, long[] connects)
        {
            supervisor.Start(rig.Clock.Now);
            long end = rig.Clock.Now + milliseconds;
            int count = 0;
            int opens = rig.Transport.OpenCount;
            while (rig.Clock.Now < end)
            {
                supervisor.Manage(rig.Clock.Now);
                if (rig.Transport.OpenCount != opens)
                {
                    opens = rig.Transport.OpenCount;
                    connects[count++] = rig.Clock.Now;
                    rig.Transport.Deliver(HexBytes.Parse("20 02 00 00"));
                    rig.Client.Poll(); // CONNACK, then the broker closes the link
                    rig.Client.Poll();
                }

                rig.Clock.Advance(100);
            }

            return count;
        }
    }
}
