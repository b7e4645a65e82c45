using System;
using HomeNode.Tests;

namespace HomeNode.Tests.DeviceRunner
{
    /// <summary>
    /// Runs every case of the portable suite and writes one line per case and the summary "N passed, N failed" to the
    /// console, which survives a Release build on nanoFramework (Debug.WriteLine does not: it is [Conditional("DEBUG")]
    /// in mscorlib 1.17.11). The last line is "SUITE OK" or "SUITE FAILED", so a script can tell a finished run from
    /// a runtime that died part way.
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            // the suite's assemblies: the MQTT client's cases, the firmware's, the runtime's, the WebSocket transport's, MQTT 5.0's
            Type[] types = PortableSuite.Join(typeof(Check).Assembly.GetTypes(), typeof(HomeNode.Tests.App.ConfigText).Assembly.GetTypes());
            types = PortableSuite.Join(types, typeof(HomeNode.Tests.Runtime.RuntimeRig).Assembly.GetTypes());
            types = PortableSuite.Join(types, typeof(HomeNode.Tests.WebSockets.WebSocketRig).Assembly.GetTypes());
            types = PortableSuite.Join(types, typeof(HomeNode.Tests.Mqtt5.Version5Rig).Assembly.GetTypes());
            string failures = PortableSuite.RunAll(types, Console.WriteLine);
            Console.WriteLine(failures.Length == 0 ? "SUITE OK" : "SUITE FAILED");
        }
    }
}
