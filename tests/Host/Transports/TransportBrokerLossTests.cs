using System;
using System.Threading;
using HomeNode.Host;
using HomeNode.Host.Mosquitto;
using HomeNode.Mqtt;
using Xunit;

namespace HomeNode.Tests.Host.Transports
{
    /// <summary>Each test kills its own broker, so none shares the collection broker.</summary>
    public sealed class TransportBrokerLossTests
    {
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void ReceiveTurnsNegativeAfterBrokerIsKilled(bool tls)
        {
            using (MosquittoBroker broker = MosquittoBroker.Start())
            {
                IMqttTransport transport = Open(broker, tls);
                try
                {
                    Assert.NotNull(RawMqtt.Handshake(transport, RawMqtt.ConnectPacket("loss-receive")));
                    Assert.Equal(0, transport.Receive(new byte[16], 0, 16));
                    broker.Kill();
                    Assert.True(RawMqtt.WaitForClosed(transport, TimeSpan.FromSeconds(3)), "Receive still 0 after kill");
                    Assert.True(transport.Receive(new byte[16], 0, 16) < 0, "closed stays closed");
                }
                finally
                {
                    transport.Close();
                }
            }
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void SendTurnsNegativeAfterPeerClose(bool tls)
        {
            using (MosquittoBroker broker = MosquittoBroker.Start())
            {
                IMqttTransport transport = Open(broker, tls);
                try
                {
                    Assert.NotNull(RawMqtt.Handshake(transport, RawMqtt.ConnectPacket("loss-send")));
                    broker.Kill();

                    // The FIN needs a moment to arrive; Send must notice it (or the RST after one accepted write)
                    // without any Receive call in between.
                    int result = 0;
                    DateTime deadline = DateTime.UtcNow.AddSeconds(3);
                    while (DateTime.UtcNow < deadline)
                    {
                        result = transport.Send(RawMqtt.PingRequest, 0, 2);
                        if (result < 0)
                        {
                            break;
                        }

                        Thread.Sleep(20);
                    }

                    Assert.True(result < 0, "Send still succeeds after the broker died");
                    Assert.True(transport.Send(RawMqtt.PingRequest, 0, 2) < 0, "closed stays closed");
                }
                finally
                {
                    transport.Close();
                }
            }
        }

        [Fact]
        public void ReopenAfterRestartOnSamePort()
        {
            using (MosquittoBroker broker = MosquittoBroker.Start())
            using (TcpTransport transport = new TcpTransport(new TransportOptions("127.0.0.1", broker.Port)))
            {
                int port = broker.Port;
                Assert.True(transport.Open());
                broker.Restart();
                Assert.Equal(port, broker.Port);
                Assert.True(RawMqtt.WaitForClosed(transport, TimeSpan.FromSeconds(3)));
                Assert.True(transport.Open(), "reopen failed: " + transport.LastFailure + "\n" + broker.ReadLog());
                Assert.Equal(RawMqtt.ConnackAccepted, RawMqtt.Handshake(transport, RawMqtt.ConnectPacket("loss-reopen")));
            }
        }

        private static IMqttTransport Open(MosquittoBroker broker, bool tls)
        {
            if (tls)
            {
                TlsTransport secure = new TlsTransport(
                    new TransportOptions("localhost", broker.TlsPort),
                    new TlsOptions { CaCertificate = broker.CaCertificate });
                Assert.True(secure.Open(), "TLS open failed: " + secure.LastFailure + " " + secure.LastPolicyErrors + "\n" + broker.ReadLog());
                return secure;
            }

            TcpTransport plain = new TcpTransport(new TransportOptions("127.0.0.1", broker.Port));
            Assert.True(plain.Open(), "open failed: " + plain.LastFailure + "\n" + broker.ReadLog());
            return plain;
        }
    }
}
