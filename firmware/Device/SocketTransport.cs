using System;
using System.Net.Sockets;
using HomeNode.Mqtt;

namespace HomeNode.Device
{
    /// <summary>Plain TCP to the broker (MQTT port 1883) over nanoFramework's <see cref="Socket"/>.</summary>
    /// <remarks>
    /// Implements the <see cref="IMqttTransport"/> contract with calls read from nanoframework/System.Net
    /// Sockets/Socket.cs: Available (FIONREAD ioctl, no allocation), Poll(microseconds, SelectMode) (SelectRead is
    /// also true when the peer closed; SelectWrite when data can be sent), Receive/Send(byte[], int, int, SocketFlags)
    /// straight to the native recv/send with the socket's time-outs. Receive never blocks because it only reads what
    /// Available reports; Send returns 0 when the socket is not writable right now.
    /// </remarks>
    public sealed class SocketTransport : IMqttTransport
    {
        /// <summary>Bound on DNS + connect and on one blocked send (a full TCP window).</summary>
        public const int TimeoutMilliseconds = 10000;

        private readonly string host;
        private readonly int port;
        private Socket socket;

        public SocketTransport(string host, int port)
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
            this.port = port;
        }

        public bool Open()
        {
            this.Close();
            try
            {
                this.socket = TcpSocketOpener.Connect(this.host, this.port, TimeoutMilliseconds);
                return this.socket != null;
            }
            catch (Exception)
            {
                // DNS, connect refused/timed out, network down: all mean "no connection now"; the client retries.
                this.Close();
                return false;
            }
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
