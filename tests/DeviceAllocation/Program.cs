using System;
using HomeNode.Mqtt;
using NativeGC = nanoFramework.Runtime.Native.GC;

namespace HomeNode.Tests.DeviceAllocation
{
    /// <summary>
    /// Zero allocation on nanoCLR, the device runtime (run by tests/DeviceRunner/run-nanoclr.sh on the 64-bit and the
    /// 32-bit build). For QoS 0 and QoS 1, after a warm-up:
    /// <list type="number">
    /// <item>retained: free memory after a compacting GC (nanoFramework.Runtime.Native.GC.Run(true)) is the same
    /// before and after 10,000 publish+receive cycles, so the cycles keep nothing;</item>
    /// <item>transient: 10,000 more cycles with the heap filled up to <see cref="Headroom"/> bytes need no GC, so they
    /// allocated less than that in all: under 2 bytes per cycle, where the smallest object takes a 12-byte heap block on
    /// a 32-bit device, so nothing per cycle. A control loop that
    /// allocates 12 bytes per iteration under the same fill must trigger a GC, or this check proves nothing.</item>
    /// </list>
    /// The two readings are taken at the same call depth (nanoCLR keeps stack frames on the managed heap) with nothing
    /// printed or formatted between them. What moves the reading outside our code, found on both builds: repeated
    /// GC.Run(true) calls agree to the byte, but the first number formatting in the process (uint.ToString() in a
    /// Console line) creates CultureInfo.CurrentUICulture and its NumberFormatInfo and keeps them in statics: 504 bytes
    /// on the 64-bit nanoCLR, 252 on the 32-bit one, for good. So the control runs and prints first, the first reading
    /// comes after it and after a warm-up (connect, 100 cycles, as the host test does; without it the delta is 0 too),
    /// and a delta is never excused: it must be 0. The last line is "allocation: OK" or "allocation: FAILED".
    /// </summary>
    public static class Program
    {
        private const int Cycles = 10000;
        private const int WarmUpCycles = 100;

        // Room for the stack frames of Publish and Poll (taken from the heap, and given back to it on return) with a
        // wide margin; a loop allocating anything per cycle passes it well before 10,000 cycles.
        private const uint Headroom = 16 * 1024;

        private static byte[] controlGarbage;

        public static void Main()
        {
            bool ok = Control();
            ok &= Measure("QoS 0", MqttQos.AtMostOnce);
            ok &= Measure("QoS 1", MqttQos.AtLeastOnce);
            Console.WriteLine(ok ? "allocation: OK" : "allocation: FAILED");
        }

        private static bool Measure(string label, MqttQos qos)
        {
            PublishCycles cycles = new PublishCycles(qos);
            int wrong = cycles.Run(WarmUpCycles);

            uint before = NativeGC.Run(true);
            wrong += cycles.Run(Cycles);
            uint after = NativeGC.Run(true);
            long delta = (long)after - before;
            Console.WriteLine("allocation: " + label + " " + Cycles + " cycles: free before " + before + ", after " + after + ", delta " + delta + " bytes");

            HeapFill fill = HeapFill.LeavingFree(Headroom);
            WeakReference sentinel = new WeakReference(new object());
            wrong += cycles.Run(Cycles);
            bool noCollection = sentinel.IsAlive;
            uint filledFree = fill.Free;
            fill.Release();
            Console.WriteLine("allocation: " + label + " " + Cycles + " more cycles with " + filledFree + " bytes of heap free: " + (noCollection ? "no GC needed" : "a GC ran, so they allocated"));

            bool ok = delta == 0 && noCollection && wrong == 0 && cycles.Completed == WarmUpCycles + (2 * Cycles);
            if (wrong != 0)
            {
                Console.WriteLine("allocation: " + label + ": " + wrong + " cycles went wrong (refused, not received, not acknowledged or disconnected)");
            }

            return ok;
        }

        /// <summary>The transient check must see an allocation: 10,000 of 12 bytes under the same heap fill make a GC run.</summary>
        private static bool Control()
        {
            HeapFill fill = HeapFill.LeavingFree(Headroom);
            WeakReference sentinel = new WeakReference(new object());
            for (int i = 0; i < Cycles; i++)
            {
                controlGarbage = new byte[12];
            }

            bool collected = !sentinel.IsAlive;
            uint filledFree = fill.Free;
            controlGarbage = null;
            fill.Release();
            Console.WriteLine("allocation: control " + Cycles + " allocations of 12 bytes with " + filledFree + " bytes of heap free: " + (collected ? "a GC ran (the check sees allocations)" : "no GC, so the check cannot see allocations"));
            return collected;
        }
    }
}
