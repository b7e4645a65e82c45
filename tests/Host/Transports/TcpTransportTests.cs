using System;
using System.Diagnostics;
using HomeNode.Host;
using HomeNode.Host.Mosquitto;
using HomeNode.Tests.Host.Fixtures;
using Xunit;

namespace HomeNode.Tests.Host.Transports
{
    [Collection(MosquittoCollection.Name)]
    public sealed class TcpTransportTests
    {
        private readonly MosquittoBroker broker;

        public TcpTransportTests(MosquittoBrokerFixture fixture)
        {
            this.broker = fixture.Broker;
        }

        [Fact]
        public void SpecConnectGetsConnackAccepted()
        {
            using (TcpTransport transport = this.Open())
            {
                Assert.True(RawMqtt.SendAll(transport, RawMqtt.Connect, TimeSpan.FromSeconds(3)));
                byte[] connack = new byte[4];
                Assert.Equal(4, RawMqtt.ReceiveExactly(transport, connack, 4, TimeSpan.FromSeconds(3)));
                Assert.Equal(RawMqtt.ConnackAccepted, connack);
            }
        }

        [Fact]
        public void ReceiveReturnsZeroAtOnceWhenIdle()
        {
            using (TcpTransport transport = this.Open())
            {
                Assert.NotNull(RawMqtt.Handshake(transport, RawMqtt.ConnectPacket("tcp-idle")));
                byte[] buffer = new byte[64];
                Stopwatch watch = Stopwatch.StartNew();
                for (int i = 0; i < 200; i++)
                {
                    Assert.Equal(0, transport.Receive(buffer, 0, buffer.Length));
                }

                // 200 non-blocking calls take microseconds each; a blocking read would sit here until keep-alive.
                Assert.True(watch.ElapsedMilliseconds < 500, "idle receives took " + watch.ElapsedMilliseconds + " ms");
            }
        }

        [Fact]
        public void TinyBufferReceivesConnackByteByByte()
        {
            using (TcpTransport transport = this.Open())
            {
                Assert.True(RawMqtt.SendAll(transport, RawMqtt.ConnectPacket("tcp-tiny"), TimeSpan.FromSeconds(3)));
                byte[] connack = new byte[4];
                Assert.Equal(4, RawMqtt.ReceiveExactly(transport, connack, 4, TimeSpan.FromSeconds(3), chunk: 1));
                Assert.Equal(RawMqtt.ConnackAccepted, connack);
            }
        }

        [Fact]
        public void SteadyStatePingRoundTripDoesNotAllocate()
        {
            using (TcpTransport transport = this.Open())
            {
                Assert.NotNull(RawMqtt.Handshake(transport, RawMqtt.ConnectPacket("tcp-alloc")));
                byte[] response = new byte[2];
                PingRoundTrip(transport, response);

                // Batches of 50 round trips until one allocates nothing: an allocation per round trip would show in
                // every batch, while the runtime's own one-off work on this thread (tier-up, on-stack replacement of
                // the spin loop under load, seen once in a full run) shows in one at most.
                long[] batches = new long[5];
                int batch = 0;
                do
                {
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    for (int i = 0; i < 50; i++)
                    {
                        PingRoundTrip(transport, response);
                    }

                    batches[batch] = GC.GetAllocatedBytesForCurrentThread() - before;
                }
                while (batches[batch++] != 0 && batch < batches.Length);

                Assert.True(batches[batch - 1] == 0, "bytes allocated per batch of 50: " + string.Join(", ", batches, 0, batch));
            }
        }

        [Fact]
        public void OpenReportsRefusedWhenNothingListens()
        {
            int port = LoopbackPort.Free();
            using (TcpTransport transport = new TcpTransport(new TransportOptions("127.0.0.1", port)))
            {
                Assert.False(transport.Open());
                Assert.Equal(TransportFailure.ConnectionRefused, transport.LastFailure);
                Assert.True(transport.Receive(new byte[4], 0, 4) < 0);
                Assert.True(transport.Send(new byte[4], 0, 4) < 0);
            }
        }

        [Fact]
        public void ClosedTransportReportsNegativeAndCloseIsIdempotent()
        {
            TcpTransport transport = this.Open();
            transport.Close();
            transport.Close();
            Assert.True(transport.Receive(new byte[4], 0, 4) < 0);
            Assert.True(transport.Send(RawMqtt.PingRequest, 0, 2) < 0);
        }

        [Fact]
        public void BadRangeIsACallerBug()
        {
            using (TcpTransport transport = this.Open())
            {
                Assert.Throws<ArgumentOutOfRangeException>(() => transport.Receive(new byte[4], 2, 3));
                Assert.Throws<ArgumentNullException>(() => transport.Send(null, 0, 0));
            }
        }

        // No asserts inside: the Xunit assertion methods themselves allocate on the success path in places.
        private static void PingRoundTrip(TcpTransport transport, byte[] response)
        {
            if (transport.Send(RawMqtt.PingRequest, 0, 2) != 2)
            {
                throw new InvalidOperationException("PINGREQ not sent");
            }

            int have = 0;
            long deadline = Environment.TickCount64 + 3000;
            while (have < 2)
            {
                int n = transport.Receive(response, have, 2 - have);
                if (n < 0 || Environment.TickCount64 > deadline)
                {
                    throw new InvalidOperationException("no PINGRESP");
                }

                have += n;
            }

            if (response[0] != 0xD0 || response[1] != 0x00)
            {
                throw new InvalidOperationException("not a PINGRESP");
            }
        }

        private TcpTransport Open()
        {
            TcpTransport transport = new TcpTransport(new TransportOptions("127.0.0.1", this.broker.Port));
            Assert.True(transport.Open(), "open failed: " + transport.LastFailure + "\n" + this.broker.ReadLog());
            return transport;
        }
    }
}
