namespace HomeNode.Host
{
    /// <summary>Why the last <see cref="Mqtt.IMqttTransport.Open"/> of a host transport failed.</summary>
    public enum TransportFailure
    {
        None = 0,

        /// <summary>The host name did not resolve.</summary>
        HostNotFound,

        /// <summary>The peer answered with a reset (nothing listens on the port).</summary>
        ConnectionRefused,

        /// <summary>No answer within <see cref="TransportOptions.ConnectTimeout"/>.</summary>
        ConnectTimedOut,

        /// <summary>Any other socket error during connect.</summary>
        ConnectFailed,

        /// <summary>The server certificate failed validation (see <see cref="TlsTransport.LastPolicyErrors"/>).</summary>
        CertificateRejected,

        /// <summary>The TLS handshake did not finish within <see cref="TlsOptions.HandshakeTimeout"/>.</summary>
        HandshakeTimedOut,

        /// <summary>The TLS handshake failed for another reason (protocol mismatch, the server refused our certificate, ...).</summary>
        HandshakeFailed,

        /// <summary>The TLS options could not be loaded (unreadable PEM file, key that does not match the certificate).</summary>
        BadCredentials,
    }
}
