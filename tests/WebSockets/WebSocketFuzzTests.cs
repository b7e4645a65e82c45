using HomeNode.Mqtt;
using HomeNode.Mqtt.WebSockets;

namespace HomeNode.Tests.WebSockets
{
    /// <summary>
    /// A short run of the frame-reader fuzzer, so it also runs on the device (nanoCLR); the million-input run with the
    /// allocation check is tests/Host/Reliability/WebSocketFuzzRunTests.
    /// </summary>
    public static class WebSocketFuzzTests
    {
        public static void TwoThousandFrameInputsLeaveTheClientConnectedOrCleanlyClosed()
        {
            WebSocketFuzzTarget target = new WebSocketFuzzTarget();
            WebSocketFuzzInputGenerator inputs = new WebSocketFuzzInputGenerator(20261202);
            for (int i = 0; i < 2000; i++)
            {
                target.Prepare();
                inputs.Next(target);
                target.Feed(inputs.Buffer, 0, inputs.Length, inputs.ReadChunk, inputs.Aligned);
            }

            Check.Equal(2000, target.Inputs, "inputs");
            Check.True(target.Handler.Messages > 200, "messages through");
            Check.True(target.Handler.Acknowledged > 10, "acks matched");
            Check.True(target.Server.PongFrames > 50, "pings answered");
            Check.True(target.FailuresByKind[(int)WebSocketFailure.MaskedFrame] > 5, "masked frames");
            Check.True(target.FailuresByKind[(int)WebSocketFailure.BadOpcode] > 5, "bad opcodes");
            Check.True(target.FailuresByKind[(int)WebSocketFailure.FrameTooLarge] > 5, "oversized");
            Check.True(target.Reconnects > 100, "reconnects");
        }
    }
}
