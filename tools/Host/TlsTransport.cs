using System;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using HomeNode.Mqtt;

namespace HomeNode.Host
{
    /// <summary>
    /// TLS over TCP for the host. The server certificate must chain to the configured CA (custom root trust) or, with
    /// no CA configured, to the system store, and must carry the expected host name.
    /// </summary>
    /// <remarks>
    /// SslStream decrypts whole records, so bytes can sit decrypted inside it while the socket has nothing to read:
    /// socket.Available cannot tell whether a read would block. Instead one ReadAsync into an internal buffer is kept
    /// pending; Receive copies out of that buffer once the read has completed and otherwise returns 0 at once. The
    /// buffer and its Memory are allocated once per transport, and SslStream's reads complete through pooled value-task
    /// sources, so a steady-state Receive does not allocate. Not thread-safe: one thread calls it, like the MQTT
    /// client's Poll (the pending read completes on the thread pool, but only this thread looks at the buffer, and only
    /// after the read has completed).
    /// </remarks>
    public sealed class TlsTransport : IMqttTransport, IDisposable
    {
        // RFC 5280 §4.2.1.12: id-kp-serverAuth.
        private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

        private readonly TransportOptions options;
        private readonly TlsOptions tls;
        private readonly byte[] received;
        private readonly Memory<byte> receivedMemory;
        private readonly RemoteCertificateValidationCallback validate;

        private X509Certificate2Collection trustedRoots;
        private SslStreamCertificateContext clientContext;
        private bool credentialsLoaded;

        private Socket socket;
        private SslStream ssl;
        private ValueTask<int> pendingRead;
        private bool readPending;
        private int receivedOffset;
        private int receivedCount;
        private bool closed = true;

        public TlsTransport(TransportOptions options, TlsOptions tls)
        {
            this.options = options ?? throw new ArgumentNullException(nameof(options));
            this.tls = tls ?? throw new ArgumentNullException(nameof(tls));
            if (tls.ReceiveBufferSize <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(tls), "ReceiveBufferSize must be positive");
            }

            this.received = new byte[tls.ReceiveBufferSize];
            this.receivedMemory = new Memory<byte>(this.received);
            this.validate = this.ValidateServerCertificate;
        }

        /// <summary>Why the last <see cref="Open"/> failed; None after a successful one.</summary>
        public TransportFailure LastFailure { get; private set; }

        /// <summary>What was wrong with the server certificate in the last handshake (None when it was accepted).</summary>
        public SslPolicyErrors LastPolicyErrors { get; private set; }

        /// <summary>Chain problems found against the configured CA in the last handshake.</summary>
        public X509ChainStatusFlags LastChainStatus { get; private set; }

        /// <summary>The TLS version of the open connection, None when closed.</summary>
        public SslProtocols NegotiatedProtocol => this.ssl != null && !this.closed ? this.ssl.SslProtocol : SslProtocols.None;

        public bool Open()
        {
            this.Close();
            this.LastPolicyErrors = SslPolicyErrors.None;
            this.LastChainStatus = X509ChainStatusFlags.NoError;
            if (!this.LoadCredentials())
            {
                this.LastFailure = TransportFailure.BadCredentials;
                return false;
            }

            this.socket = TcpConnector.Connect(this.options, out TransportFailure failure);
            this.LastFailure = failure;
            if (this.socket == null)
            {
                return false;
            }

            this.ssl = new SslStream(new NetworkStream(this.socket, ownsSocket: true), leaveInnerStreamOpen: false, this.validate);
            SslClientAuthenticationOptions authentication = new SslClientAuthenticationOptions
            {
                TargetHost = this.tls.ServerName ?? this.options.Host,
                EnabledSslProtocols = this.tls.Protocols,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                ClientCertificateContext = this.clientContext,
            };

            try
            {
                using (CancellationTokenSource timeout = new CancellationTokenSource(this.tls.HandshakeTimeout))
                {
                    this.ssl.AuthenticateAsClientAsync(authentication, timeout.Token).GetAwaiter().GetResult();
                }

                this.closed = false;
                return true;
            }
            catch (OperationCanceledException)
            {
                this.LastFailure = TransportFailure.HandshakeTimedOut;
            }
            catch (Exception e) when (e is AuthenticationException || e is IOException || e is SocketException || e is System.ComponentModel.Win32Exception)
            {
                this.LastFailure = this.LastPolicyErrors != SslPolicyErrors.None
                    ? TransportFailure.CertificateRejected
                    : TransportFailure.HandshakeFailed;
            }

            this.Close();
            return false;
        }

        public int Send(byte[] buffer, int offset, int count)
        {
            TcpTransport.CheckRange(buffer, offset, count);

            // Pumping the read first notices a peer that has already closed (its FIN or alert completes the pending
            // read), where a write would still be accepted by the kernel.
            if (this.closed || !this.PumpRead())
            {
                return -1;
            }

            if (count == 0)
            {
                return 0;
            }

            try
            {
                // SslStream writes whole records and blocks at most SendTimeout (set on the socket); a time-out leaves
                // the record stream broken, so any failure closes.
                this.ssl.Write(buffer, offset, count);
                return count;
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is InvalidOperationException || e is SocketException)
            {
                this.closed = true;
                return -1;
            }
        }

        public int Receive(byte[] buffer, int offset, int count)
        {
            TcpTransport.CheckRange(buffer, offset, count);
            if (this.closed)
            {
                return -1;
            }

            if (count == 0)
            {
                return 0;
            }

            if (this.receivedCount == 0)
            {
                if (!this.PumpRead())
                {
                    return -1;
                }

                if (this.receivedCount == 0)
                {
                    return 0;
                }
            }

            int n = count < this.receivedCount ? count : this.receivedCount;
            Buffer.BlockCopy(this.received, this.receivedOffset, buffer, offset, n);
            this.receivedOffset += n;
            this.receivedCount -= n;
            return n;
        }

        public void Close()
        {
            bool wasOpen = !this.closed;
            this.closed = true;
            this.receivedOffset = 0;
            this.receivedCount = 0;
            Socket s = this.socket;
            SslStream stream = this.ssl;
            this.socket = null;
            this.ssl = null;
            if (wasOpen && stream != null)
            {
                // close_notify (RFC 8446 §6.1), so the broker sees an orderly end rather than a truncated stream;
                // bounded because a dead peer may not drain it.
                try
                {
                    stream.ShutdownAsync().Wait(TimeSpan.FromMilliseconds(250));
                }
                catch (Exception)
                {
                }
            }

            if (s != null)
            {
                try
                {
                    // Ends a read still pending in the stream, so the wait below is short.
                    s.Shutdown(SocketShutdown.Both);
                }
                catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
                {
                }
            }

            if (stream != null)
            {
                stream.Dispose();
            }
            else if (s != null)
            {
                s.Dispose();
            }

            if (this.readPending)
            {
                // Observe the read's outcome so a faulted read is not left unobserved; it ends with the socket.
                this.readPending = false;
                ValueTask<int> read = this.pendingRead;
                this.pendingRead = default;
                try
                {
                    read.AsTask().Wait(TimeSpan.FromSeconds(1));
                }
                catch (Exception)
                {
                }
            }
        }

        public void Dispose() => this.Close();

        /// <summary>
        /// Keeps one read pending while the internal buffer is empty and collects it once complete. Returns false when
        /// the connection has ended (end of stream, alert, reset).
        /// </summary>
        private bool PumpRead()
        {
            if (this.receivedCount > 0)
            {
                return true;
            }

            if (!this.readPending)
            {
                try
                {
                    this.pendingRead = this.ssl.ReadAsync(this.receivedMemory);
                    this.readPending = true;
                }
                catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is InvalidOperationException || e is SocketException)
                {
                    this.closed = true;
                    return false;
                }
            }

            if (!this.pendingRead.IsCompleted)
            {
                return true;
            }

            int n;
            try
            {
                n = this.pendingRead.GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is InvalidOperationException || e is SocketException || e is AuthenticationException)
            {
                n = -1;
            }

            this.readPending = false;
            this.pendingRead = default;
            if (n <= 0)
            {
                this.closed = true;
                return false;
            }

            this.receivedOffset = 0;
            this.receivedCount = n;
            return true;
        }

        private bool ValidateServerCertificate(object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors)
        {
            if (certificate == null)
            {
                this.LastPolicyErrors = errors | SslPolicyErrors.RemoteCertificateNotAvailable;
                return false;
            }

            if (this.trustedRoots != null)
            {
                // The platform chain was built against the system store; judge the chain against our CA instead. The
                // name check (RemoteCertificateNameMismatch) does not depend on the chain and stays as reported.
                errors &= ~SslPolicyErrors.RemoteCertificateChainErrors;
                using (X509Chain custom = new X509Chain())
                {
                    custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    custom.ChainPolicy.CustomTrustStore.AddRange(this.trustedRoots);
                    custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    custom.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuthOid));
                    if (chain != null)
                    {
                        // Intermediates the server sent.
                        custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
                    }

                    X509Certificate2 leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                    if (!custom.Build(leaf))
                    {
                        errors |= SslPolicyErrors.RemoteCertificateChainErrors;
                        X509ChainStatusFlags flags = X509ChainStatusFlags.NoError;
                        foreach (X509ChainStatus status in custom.ChainStatus)
                        {
                            flags |= status.Status;
                        }

                        this.LastChainStatus = flags;
                    }
                }
            }

            this.LastPolicyErrors = errors;
            return errors == SslPolicyErrors.None;
        }

        private bool LoadCredentials()
        {
            if (this.credentialsLoaded)
            {
                return true;
            }

            try
            {
                X509Certificate2Collection roots = null;
                if (this.tls.CaCertificate != null)
                {
                    roots = new X509Certificate2Collection(this.tls.CaCertificate);
                }
                else if (this.tls.CaCertificatePemPath != null)
                {
                    roots = new X509Certificate2Collection();
                    roots.ImportFromPemFile(this.tls.CaCertificatePemPath);
                    if (roots.Count == 0)
                    {
                        return false;
                    }
                }

                X509Certificate2 client = this.tls.ClientCertificate;
                if (client == null && this.tls.ClientCertificatePemPath != null)
                {
                    client = X509Certificate2.CreateFromPemFile(this.tls.ClientCertificatePemPath, this.tls.ClientKeyPemPath);
                    if (OperatingSystem.IsWindows())
                    {
                        // SChannel cannot use the ephemeral key of a PEM-loaded certificate; a PKCS#12 round trip gives
                        // it a key container. OpenSSL (Linux) and Apple take the PEM key as it is.
                        X509Certificate2 ephemeral = client;
                        client = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
                        ephemeral.Dispose();
                    }
                }

                if (client != null && !client.HasPrivateKey)
                {
                    return false;
                }

                this.trustedRoots = roots;
                this.clientContext = client != null ? SslStreamCertificateContext.Create(client, null, offline: true) : null;
                this.credentialsLoaded = true;
                return true;
            }
            catch (Exception e) when (e is CryptographicException || e is IOException || e is ArgumentException || e is UnauthorizedAccessException)
            {
                return false;
            }
        }
    }
}
