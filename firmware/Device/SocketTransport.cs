using System;
using System.Net.Sockets;
using HomeNode.App.Connection;
using HomeNode.App.Diagnostics;
using HomeNode.Mqtt;

namespace HomeNode.Device
{
    /// <summary>Plain TCP to the broker (MQTT port 1883) over nanoFramework's <see cref="Socket"/>.</summary>
    /// <remarks>
    /// Implements the <see cref="IMqttTransport"/> contract with calls read from nanoframework/System.Net
    /// Sockets/Socket.cs: Available (FIONREAD ioctl, no allocation), Poll(microseconds, SelectMode) (SelectRead is
    /// also true when the peer closed; SelectWrite when data can be sent), Receive/Send(byte[], int, int, SocketFlags)
    /// straight to the native recv/send with the socket's time-outs. Receive never blocks because it only reads what
    /// Available reports; Send returns 0 when the socket is not writable right now. Open goes through
    /// <see cref="BrokerDialer"/> (DNS answer cached, every address tried) and <see cref="TcpSocketOpener"/> (the connect
    /// on a worker thread, waited for at most <see cref="TimeoutMilliseconds"/>).
    /// </remarks>
    public sealed class SocketTransport : IMqttTransport
    {
        /// <summary>
        /// Bound on the TCP connect (every broker address together) and on one blocked send (a full TCP window). A DNS
        /// lookup, when the dialer needs one, comes on top (see <see cref="DnsResolver"/>).
        /// </summary>
        public const int TimeoutMilliseconds = 10000;

        private readonly BrokerDialer dialer;
        private readonly TcpSocketOpener opener;
        private Socket socket;

        /// <param name="clock">The firmware's monotonic clock (the dialer's time-out and DNS spacing).</param>
        /// <param name="log">Told about DNS answers and addresses that do not connect (firmware loop only).</param>
        public SocketTransport(string host, int port, IMonotonicClock clock, ILog log)
        {
            if (host == null || host.Length == 0)
            {
                throw new ArgumentException("host");
            }

            if (port <= 0 || port > 65535)
            {
                throw new ArgumentOutOfRangeException("port");
            }

            this.opener = new TcpSocketOpener(port, TimeoutMilliseconds);
            this.dialer = new BrokerDialer(host, port, new DnsResolver(host, log), this.opener, clock, log, TimeoutMilliseconds, BrokerDialer.DefaultCapacity, BrokerDialer.DefaultResolveSpacingMilliseconds);
        }

        public bool Open()
        {
            this.Close();

            // DNS without answer, every address refused or out of time: "no connection now"; the client retries.
            this.socket = this.dialer.Open() ? this.opener.TakeConnected() : null;
            return this.socket != null;
        }

        public int Send(byte[] buffer, int offset, int count)
        {
            Socket current = this.socket;
            if (current == null)
            {
                return -1;
            }

            try
            {
                if (!current.Poll(0, SelectMode.SelectWrite))
                {
                    return 0;
                }

                int sent = current.Send(buffer, offset, count, SocketFlags.None);
                return sent > 0 ? sent : -1;
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
            Socket current = this.socket;
            if (current == null)
            {
                return -1;
            }

            try
            {
                int available = current.Available;
                if (available == 0)
                {
                    if (!current.Poll(0, SelectMode.SelectRead))
                    {
                        return 0;
                    }

                    // readable with nothing to read: the peer closed (or reset) the connection
                    available = current.Available;
                    if (available == 0)
                    {
                        return -1;
                    }
                }

                int received = current.Receive(buffer, offset, available < count ? available : count, SocketFlags.None);
                return received > 0 ? received : -1;
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
            Socket current = this.socket;
            this.socket = null;
            if (current == null)
            {
                return;
            }

            try
            {
                current.Close();
            }
            catch (Exception)
            {
                // Close is idempotent and never throws (IMqttTransport contract); the handle is gone either way.
            }
        }
    }
}
