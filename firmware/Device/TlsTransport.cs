using System;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using HomeNode.App.Connection;
using HomeNode.App.Diagnostics;
using HomeNode.Mqtt;

namespace HomeNode.Device
{
    /// <summary>MQTT over TLS 1.2 (port 8883) with nanoFramework's mbedTLS-backed <see cref="SslStream"/>.</summary>
    /// <remarks>
    /// Read from nanoframework/System.Net Security/SslStream.cs: <c>new SslStream(socket)</c> takes over the socket's
    /// lifetime (Dispose closes it); <c>AuthenticateAsClient(targetHost, clientCertificate, ca, SslProtocols)</c>
    /// verifies the server (SslVerification.CertificateRequired by default) and sends SNI; DataAvailable asks the
    /// native side for decrypted plus pending bytes; Read/Write use the socket's ReceiveTimeout/SendTimeout and Write
    /// throws IOException when nothing could be written. X509Certificates/X509Certificate.cs and X509Certificate2.cs:
    /// PEM input must end with a 0 byte (the string constructors append one; the byte[] ones do not), so the PEM
    /// files are read with <see cref="BoardFile.ReadAllBytes"/> nulTerminate = true. When no CA certificate is given,
    /// the native side falls back to the CA certificate stored with the board's network configuration
    /// (nanoff --networkdeployment).
    /// <para>
    /// The TCP connect is bounded as in <see cref="SocketTransport"/> (<see cref="BrokerDialer"/>,
    /// <see cref="TcpSocketOpener"/>). The handshake is not: nf-interpreter
    /// src/DeviceInterfaces/System.Net/sys_net_native_System_Net_Security_SslNative.cpp SecureConnect calls
    /// ssl_connect_internal (src/PAL/COM/sockets/ssl/MbedTLS/ssl_connect_internal.cpp), which makes the socket blocking
    /// and loops in mbedtls_ssl_handshake inside the native call, so no managed thread runs meanwhile and the socket's
    /// time-outs do not apply (mbedtls_net_recv_timeout is given read_timeout 0: select with no time-out). It takes a
    /// few seconds of computation; against a broker that accepts TCP and then never answers it waits until lwIP drops
    /// the connection. README "Watchdogs" says what covers which hang.
    /// </para>
    /// </remarks>
    public sealed class TlsTransport : IMqttTransport
    {
        /// <summary>
        /// Bound on the TCP connect (every broker address together), on one blocked write, and on finishing a partly
        /// received TLS record. Not on DNS (see <see cref="DnsResolver"/>) nor on the handshake (see above).
        /// </summary>
        public const int TimeoutMilliseconds = 10000;

        private readonly string host;
        private readonly BrokerDialer dialer;
        private readonly TcpSocketOpener opener;
        private readonly X509Certificate caCertificate;
        private readonly X509Certificate clientCertificate;
        private Socket socket;
        private SslStream stream;

        /// <param name="host">Broker host; also the name the server certificate must carry (SNI and verification).</param>
        /// <param name="caCertificate">Trust anchor, or null for the one stored on the board.</param>
        /// <param name="clientCertificate">Client certificate with its private key (X509Certificate2) for mutual TLS, or null.</param>
        /// <param name="clock">The firmware's monotonic clock (the dialer's time-out and DNS spacing).</param>
        /// <param name="log">Told about DNS answers and addresses that do not connect (firmware loop only).</param>
        public TlsTransport(string host, int port, X509Certificate caCertificate, X509Certificate clientCertificate, IMonotonicClock clock, ILog log)
        {
            if (host == null || host.Length == 0)
            {
                throw new ArgumentException("host");
            }

            if (port <= 0 || port > 65535)
            {
                throw new ArgumentOutOfRangeException("port");
            }

            this.host = host;
            this.caCertificate = caCertificate;
            this.clientCertificate = clientCertificate;
            this.opener = new TcpSocketOpener(port, TimeoutMilliseconds);
            this.dialer = new BrokerDialer(host, port, new DnsResolver(host, log), this.opener, clock, log, TimeoutMilliseconds, BrokerDialer.DefaultCapacity, BrokerDialer.DefaultResolveSpacingMilliseconds);
        }

        /// <summary>Loads the certificates named in the configuration from the board's file system (I:\).</summary>
        /// <param name="caPemPath">CA certificate (PEM), or null.</param>
        /// <param name="clientCertPemPath">Client certificate (PEM), or null; needs <paramref name="clientKeyPemPath"/>.</param>
        /// <param name="clientKeyPemPath">Client private key (PEM, unencrypted), or null.</param>
        public static TlsTransport FromPemFiles(string host, int port, string caPemPath, string clientCertPemPath, string clientKeyPemPath, IMonotonicClock clock, ILog log)
        {
            X509Certificate ca = null;
            if (caPemPath != null)
            {
                ca = new X509Certificate(ReadRequired(caPemPath));
            }

            X509Certificate client = null;
            if (clientCertPemPath != null)
            {
                if (clientKeyPemPath == null)
                {
                    throw new ArgumentException("clientKeyPemPath");
                }

                // X509Certificate2(byte[] rawData, byte[] key, string password): null password for an unencrypted key.
                client = new X509Certificate2(
                    ReadRequired(clientCertPemPath),
                    ReadRequired(clientKeyPemPath),
                    null);
            }

            return new TlsTransport(host, port, ca, client, clock, log);
        }

        private static byte[] ReadRequired(string path)
        {
            byte[] bytes = BoardFile.ReadAllBytes(path, true);
            if (bytes == null)
            {
                throw new ArgumentException(path + " not found on the board (deploy it next to config.ini)");
            }

            return bytes;
        }

        public bool Open()
        {
            this.Close();
            try
            {
                this.socket = this.dialer.Open() ? this.opener.TakeConnected() : null;
                if (this.socket == null)
                {
                    return false;
                }

                this.stream = new SslStream(this.socket);
                this.stream.AuthenticateAsClient(this.host, this.clientCertificate, this.caCertificate, SslProtocols.Tls12);
                return true;
            }
            catch (Exception)
            {
                // Certificate verification (CryptographicException), handshake: no connection now.
                this.Close();
                return false;
            }
        }

        public int Send(byte[] buffer, int offset, int count)
        {
            SslStream current = this.stream;
            if (current == null)
            {
                return -1;
            }

            try
            {
                if (!this.socket.Poll(0, SelectMode.SelectWrite))
                {
                    return 0;
                }

                // SslStream.Write writes the whole range or throws (SecureWrite with the socket's SendTimeout).
                current.Write(buffer, offset, count);
                return count;
            }
            catch (IOException)
            {
                return -1;
            }
            catch (SocketException)
            {
                return -1;
            }
            catch (ObjectDisposedException)
            {
                return -1;
            }
        }

        public int Receive(byte[] buffer, int offset, int count)
        {
            SslStream current = this.stream;
            if (current == null)
            {
                return -1;
            }

            try
            {
                // DataAvailable only reports what mbedTLS has already decrypted and buffered (ssl_available_internal:
                // mbedtls_ssl_check_pending, which never polls the socket); a new record waits in the socket until a
                // Read pulls it in. So read when either has bytes.
                if (!current.DataAvailable && this.socket.Available == 0)
                {
                    // readable with nothing to read: the peer closed (or reset) the connection
                    return this.socket.Poll(0, SelectMode.SelectRead) ? -1 : 0;
                }

                // Returns decrypted bytes; may wait up to TimeoutMilliseconds for the rest of a record already arriving.
                int received = current.Read(buffer, offset, count);
                return received > 0 ? received : -1;
            }
            catch (IOException)
            {
                return -1;
            }
            catch (SocketException)
            {
                return -1;
            }
            catch (ObjectDisposedException)
            {
                return -1;
            }
        }

        public void Close()
        {
            SslStream currentStream = this.stream;
            Socket currentSocket = this.socket;
            this.stream = null;
            this.socket = null;
            try
            {
                if (currentStream != null)
                {
                    // disposing the SslStream closes the socket it owns (SslStream.Dispose: SecureCloseSocket)
                    currentStream.Dispose();
                }
                else if (currentSocket != null)
                {
                    currentSocket.Close();
                }
            }
            catch (Exception)
            {
                // Close is idempotent and never throws (IMqttTransport contract).
            }
        }
    }
}
