using System;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace HomeNode.Host
{
    /// <summary>
    /// TLS settings for <see cref="TlsTransport"/>. Give the trusted CA either as a certificate or as a PEM file; with
    /// neither, the system trust store decides. A client certificate is optional (certificate + key). The private key
    /// is never printed: <see cref="ToString"/> names only the files.
    /// </summary>
    public sealed class TlsOptions
    {
        /// <summary>Root CA that must anchor the server chain (custom root trust: the system store is not consulted).</summary>
        public X509Certificate2 CaCertificate { get; set; }

        /// <summary>Path of a PEM file with the root CA; used when <see cref="CaCertificate"/> is null.</summary>
        public string CaCertificatePemPath { get; set; }

        /// <summary>Client certificate with its private key.</summary>
        public X509Certificate2 ClientCertificate { get; set; }

        /// <summary>Path of the client certificate PEM; used with <see cref="ClientKeyPemPath"/> when <see cref="ClientCertificate"/> is null.</summary>
        public string ClientCertificatePemPath { get; set; }

        /// <summary>Path of the client private key PEM (PKCS#8, SEC1 or PKCS#1, unencrypted).</summary>
        public string ClientKeyPemPath { get; set; }

        /// <summary>
        /// Name the server certificate must carry (SNI and host name check); null means <see cref="TransportOptions.Host"/>.
        /// </summary>
        public string ServerName { get; set; }

        /// <summary>Allowed TLS versions; None lets the operating system choose (TLS 1.2 and 1.3 on current systems).</summary>
        public SslProtocols Protocols { get; set; } = SslProtocols.None;

        public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>
        /// Size of the buffer that receives decrypted bytes. 16 KiB holds a whole TLS record (RFC 8446 §5.1: plaintext
        /// of at most 2^14 bytes), so one read never leaves part of a record inside the stream.
        /// </summary>
        public int ReceiveBufferSize { get; set; } = 16384;

        public override string ToString()
        {
            string ca = this.CaCertificate != null ? this.CaCertificate.Subject : (this.CaCertificatePemPath ?? "system store");
            string client = this.ClientCertificate != null ? this.ClientCertificate.Subject : (this.ClientCertificatePemPath ?? "none");
            return "ca=" + ca + " client=" + client + " server=" + (this.ServerName ?? "(host)");
        }
    }
}
