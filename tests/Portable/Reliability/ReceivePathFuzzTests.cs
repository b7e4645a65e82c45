using HomeNode.Mqtt;

namespace HomeNode.Tests.Reliability
{
    /// <summary>
    /// A short run of the receive-path fuzzer, so it also runs on the device (nanoclr); the million-input run with
    /// the allocation check is tests/Host/Reliability/ReceivePathFuzzRunTests.
    /// </summary>
    public static class ReceivePathFuzzTests
    {
        public static void TwoThousandInputsLeaveTheClientConnectedOrCleanlyClosed()
        {
            ReceivePathFuzzTarget target = new ReceivePathFuzzTarget();
            FuzzInputGenerator inputs = new FuzzInputGenerator(20261126);
            for (int i = 0; i < 2000; i++)
            {
                target.Prepare(inputs.SessionPresent);
                inputs.Next(target);
                target.Feed(inputs.Buffer, 0, inputs.Length, inputs.ReadChunk, inputs.PacketAligned);
            }

            CountingHandler handler = target.Handler;
            Check.Equal(2000, target.Inputs, "inputs");
            Check.True(handler.Messages > 100, "valid PUBLISH packets got through");
            Check.True(handler.Acknowledged > 10, "acknowledgements matched in-flight messages");
            Check.True(handler.ClosesByReason[(int)MqttStatus.MalformedPacket] > 10, "malformed packets closed the connection");
            Check.True(handler.NoticesByKind[(int)MqttStatus.IncomingPacketTooLarge] > 10, "oversized packets were skipped");
            Check.True(target.Client.OversizedPacketsSkipped > 10, "oversized packets counted");
        }

        public static void TwoThousandVersion5InputsLeaveTheClientConnectedOrCleanlyClosed()
        {
            ReceivePathFuzzTarget target = new ReceivePathFuzzTarget(true);
            FuzzInputGenerator inputs = new FuzzInputGenerator(20261202, true);
            for (int i = 0; i < 2000; i++)
            {
                target.Prepare(inputs.SessionPresent);
                inputs.Next(target);
                target.Feed(inputs.Buffer, 0, inputs.Length, inputs.ReadChunk, inputs.PacketAligned);
            }

            CountingHandler handler = target.Handler;
            Check.Equal(2000, target.Inputs, "inputs");
            Check.True(handler.Messages > 100, "valid PUBLISH packets got through");
            Check.True(handler.PropertiesRead > 100, "their properties were read");
            Check.True(handler.Acknowledged > 10, "acknowledgements matched in-flight messages");
            Check.True(handler.ReasonCodes > 10, "reason codes reported");
            Check.True(handler.ClosesByReason[(int)MqttStatus.MalformedPacket] > 10, "malformed packets closed the connection");
            Check.True(handler.ClosesByReason[(int)MqttStatus.IncomingPacketTooLarge] > 10, "packets above our Maximum Packet Size closed it");
            Check.True(handler.ClosesByReason[(int)MqttStatus.DisconnectedByServer] > 10, "DISCONNECT from the server");
        }

        public static void AReconnectAfterMalformedInputStartsFromAnEmptyStream()
        {
            ReceivePathFuzzTarget target = new ReceivePathFuzzTarget();
            target.Prepare(false);
            byte[] broken = new byte[] { 0x30, 0x05, 0x00, 0x03, 0x61, 0x2B, 0x62, 0x30 }; // '+' in a topic name, then a stray byte
            target.Feed(broken, 0, broken.Length, 1, false);
            Check.Equal(MqttConnectionState.Disconnected, target.Client.State, "closed");
            Check.Equal(MqttStatus.MalformedTopic, target.Handler.LastCloseReason, "reason");
            target.Prepare(true);
            Check.True(target.Client.IsConnected, "connected again");
            byte[] ping = new byte[] { 0xD0, 0x00 };
            target.Feed(ping, 0, ping.Length, 0, true);
            Check.True(target.Client.IsConnected, "still connected");
        }
    }
}
