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
    /// why not its client). All are warmed up, then timed in interleaved rounds with DateTime.UtcNow (100 ns ticks);
    /// the bench takes the median of the rounds. One line per figure and round:
    /// <c>timing: client|operation|count|ticks|what</c>, then <c>timing: OK</c> or <c>timing: FAILED</c>.
    /// </summary>
    public static class Program
    {
        private const int Cycles = 2000;
        private const int WarmUp = 200;
        private const int Readings = 1000;

        /// <summary>Rounds of every figure, interleaved (ours, then M2Mqtt, then ours again ...), so a slow moment of the host hits both.</summary>
        private const int Rounds = 5;

        public static void Main()
        {
            PublishCycles qos0 = new PublishCycles(MqttQos.AtMostOnce);
            PublishCycles qos1 = new PublishCycles(MqttQos.AtLeastOnce);
            FirmwareReadings loop = new FirmwareReadings();
            HomeNodeCodecCycles ourQos0 = new HomeNodeCodecCycles(false);
            HomeNodeCodecCycles ourQos1 = new HomeNodeCodecCycles(true);
            M2MqttCodecCycles theirQos0 = new M2MqttCodecCycles(false);
            M2MqttCodecCycles theirQos1 = new M2MqttCodecCycles(true);

            // warm-up: every path once, so no round pays for first-call work (type loading, static constructors)
            int wrong = qos0.Run(WarmUp) + qos1.Run(WarmUp);
            bool ok = loop.Run(100);
            ourQos0.Run(WarmUp);
            ourQos1.Run(WarmUp);
            theirQos0.Run(WarmUp);
            theirQos1.Run(WarmUp);

            for (int round = 0; round < Rounds; round++)
            {
                long start = DateTime.UtcNow.Ticks;
                wrong += qos0.Run(Cycles);
                Print("HomeNode", "qos0-cycle", Cycles, DateTime.UtcNow.Ticks - start, "client: Publish, incoming PUBLISH, Poll (scripted transport)");

                start = DateTime.UtcNow.Ticks;
                wrong += qos1.Run(Cycles);
                Print("HomeNode", "qos1-cycle", Cycles, DateTime.UtcNow.Ticks - start, "client: Publish, PUBACK, incoming PUBLISH, Poll (scripted transport)");

                start = DateTime.UtcNow.Ticks;
                ok &= loop.Run(Readings);
                Print("HomeNode", "1000-readings", 1, DateTime.UtcNow.Ticks - start, "firmware loop (HomeNodeRuntime): 1,000 readings, one per 10 fake seconds, each published at QoS 1 and acknowledged");

                start = DateTime.UtcNow.Ticks;
                ourQos0.Run(Cycles);
                Print("HomeNode", "qos0-codec", Cycles, DateTime.UtcNow.Ticks - start, "encode/decode alone (PacketWriter, PacketReader; no client)");

                start = DateTime.UtcNow.Ticks;
                theirQos0.Run(Cycles);
                Print("M2Mqtt", "qos0-codec", Cycles, DateTime.UtcNow.Ticks - start, "encode/decode alone (its message classes, no client)");

                start = DateTime.UtcNow.Ticks;
                ourQos1.Run(Cycles);
                Print("HomeNode", "qos1-codec", Cycles, DateTime.UtcNow.Ticks - start, "encode/decode alone (PacketWriter, PacketReader; no client)");

                start = DateTime.UtcNow.Ticks;
                theirQos1.Run(Cycles);
                Print("M2Mqtt", "qos1-codec", Cycles, DateTime.UtcNow.Ticks - start, "encode/decode alone (its message classes, no client)");
            }

            int expected = WarmUp + (Rounds * Cycles);
            ok &= Report("our cycles", wrong == 0 && qos0.Completed == expected && qos1.Completed == expected);
            ok &= Report("our codec", ourQos0.Received == expected && ourQos1.Received == expected);
            ok &= Report("M2Mqtt codec", theirQos0.Received == expected && theirQos1.Received == expected);
            Console.WriteLine(ok ? "timing: OK" : "timing: FAILED");
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
