using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>Packets cut at every byte, read one byte at a time, larger than the receive buffer.</summary>
    public static class MqttClientFramingTests
    {
        // CONNACK, QoS 1 PUBLISH (200-byte payload: two-byte remaining length), QoS 0 PUBLISH, PINGRESP, QoS 2 PUBLISH, PUBREL
        private static byte[] Stream()
        {
            byte[] head = HexBytes.Parse("20 02 00 00 32 CF 01 00 03 61 2F 62 00 05");
            byte[] payload = new byte[200];
            for (int i = 0; i < payload.Length; i++)
            {
                payload[i] = (byte)i;
            }

            byte[] tail = HexBytes.Parse("30 06 00 01 63 78 79 7A D0 00 34 07 00 01 64 00 06 6D 6E 62 02 00 06");
            return HexBytes.Concat(HexBytes.Concat(head, payload), tail);
        }

        public static void EveryPacketSplitAtEveryByteBoundary()
        {
            byte[] stream = Stream();
            for (int split = 1; split < stream.Length; split++)
            {
                ClientRig rig = new ClientRig(512, 4, 128);
                rig.Client.Connect(rig.Options);
                rig.Transport.ClearSent();
                rig.Transport.Deliver(stream, 0, split);
                rig.Client.Poll();
                rig.Transport.Deliver(stream, split, stream.Length - split);
                rig.Client.Poll();
                CheckOutcome(rig, "split at " + split.ToString());
            }
        }

        public static void OneByteAtATime()
        {
            byte[] stream = Stream();
            ClientRig rig = new ClientRig(512, 4, 128);
            rig.Client.Connect(rig.Options);
            rig.Transport.ClearSent();
            for (int i = 0; i < stream.Length; i++)
            {
                rig.Transport.Deliver(stream, i, 1);
                rig.Client.Poll();
            }

            CheckOutcome(rig, "byte by byte");
        }

        public static void SmallReadsIntoAFullBuffer()
        {
            // A buffer just larger than the largest packet forces compaction between polls.
            byte[] stream = Stream();
            ClientRig rig = new ClientRig(212, 4, 128);
            rig.Transport.MaxReadChunk = 7;
            rig.Client.Connect(rig.Options);
            rig.Transport.ClearSent();
            rig.Transport.Deliver(stream);
            for (int i = 0; i < 100; i++)
            {
                rig.Client.Poll();
            }

            CheckOutcome(rig, "7-byte reads into 212 bytes");
        }

        public static void OversizedPacketIsSkippedWithoutLosingSync()
        {
            for (int chunk = 0; chunk <= 16; chunk += 4)
            {
                ClientRig rig = new ClientRig(64, 4, 128);
                rig.Connect();
                rig.Transport.MaxReadChunk = chunk;

                // QoS 1 PUBLISH of 200 payload bytes into a 64-byte buffer, then a small QoS 0 message.
                byte[] big = HexBytes.Concat(HexBytes.Parse("32 CF 01 00 03 61 2F 62 00 05"), new byte[200]);
                rig.Transport.Deliver(big);
                rig.Transport.Deliver(HexBytes.Parse("30 06 00 01 63 78 79 7A"));
                for (int i = 0; i < 80; i++)
                {
                    rig.Client.Poll();
                }

                string what = "chunk " + chunk.ToString();
                Check.Equal(1, rig.Client.OversizedPacketsSkipped, "counted, " + what);
                Check.Equal(MqttStatus.IncomingPacketTooLarge, rig.Handler.LastNotice, "reported, " + what);
                Check.Equal(1, rig.Handler.Messages, "the next message arrives, " + what);
                Check.Bytes(HexBytes.Ascii("xyz"), rig.Handler.LastPayload, "its payload, " + what);
                rig.ExpectSent("40 02 00 05", "the skipped QoS 1 message is acknowledged so it is not resent forever, " + what);
                Check.True(rig.Client.IsConnected, "still connected, " + what);
            }
        }

        public static void OversizedQos2IsReleasedNormally()
        {
            ClientRig rig = new ClientRig(64, 4, 128);
            rig.Connect();
            rig.Transport.Deliver(HexBytes.Concat(HexBytes.Parse("34 CF 01 00 03 61 2F 62 00 09"), new byte[200]));
            rig.Transport.Deliver(HexBytes.Parse("62 02 00 09"));
            for (int i = 0; i < 10; i++)
            {
                rig.Client.Poll();
            }

            rig.ExpectSent("50 02 00 09 70 02 00 09", "PUBREC then PUBCOMP");
            Check.Equal(0, rig.Handler.Messages, "nothing delivered");
        }

        private static void CheckOutcome(ClientRig rig, string what)
        {
            Check.True(rig.Client.IsConnected, "connected, " + what);
            Check.Equal(3, rig.Handler.Messages, "messages, " + what);
            Check.Bytes(HexBytes.Ascii("mn"), rig.Handler.LastPayload, "last payload, " + what);
            rig.ExpectSent("40 02 00 05 50 02 00 06 70 02 00 06", "PUBACK, PUBREC, PUBCOMP, " + what);
        }
    }
}
