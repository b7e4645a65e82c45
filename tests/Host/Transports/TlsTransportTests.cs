using System;
using System.Diagnostics;
using System.IO;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using HomeNode.Host;
using HomeNode.Host.Mosquitto;
using HomeNode.Tests.Host.Fixtures;
using Xunit;

namespace HomeNode.Tests.Host.Transports
{
    [Collection(MosquittoCollection.Name)]
    public sealed class TlsTransportTests
    {
        private readonly MosquittoBroker broker;

        public TlsTransportTests(MosquittoBrokerFixture fixture)
        {
            this.broker = fixture.Broker;
        }

        [Fact]
        public void SpecConnectOverTlsWithTestCaGetsConnackAccepted()
        {
            using (TlsTransport transport = this.Open("localhost", new TlsOptions { CaCertificate = this.broker.CaCertificate }))
            {
                Assert.True(RawMqtt.SendAll(transport, RawMqtt.Connect, TimeSpan.FromSeconds(3)));
                byte[] connack = new byte[4];
                Assert.Equal(4, RawMqtt.ReceiveExactly(transport, connack, 4, TimeSpan.FromSeconds(3)));
                Assert.Equal(RawMqtt.ConnackAccepted, connack);
            }
        }

        [Fact]
        public void CaFromPemFileAndIpAddressSanWork()
        {
            using (TlsTransport transport = this.Open("127.0.0.1", new TlsOptions { CaCertificatePemPath = this.broker.CaCertificatePath }))
            {
                Assert.Equal(RawMqtt.ConnackAccepted, RawMqtt.Handshake(transport, RawMqtt.ConnectPacket("tls-pem")));
            }
        }

        [Fact]
        public void ServerFromAnotherCaIsRefused()
        {
            using (TestCertificateAuthority other = TestCertificateAuthority.Create("Some other CA"))
            using (TlsTransport transport = new TlsTransport(
                new TransportOptions("localhost", this.broker.TlsPort),
                new TlsOptions { CaCertificate = other.Certificate }))
            {
                Assert.False(transport.Open());
                Assert.Equal(TransportFailure.CertificateRejected, transport.LastFailure);
                Assert.Equal(SslPolicyErrors.RemoteCertificateChainErrors, transport.LastPolicyErrors);
                Assert.True((transport.LastChainStatus & X509ChainStatusFlags.PartialChain) != 0 ||
                    (transport.LastChainStatus & X509ChainStatusFlags.UntrustedRoot) != 0, transport.LastChainStatus.ToString());
                Assert.True(transport.Receive(new byte[4], 0, 4) < 0);
            }
        }

        [Fact]
        public void SystemStoreDoesNotTrustTheTestCa()
        {
            using (TlsTransport transport = new TlsTransport(new TransportOptions("localhost", this.broker.TlsPort), new TlsOptions()))
            {
                Assert.False(transport.Open());
                Assert.Equal(TransportFailure.CertificateRejected, transport.LastFailure);
                Assert.True((transport.LastPolicyErrors & SslPolicyErrors.RemoteCertificateChainErrors) != 0);
            }
        }

        [Fact]
        public void ServerNameOverrideNotInSanIsRefused()
        {
            using (TlsTransport transport = new TlsTransport(
                new TransportOptions("127.0.0.1", this.broker.TlsPort),
                new TlsOptions { CaCertificate = this.broker.CaCertificate, ServerName = "otherhost" }))
            {
                Assert.False(transport.Open());
                Assert.Equal(TransportFailure.CertificateRejected, transport.LastFailure);
                Assert.Equal(SslPolicyErrors.RemoteCertificateNameMismatch, transport.LastPolicyErrors);
            }
        }

        [Fact]
        public void ReceiveReturnsZeroAtOnceWhenIdle()
        {
            using (TlsTransport transport = this.Open("localhost", new TlsOptions { CaCertificate = this.broker.CaCertificate }))
            {
                Assert.NotNull(RawMqtt.Handshake(transport, RawMqtt.ConnectPacket("tls-idle")));
                byte[] buffer = new byte[64];
                Stopwatch watch = Stopwatch.StartNew();
                for (int i = 0; i < 200; i++)
                {
                    Assert.Equal(0, transport.Receive(buffer, 0, buffer.Length));
                }

                Assert.True(watch.ElapsedMilliseconds < 500, "idle receives took " + watch.ElapsedMilliseconds + " ms");
            }
        }

        [Fact]
        public void TinyBufferReceivesConnackByteByByte()
        {
            using (TlsTransport transport = this.Open("localhost", new TlsOptions { CaCertificate = this.broker.CaCertificate }))
            {
                Assert.True(RawMqtt.SendAll(transport, RawMqtt.ConnectPacket("tls-tiny"), TimeSpan.FromSeconds(3)));
                byte[] connack = new byte[4];
                Assert.Equal(4, RawMqtt.ReceiveExactly(transport, connack, 4, TimeSpan.FromSeconds(3), chunk: 1));
                Assert.Equal(RawMqtt.ConnackAccepted, connack);
            }
        }

        [Fact]
        public void TinyReceiveBufferSizeStillDeliversEveryByte()
        {
            TlsOptions options = new TlsOptions { CaCertificate = this.broker.CaCertificate, ReceiveBufferSize = 1 };
            using (TlsTransport transport = this.Open("localhost", options))
            {
                Assert.Equal(RawMqtt.ConnackAccepted, RawMqtt.Handshake(transport, RawMqtt.ConnectPacket("tls-tinybuf")));
            }
        }

        [Fact]
        public void IdleReceiveDoesNotAllocate()
        {
            using (TlsTransport transport = this.Open("localhost", new TlsOptions { CaCertificate = this.broker.CaCertificate }))
            {
                Assert.NotNull(RawMqtt.Handshake(transport, RawMqtt.ConnectPacket("tls-alloc")));
                byte[] buffer = new byte[64];
                transport.Receive(buffer, 0, buffer.Length);
                long before = GC.GetAllocatedBytesForCurrentThread();
                int total = 0;
                for (int i = 0; i < 1000; i++)
                {
                    total += transport.Receive(buffer, 0, buffer.Length);
                }

                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.Equal(0, total);
                Assert.Equal(0, allocated);
            }
        }

        [Fact]
        public void UnreadableCaFileIsReportedAsBadCredentials()
        {
            string missing = Path.Combine(this.broker.Directory, "no-such-ca.crt");
            using (TlsTransport transport = new TlsTransport(
                new TransportOptions("localhost", this.broker.TlsPort),
                new TlsOptions { CaCertificatePemPath = missing }))
            {
                Assert.False(transport.Open());
                Assert.Equal(TransportFailure.BadCredentials, transport.LastFailure);
            }
        }

        [Fact]
        public void OptionsTextNamesNoKeyMaterial()
        {
            TlsOptions options = new TlsOptions
            {
                CaCertificatePemPath = this.broker.CaCertificatePath,
                ClientCertificatePemPath = this.broker.ClientCertificatePath,
                ClientKeyPemPath = this.broker.ClientKeyPath,
            };
            string text = options.ToString();
            string key = File.ReadAllText(this.broker.ClientKeyPath);
            Assert.DoesNotContain("PRIVATE KEY", text);
            Assert.DoesNotContain(key.Split('\n')[1], text);
            Assert.DoesNotContain(this.broker.ClientKeyPath, text);
        }

        private TlsTransport Open(string host, TlsOptions options)
        {
            TlsTransport transport = new TlsTransport(new TransportOptions(host, this.broker.TlsPort), options);
            Assert.True(transport.Open(), "TLS open failed: " + transport.LastFailure + " " + transport.LastPolicyErrors + "\n" + this.broker.ReadLog());
            return transport;
        }
    }
}
