using System;
using System.Diagnostics;
using HomeNode.Mqtt.WebSockets;
using HomeNode.Tests.WebSockets;
using Xunit;
using Xunit.Abstractions;

namespace HomeNode.Tests.Host.Reliability
{
    /// <summary>
    /// The WebSocket frame reader fuzzed like the MQTT receive path: a million seeded server inputs (frames around
    /// valid MQTT packets, control frames, mutations, random bytes; random read chunking) through a connected client
    /// over <see cref="WebSocketTransport"/>: no exception, 0 bytes allocated, and after each input the connection is
    /// open or ended with a failure the server's bytes may cause.
    /// </summary>
    public class WebSocketFuzzRunTests
    {
        public const int Inputs = 1_000_000;
        public const int WarmUpInputs = 20_000;
        public const uint Seed = 0x5753_0001;

        private readonly ITestOutputHelper output;

        public WebSocketFuzzRunTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void AMillionFrameInputsNeitherThrowNorAllocateNorWedgeTheTransport()
        {
            WebSocketFuzzTarget target = new WebSocketFuzzTarget();
            WebSocketFuzzInputGenerator inputs = new WebSocketFuzzInputGenerator(Seed);
            Run(target, inputs, WarmUpInputs);

            Stopwatch time = Stopwatch.StartNew();
            long before = GC.GetAllocatedBytesForCurrentThread();
            Run(target, inputs, Inputs);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            time.Stop();

            this.output.WriteLine($"inputs fuzzed: {Inputs:N0} (+{WarmUpInputs:N0} warm-up), seed 0x{Seed:X8}, {time.Elapsed.TotalSeconds:F1} s, {Inputs / time.Elapsed.TotalSeconds:N0} inputs/s");
            this.output.WriteLine($"allocated during the run (generation included): {allocated} bytes");
            this.output.WriteLine($"mutations: {inputs.Mutations:N0}, reconnects (each a full upgrade): {target.Reconnects:N0}, dropped after unaligned input: {target.Drops:N0}, MQTT messages delivered: {target.Handler.Messages:N0}, acks matched: {target.Handler.Acknowledged:N0}, pongs sent: {target.Server.PongFrames:N0}");
            for (int kind = 0; kind < target.FailuresByKind.Length; kind++)
            {
                if (target.FailuresByKind[kind] > 0)
                {
                    this.output.WriteLine($"  ended with {(WebSocketFailure)kind}: {target.FailuresByKind[kind]:N0}");
                }
            }

            Assert.Equal(0, allocated);
            Assert.Equal(Inputs + WarmUpInputs, target.Inputs);
            Assert.True(time.Elapsed < TimeSpan.FromSeconds(120), "bounded in time: " + time.Elapsed);
            Assert.True(target.Handler.Messages > Inputs / 10, "messages delivered");
            Assert.True(target.Handler.Acknowledged > Inputs / 100, "acknowledgements matched");
            Assert.True(target.Server.PongFrames > Inputs / 20, "pings answered");
            foreach (WebSocketFailure kind in new[]
            {
                WebSocketFailure.MaskedFrame, WebSocketFailure.TextFrame, WebSocketFailure.FrameTooLarge, WebSocketFailure.ReservedBits,
                WebSocketFailure.BadOpcode, WebSocketFailure.FragmentedControlFrame, WebSocketFailure.UnexpectedContinuation,
                WebSocketFailure.ExpectedContinuation, WebSocketFailure.BadLength, WebSocketFailure.ClosedByServer, WebSocketFailure.ClosedMidPacket,
                WebSocketFailure.BadCloseStatus,
            })
            {
                Assert.True(target.FailuresByKind[(int)kind] > 100, kind + " reached: " + target.FailuresByKind[(int)kind]);
            }
        }

        private static void Run(WebSocketFuzzTarget target, WebSocketFuzzInputGenerator inputs, int count)
        {
            for (int i = 0; i < count; i++)
            {
                target.Prepare();
                inputs.Next(target);
                target.Feed(inputs.Buffer, 0, inputs.Length, inputs.ReadChunk, inputs.Aligned);
            }
        }
    }
}
