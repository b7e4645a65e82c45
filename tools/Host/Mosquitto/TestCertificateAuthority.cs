using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HomeNode.Host.Mosquitto
{
    /// <summary>
    /// A throw-away certificate authority for tests: a self-signed root that issues server and client certificates.
    /// ECDSA P-256 keeps generation fast; OpenSSL (mosquitto) and .NET both accept it.
    /// </summary>
    public sealed class TestCertificateAuthority : IDisposable
    {
        // RFC 5280 §4.2.1.12 key purposes.
        private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
        private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

        private readonly ECDsa key;
        private long nextSerial = 2;

        private TestCertificateAuthority(ECDsa key, X509Certificate2 certificate)
        {
            this.key = key;
            this.Certificate = certificate;
        }

        /// <summary>The root certificate, with its private key.</summary>
        public X509Certificate2 Certificate { get; }

        public static TestCertificateAuthority Create(string commonName)
        {
            ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            CertificateRequest request = new CertificateRequest("CN=" + commonName + ", O=HomeNode tests", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            DateTimeOffset now = DateTimeOffset.UtcNow;
            X509Certificate2 root = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
            return new TestCertificateAuthority(key, root);
        }

        /// <summary>A server certificate whose SAN lists the names (DNS names, or IP literals as IP addresses).</summary>
        public X509Certificate2 IssueServerCertificate(params string[] names)
        {
            SubjectAlternativeNameBuilder san = new SubjectAlternativeNameBuilder();
            foreach (string name in names)
            {
                if (IPAddress.TryParse(name, out IPAddress address))
                {
                    san.AddIpAddress(address);
                }
                else
                {
                    san.AddDnsName(name);
                }
            }

            return this.Issue(names.Length > 0 ? names[0] : "server", ServerAuthOid, san.Build());
        }

        public X509Certificate2 IssueClientCertificate(string commonName) => this.Issue(commonName, ClientAuthOid, null);

        public static void WriteCertificatePem(X509Certificate2 certificate, string path) =>
            File.WriteAllText(path, certificate.ExportCertificatePem());

        public static void WritePrivateKeyPem(X509Certificate2 certificate, string path)
        {
            using (ECDsa privateKey = certificate.GetECDsaPrivateKey())
            {
                File.WriteAllText(path, privateKey.ExportPkcs8PrivateKeyPem());
            }
        }

        public void Dispose()
        {
            this.Certificate.Dispose();
            this.key.Dispose();
        }

        private X509Certificate2 Issue(string commonName, string purposeOid, X509Extension subjectAlternativeName)
        {
            using (ECDsa subjectKey = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            {
                CertificateRequest request = new CertificateRequest("CN=" + commonName + ", O=HomeNode tests", subjectKey, HashAlgorithmName.SHA256);
                request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
                request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
                request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(purposeOid) }, false));
                request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
                request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(this.Certificate, true, false));
                if (subjectAlternativeName != null)
                {
                    request.CertificateExtensions.Add(subjectAlternativeName);
                }

                DateTimeOffset now = DateTimeOffset.UtcNow;
                byte[] serial = BitConverter.GetBytes(this.nextSerial++);
                using (X509Certificate2 publicOnly = request.Create(this.Certificate, now.AddDays(-1), now.AddDays(29), serial))
                {
                    return publicOnly.CopyWithPrivateKey(subjectKey);
                }
            }
        }
    }
}
