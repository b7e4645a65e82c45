using HomeNode.App.Runtime;
using HomeNode.Tests.App;

namespace HomeNode.Tests.Runtime
{
    /// <summary>What the runtime reports to its log: connect attempts, the connection, its loss with the reason, the wait.</summary>
    public static class RuntimeLogTests
    {
        private static RuntimeRig Rig(RecordingLog log)
        {
            return new RuntimeRig(RuntimeRig.DefaultConfig, new ScriptedHardware(), log);
        }

        public static void ConnectingAndConnectedAreReported()
        {
            RecordingLog log = new RecordingLog();
            RuntimeRig rig = Rig(log);
            rig.Runtime.Start();
            rig.Runtime.Poll();
            Check.Equal("mqtt: connecting to 127.0.0.1:1883 as homenode-kitchen", log.All(), "the attempt, before CONNACK");

            rig.Transport.Deliver(HexBytes.Parse("20 02 00 00"));
            rig.Runtime.Poll();
            Check.Equal(RuntimeStatus.Online, rig.Runtime.Status, "online");
            Check.Equal(2, log.Count, "two lines: " + log.All());
            Check.Equal("mqtt: connected", log[1], "CONNACK accepted");

            // steady state says nothing
            rig.AcknowledgeAll();
            rig.Run(30000, 1000);
            Check.Equal(2, log.Count, "no lines while nothing changes: " + log.All());
        }

        public static void ConnectionLossIsReportedWithTheReasonAndTheWait()
        {
            RecordingLog log = new RecordingLog();
            RuntimeRig rig = Rig(log);
            rig.StartConnected();
            log.Clear();

            rig.Transport.PeerClosed = true;
            rig.Runtime.Poll();
            string lost = log.Line("mqtt: connection lost: ");
            Check.True(lost.StartsWith("mqtt: connection lost: TransportClosed; next attempt in "), "reason by name: " + lost);
            Check.True(lost.EndsWith(" ms"), "the wait in milliseconds: " + lost);
            long wait = long.Parse(lost.Substring("mqtt: connection lost: TransportClosed; next attempt in ".Length, lost.Length - "mqtt: connection lost: TransportClosed; next attempt in ".Length - 3));
            Check.True(wait >= 1000 && wait <= 60000, "within the backoff: " + lost);

            // the runtime keeps its word: the next attempt comes after that wait, not before
            log.Clear();
            rig.Run(wait - 100, 100);
            Check.Equal(-1, log.IndexOf("mqtt: connecting"), "no attempt before the wait is over: " + log.All());
            rig.Run(200, 100);
            Check.True(log.IndexOf("mqtt: connecting to 127.0.0.1:1883") >= 0, "attempt once it is: " + log.All());
        }

        public static void RefusedAndFailedAttemptsAreReportedWithTheReason()
        {
            RecordingLog log = new RecordingLog();
            RuntimeRig rig = Rig(log);
            rig.Runtime.Start();
            rig.Runtime.Poll();
            rig.Transport.Deliver(HexBytes.Parse("20 02 00 05")); // CONNACK return code 5: not authorized (§3.2.2.3)
            rig.Runtime.Poll();
            string refused = log.Line("mqtt: connect failed: ");
            Check.True(refused.StartsWith("mqtt: connect failed: RefusedNotAuthorized; next attempt in "), "refusal by name: " + refused);

            log.Clear();
            rig.Transport.OpenSucceeds = false;
            for (int i = 0; i < 1200 && log.IndexOf("mqtt: connect failed: ") < 0; i++)
            {
                rig.Clock.Advance(100);
                rig.Runtime.Poll();
            }

            string failed = log.Line("mqtt: connect failed: ");
            Check.True(failed.StartsWith("mqtt: connect failed: TransportOpenFailed; next attempt in "), "no TCP connection: " + failed);
            Check.True(log.IndexOf("mqtt: connecting to ") >= 0 && log.IndexOf("mqtt: connecting to ") < log.IndexOf("mqtt: connect failed: "), "attempt first: " + log.All());
        }

        public static void NetworkLossAndReturnAreReported()
        {
            RecordingLog log = new RecordingLog();
            RuntimeRig rig = Rig(log);
            rig.StartConnected();
            log.Clear();

            rig.Hardware.NetworkUp = false;
            rig.Run(5000, 500);
            Check.Equal("network: down; waiting for it", log[0], "once, when it goes: " + log.All());
            Check.True(log.IndexOf("mqtt: connection lost: ") > 0, "the connection went with it: " + log.All());
            Check.Equal(-1, log.IndexOf("mqtt: connecting"), "no attempt without a network");
            Check.Equal(2, log.Count, "nothing more while it stays down: " + log.All());

            rig.Hardware.NetworkUp = true;
            rig.Run(5000, 100);
            Check.Equal("network: up", log[2], "when it comes back: " + log.All());
            Check.True(log.IndexOf("mqtt: connecting to ") > 2, "then the broker again: " + log.All());
        }
    }
}
