using System;
using HomeNode.Tests.Reliability;

namespace HomeNode.Fuzz
{
    /// <summary>
    /// One fuzzer input for the receive path: byte 0 is the largest read the transport returns (0 = no limit),
    /// bit 0 of byte 1 says whether the CONNACK that connects the client reports a session; the rest is what the
    /// broker sends. A fresh client per input, so every crash replays from its file alone.
    /// </summary>
    public static class ReceivePathInput
    {
        public const int HeaderBytes = 2;

        public static void Run(ReadOnlySpan<byte> input)
        {
            if (input.Length < HeaderBytes)
            {
                return;
            }

            int readChunk = input[0];
            bool sessionPresent = (input[1] & 0x01) != 0;
            int count = Math.Min(input.Length - HeaderBytes, ReceivePathFuzzTarget.MaxInputBytes);
            byte[] bytes = input.Slice(HeaderBytes, count).ToArray();

            ReceivePathFuzzTarget target = new ReceivePathFuzzTarget();
            target.Prepare(sessionPresent);
            target.Feed(bytes, 0, bytes.Length, readChunk, false);
        }
    }
}
