using System;
using System.Net.Security;
using HomeNode.Host;
using HomeNode.Host.Mosquitto;
using HomeNode.Tests.Host.Fixtures;
using Xunit;

namespace HomeNode.Tests.Host.Transports
{
    /// <summary>TLS against brokers configured for one test: client certificates required, a server certificate for another name.</summary>
    public sealed class TlsBrokerConfigurationTests : IClassFixture<RequireCertificateBrokerFixture>
    {
        private readonly MosquittoBroker broker;

        public TlsBrokerConfigurationTests(RequireCertificateBrokerFixture fixture)
        {
            this.broker = fixture.Broker;
        }

        [Fact]
        public void ClientCertificateObjectIsAccepted()
        {
            TlsOptions options = new TlsOptions { CaCertificate = this.broker.CaCertificate, ClientCertificate = this.broker.ClientCertificate };
            using (TlsTransport transport = new TlsTransport(new TransportOptions("localhost", this.broker.TlsPort), options))
            {
                Assert.True(transport.Open(), "open failed: " + transport.LastFailure + "\n" + this.broker.ReadLog());
                Assert.Equal(RawMqtt.ConnackAccepted, RawMqtt.Handshake(transport, RawMqtt.ConnectPacket("mtls-object")));
            }
        }

        [Fact]
        public void ClientCertificatePemFilesAreAccepted()
        {
            TlsOptions options = new TlsOptions
            {
                CaCertificatePemPath = this.broker.CaCertificatePath,
                ClientCertificatePemPath = this.broker.ClientCertificatePath,
                ClientKeyPemPath = this.broker.ClientKeyPath,
            };
            using (TlsTransport transport = new TlsTransport(new TransportOptions("localhost", this.broker.TlsPort), options))
            {
                Assert.True(transport.Open(), "open failed: " + transport.LastFailure + "\n" + this.broker.ReadLog());
                Assert.Equal(RawMqtt.ConnackAccepted, RawMqtt.Handshake(transport, RawMqtt.ConnectPacket("mtls-pem")));
            }
        }

        [Fact]
        public void WithoutClientCertificateTheBrokerRefuses()
        {
            AssertRefused(new TlsOptions { CaCertificate = this.broker.CaCertificate }, "mtls-none");
        }

        [Fact]
        public void ClientCertificateFromAnotherCaIsRefused()
        {
            using (TestCertificateAuthority other = TestCertificateAuthority.Create("Some other CA"))
            using (System.Security.Cryptography.X509Certificates.X509Certificate2 stranger = other.IssueClientCertificate("stranger"))
            {
                AssertRefused(new TlsOptions { CaCertificate = this.broker.CaCertificate, ClientCertificate = stranger }, "mtls-stranger");
            }
        }

        [Fact]
        public void ServerCertificateForAnotherNameIsRefused()
        {
            MosquittoBrokerOptions options = new MosquittoBrokerOptions { ServerCertificateNames = new[] { "otherhost" } };
            using (MosquittoBroker other = MosquittoBroker.Start(options))
            using (TlsTransport transport = new TlsTransport(
                new TransportOptions("localhost", other.TlsPort),
                new TlsOptions { CaCertificate = other.CaCertificate }))
            {
                Assert.False(transport.Open());
                Assert.Equal(TransportFailure.CertificateRejected, transport.LastFailure);
                Assert.Equal(SslPolicyErrors.RemoteCertificateNameMismatch, transport.LastPolicyErrors);

                // The same certificate is fine under its own name, so the refusal above was the name alone.
                TlsTransport named = new TlsTransport(
                    new TransportOptions("127.0.0.1", other.TlsPort),
                    new TlsOptions { CaCertificate = other.CaCertificate, ServerName = "otherhost" });
                Assert.True(named.Open(), "open failed: " + named.LastFailure + " " + named.LastPolicyErrors);
                named.Close();
            }
        }

        private void AssertRefused(TlsOptions options, string clientId)
        {
            using (TlsTransport transport = new TlsTransport(new TransportOptions("localhost", this.broker.TlsPort), options))
            {
                // TLS 1.2 fails the handshake itself. In TLS 1.3 the client finishes its side before the server has
                // checked the client's certificate (RFC 8446 §4.4.2.4), so the refusal arrives as an alert on the
                // first read: the connection must end without a CONNACK.
                if (!transport.Open())
                {
                    Assert.Equal(TransportFailure.HandshakeFailed, transport.LastFailure);
                    return;
                }

                RawMqtt.SendAll(transport, RawMqtt.ConnectPacket(clientId), TimeSpan.FromSeconds(3));
                byte[] connack = new byte[4];
                int n = RawMqtt.ReceiveExactly(transport, connack, 4, TimeSpan.FromSeconds(3));
                Assert.True(n == -1, "expected the connection to end with no bytes, got " + n + "\n" + this.broker.ReadLog());
            }
        }
    }
}
