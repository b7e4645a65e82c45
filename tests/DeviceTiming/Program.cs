using System;
using HomeNode.Mqtt;
using HomeNode.Tests.DeviceAllocation;

namespace HomeNode.Tests.DeviceTiming
{
    /// <summary>
    /// Time per operation on nanoCLR for the bench (tools/Bench NanoClrTiming): our client's QoS 0 and QoS 1
    /// publish+receive cycle (tests/DeviceAllocation's PublishCycles: Publish, the broker's PUBACK, one incoming
    /// PUBLISH, Poll), 1,000 readings of the firmware loop, and the packet work of the same cycles, encode/decode alone,
    /// through our codec and through nanoFramework.M2Mqtt 5.1's message classes (<see cref="M2MqttCodecCycles"/> says
    /// why not its client). Each is warmed up, then timed with
    /// DateTime.UtcNow (100 ns ticks). One line per figure:
    /// <c>timing: client|operation|count|ticks|what</c>, then <c>timing: OK</c> or <c>timing: FAILED</c>.
    /// </summary>
    public static class Program
    {
        private const int Cycles = 5000;
        private const int WarmUp = 200;
        private const int ReadingBlocks = 3;

        public static void Main()
        {
            bool ok = true;
            ok &= OurCycles("qos0-cycle", MqttQos.AtMostOnce);
            ok &= OurCycles("qos1-cycle", MqttQos.AtLeastOnce);
            ok &= Readings();
            ok &= OurCodecCycles("qos0-codec", false);
            ok &= OurCodecCycles("qos1-codec", true);
            ok &= TheirCycles("qos0-codec", false);
            ok &= TheirCycles("qos1-codec", true);
            Console.WriteLine(ok ? "timing: OK" : "timing: FAILED");
        }

        private static bool OurCycles(string operation, MqttQos qos)
        {
            PublishCycles cycles = new PublishCycles(qos);
            int wrong = cycles.Run(WarmUp);
            long start = DateTime.UtcNow.Ticks;
            wrong += cycles.Run(Cycles);
            long ticks = DateTime.UtcNow.Ticks - start;
            Print("HomeNode", operation, Cycles, ticks, "client: Publish, PUBACK, incoming PUBLISH, Poll (scripted transport)");
            return Report(operation, wrong == 0);
        }

        private static bool Readings()
        {
            FirmwareReadings loop = new FirmwareReadings();
            bool ok = loop.Run(100);
            long start = DateTime.UtcNow.Ticks;
            ok &= loop.Run(ReadingBlocks * 1000);
            long ticks = DateTime.UtcNow.Ticks - start;
            Print("HomeNode", "1000-readings", ReadingBlocks, ticks, "firmware loop (HomeNodeRuntime): a reading per 10 fake seconds, published at QoS 1 and acknowledged");
            return Report("1000-readings", ok);
        }

        private static bool OurCodecCycles(string operation, bool qos1)
        {
            HomeNodeCodecCycles cycles = new HomeNodeCodecCycles(qos1);
            cycles.Run(WarmUp);
            long start = DateTime.UtcNow.Ticks;
            cycles.Run(Cycles);
            long ticks = DateTime.UtcNow.Ticks - start;
            Print("HomeNode", operation, Cycles, ticks, "encode/decode alone (PacketWriter, PacketReader; no client)");
            return Report("HomeNode " + operation, cycles.Received == WarmUp + Cycles);
        }

        private static bool TheirCycles(string operation, bool qos1)
        {
            M2MqttCodecCycles cycles = new M2MqttCodecCycles(qos1);
            cycles.Run(WarmUp);
            long start = DateTime.UtcNow.Ticks;
            cycles.Run(Cycles);
            long ticks = DateTime.UtcNow.Ticks - start;
            Print("M2Mqtt", operation, Cycles, ticks, "encode/decode alone (its message classes, no client)");
            return Report("M2Mqtt " + operation, cycles.Received == WarmUp + Cycles);
        }

        private static void Print(string client, string operation, int count, long ticks, string what)
        {
            Console.WriteLine("timing: " + client + "|" + operation + "|" + count.ToString() + "|" + ticks.ToString() + "|" + what);
        }

        private static bool Report(string what, bool ok)
        {
            if (!ok)
            {
                Console.WriteLine("timing: " + what + " went wrong (refused, not received or not acknowledged)");
            }

            return ok;
        }
    }
}
