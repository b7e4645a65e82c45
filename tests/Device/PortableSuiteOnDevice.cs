using HomeNode.Tests;
using nanoFramework.TestFramework;

namespace HomeNode.Tests.Device
{
    /// <summary>
    /// Runs the whole portable suite (tests/Portable, the referenced HomeNode.Tests.Portable, .Firmware and .Runtime assemblies) inside nanoclr
    /// or on a board: one TestFramework test whose output lists every case, and which fails with the list of failing
    /// cases. A case the runtime cannot express is reported as skipped with its reason (see DeviceLimitation).
    /// </summary>
    /// <remarks>
    /// TestFramework API read from nanoframework/nanoFramework.TestFramework source/TestFramework: [TestClass] /
    /// [TestMethod] attributes, Assert.IsTrue(condition, message) (Assertions/Assert.IsTrue.cs; current sources take
    /// bool?, which needs Nullable&lt;T&gt; that mscorlib 1.17.11 lacks, so the 1.17-era release takes bool; this call
    /// compiles against either), OutputHelper.WriteLine(string) (OutputHelper.cs: Console.WriteLine,
    /// collected by the test adapter). Discovery and invocation use only the reflection of mscorlib 1.17.11
    /// (<see cref="PortableSuite"/>), which the SDK build compiles against that mscorlib.
    /// </remarks>
    [TestClass]
    public class PortableSuiteOnDevice
    {
        [TestMethod]
        public void EveryPortableCasePasses()
        {
            // The cases live in the suite's assembly. This class's name does not end in "Tests", so the runner would
            // not pick it up even if it looked here.
            // The suite is five assemblies (the MQTT client's cases, the firmware's, the runtime's, the WebSocket transport's,
            // MQTT 5.0's; 64 KB string table each).
            System.Type[] types = PortableSuite.Join(typeof(Check).Assembly.GetTypes(), typeof(HomeNode.Tests.App.ConfigText).Assembly.GetTypes());
            types = PortableSuite.Join(types, typeof(HomeNode.Tests.Runtime.RuntimeRig).Assembly.GetTypes());
            types = PortableSuite.Join(types, typeof(HomeNode.Tests.WebSockets.WebSocketRig).Assembly.GetTypes());
            types = PortableSuite.Join(types, typeof(HomeNode.Tests.Mqtt5.Version5Rig).Assembly.GetTypes());
            string failures = PortableSuite.RunAll(types, OutputHelper.WriteLine);
            Assert.IsTrue(failures.Length == 0, failures);
        }
    }
}
