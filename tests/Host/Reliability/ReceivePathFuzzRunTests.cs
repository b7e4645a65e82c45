using System;
using System.Diagnostics;
using HomeNode.Mqtt;
using HomeNode.Tests.Reliability;
using Xunit;
using Xunit.Abstractions;

namespace HomeNode.Tests.Host.Reliability
{
    /// <summary>
    /// The CI fuzz run of the receive path: a million seeded inputs (random bytes and mutated valid packets, random read
    /// chunking) into one connected client, reconnected after every close. Nothing may throw, the client must end each
    /// input connected or closed for a protocol reason, and the whole run must allocate nothing.
    /// </summary>
    public class ReceivePathFuzzRunTests
    {
        public const int Inputs = 1_000_000;
        public const int WarmUpInputs = 20_000;
        public const uint Seed = 0x484E_0006;

        private readonly ITestOutputHelper output;

        public ReceivePathFuzzRunTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void AMillionInputsNeitherThrowNorAllocateNorWedgeTheClient()
        {
            ReceivePathFuzzTarget target = new ReceivePathFuzzTarget();
            FuzzInputGenerator inputs = new FuzzInputGenerator(Seed);

            // JIT and first-call work happen here, outside the measured run.
            Run(target, inputs, WarmUpInputs);

            Stopwatch time = Stopwatch.StartNew();
            long before = GC.GetAllocatedBytesForCurrentThread();
            Run(target, inputs, Inputs);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            time.Stop();

            CountingHandler h = target.Handler;
            this.output.WriteLine($"inputs fuzzed: {Inputs:N0} (+{WarmUpInputs:N0} warm-up), seed 0x{Seed:X8}, {time.Elapsed.TotalSeconds:F1} s, {Inputs / time.Elapsed.TotalSeconds:N0} inputs/s");
            this.output.WriteLine($"allocated during the run (generation included): {allocated} bytes");
            this.output.WriteLine($"mutations: {inputs.Mutations:N0}, reconnects: {target.Reconnects:N0} (dropped after unaligned input: {target.Drops:N0}), messages delivered: {h.Messages:N0}, acks matched: {h.Acknowledged:N0}, SUBACK {h.SubscribeAcks:N0}, UNSUBACK {h.UnsubscribeAcks:N0}, oversized skipped: {target.Client.OversizedPacketsSkipped:N0}, QoS 2 duplicates suppressed: {target.Client.DuplicatesSuppressed:N0}");
            for (int reason = 0; reason < h.ClosesByReason.Length; reason++)
            {
                if (h.ClosesByReason[reason] > 0)
                {
                    this.output.WriteLine($"  closed with {(MqttStatus)reason}: {h.ClosesByReason[reason]:N0}");
                }
            }

            for (int kind = 0; kind < h.NoticesByKind.Length; kind++)
            {
                if (h.NoticesByKind[kind] > 0)
                {
                    this.output.WriteLine($"  notice {(MqttStatus)kind}: {h.NoticesByKind[kind]:N0}");
                }
            }

            Assert.Equal(0, allocated);
            Assert.Equal(Inputs + WarmUpInputs, target.Inputs);
            Assert.True(time.Elapsed < TimeSpan.FromSeconds(90), "bounded in time: " + time.Elapsed);

            // The run must reach the interesting states, or it proves little.
            Assert.True(h.Messages > Inputs / 10, "messages delivered");
            Assert.True(h.Acknowledged > Inputs / 1000, "acknowledgements matched");
            Assert.True(h.SubscribeAcks > 10 && h.UnsubscribeAcks > 10, "SUBACK and UNSUBACK matched");
            Assert.True(h.ClosesByReason[(int)MqttStatus.MalformedPacket] > 1000);
            Assert.True(h.ClosesByReason[(int)MqttStatus.MalformedRemainingLength] > 100);
            Assert.True(h.ClosesByReason[(int)MqttStatus.MalformedTopic] > 100);
            Assert.True(h.ClosesByReason[(int)MqttStatus.ProtocolViolation] > 100);
            Assert.True(target.Client.OversizedPacketsSkipped > 1000);
        }

        [Fact]
        public void AMillionVersion5InputsNeitherThrowNorAllocateNorWedgeTheClient()
        {
            ReceivePathFuzzTarget target = new ReceivePathFuzzTarget(true);
            FuzzInputGenerator inputs = new FuzzInputGenerator(Seed, true);
            Run(target, inputs, WarmUpInputs);

            Stopwatch time = Stopwatch.StartNew();
            long before = GC.GetAllocatedBytesForCurrentThread();
            Run(target, inputs, Inputs);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            time.Stop();

            CountingHandler h = target.Handler;
            this.output.WriteLine($"MQTT 5.0 inputs fuzzed: {Inputs:N0} (+{WarmUpInputs:N0} warm-up), seed 0x{Seed:X8}, {time.Elapsed.TotalSeconds:F1} s, {Inputs / time.Elapsed.TotalSeconds:N0} inputs/s");
            this.output.WriteLine($"allocated during the run (generation included): {allocated} bytes");
            this.output.WriteLine($"mutations: {inputs.Mutations:N0}, reconnects: {target.Reconnects:N0}, messages delivered: {h.Messages:N0}, properties read: {h.PropertiesRead:N0}, acks matched: {h.Acknowledged:N0}, reason codes: {h.ReasonCodes:N0}, server packets: {h.ServerPackets:N0}, refused publishes: {h.Abandoned:N0}");
            for (int reason = 0; reason < h.ClosesByReason.Length; reason++)
            {
                if (h.ClosesByReason[reason] > 0)
                {
                    this.output.WriteLine($"  closed with {(MqttStatus)reason}: {h.ClosesByReason[reason]:N0}");
                }
            }

            Assert.Equal(0, allocated);
            Assert.Equal(Inputs + WarmUpInputs, target.Inputs);
            Assert.True(time.Elapsed < TimeSpan.FromSeconds(120), "bounded in time: " + time.Elapsed);
            Assert.True(h.Messages > Inputs / 10, "messages delivered");
            Assert.True(h.PropertiesRead > Inputs / 10, "properties read");
            Assert.True(h.Acknowledged > Inputs / 1000, "acknowledgements matched");
            Assert.True(h.ReasonCodes > Inputs / 100, "reason codes reported");
            Assert.True(h.ClosesByReason[(int)MqttStatus.MalformedPacket] > 1000);
            Assert.True(h.ClosesByReason[(int)MqttStatus.ProtocolViolation] > 100);
            Assert.True(h.ClosesByReason[(int)MqttStatus.TopicAliasInvalid] > 100);
            Assert.True(h.ClosesByReason[(int)MqttStatus.IncomingPacketTooLarge] > 1000);
            Assert.True(h.ClosesByReason[(int)MqttStatus.DisconnectedByServer] > 1000);
            Assert.True(h.ClosesByReason[(int)MqttStatus.AuthenticationNotSupported] > 100);
        }

        private static void Run(ReceivePathFuzzTarget target, FuzzInputGenerator inputs, int count)
        {
            for (int i = 0; i < count; i++)
            {
                target.Prepare(inputs.SessionPresent);
                inputs.Next(target);
                target.Feed(inputs.Buffer, 0, inputs.Length, inputs.ReadChunk, inputs.PacketAligned);
            }
        }
    }
}
