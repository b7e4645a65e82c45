using HomeNode.App.Queue;
using HomeNode.App.Runtime;

namespace HomeNode.Tests.Runtime
{
    /// <summary>The diagnostics publisher alone, against a fake clock.</summary>
    public static class DiagnosticsPublisherTests
    {
        private const string Config = "[broker]\nhost = 127.0.0.1\n[device]\nname = kitchen\nbase_topic = ourhome/kitchen\n";

        public static void ReportsOncePerPeriodAtQosZero()
        {
            PartRig rig = new PartRig(Config);
            DiagnosticsPublisher diagnostics = new DiagnosticsPublisher("ourhome/kitchen/diag", 60, rig.Hardware, new OfflineQueue(4, 8), rig.Client, rig.Counters, new byte[1024]);
            rig.Connect();
            rig.Clock.Now = 5000;
            diagnostics.Start(rig.Clock.Now);
            rig.Counters.Reconnects = 2;
            rig.Counters.StaleCommands = 3;
            for (long t = 5000; t <= 125000; t += 1000)
            {
                diagnostics.Publish(t);
            }

            SentPackets sent = rig.Sent();
            Check.Equal(3, sent.CountPublishes("ourhome/kitchen/diag"), "at 5, 65 and 125 s");
            SentPacket last = sent.LastPublish("ourhome/kitchen/diag");
            Check.Equal(0, last.Qos, "QoS 0");
            Check.False(last.Retain, "not retained");
            Check.True(last.Payload.IndexOf("\"uptime_s\":120") > 0, "uptime from Start: " + last.Payload);
            Check.True(last.Payload.IndexOf("\"reconnects\":2") > 0, "counters: " + last.Payload);
            Check.True(last.Payload.IndexOf("\"stale_commands\":3") > 0, "stale commands: " + last.Payload);
            Check.True(last.Payload.IndexOf("\"free_memory\":123456") > 0, "board health: " + last.Payload);
        }

        public static void PeriodZeroReportsNothing()
        {
            PartRig rig = new PartRig(Config);
            DiagnosticsPublisher diagnostics = new DiagnosticsPublisher("ourhome/kitchen/diag", 0, rig.Hardware, new OfflineQueue(4, 8), rig.Client, rig.Counters, new byte[1024]);
            rig.Connect();
            diagnostics.Start(0);
            diagnostics.Publish(0);
            diagnostics.Publish(600000);
            Check.Equal(0, rig.Sent().Count, "nothing");
        }
    }
}
