using System;
using System.Net.Sockets;
using HomeNode.Mqtt;

namespace HomeNode.Host
{
    /// <summary>
    /// Plain TCP transport for the host (simulator, bench, integration tests). The socket is non-blocking once
    /// connected, so each Receive and each Send is one system call: Receive reads what the kernel already holds
    /// (recv: EAGAIN = nothing yet, 0 = end of stream), Send writes what the kernel's buffer takes and returns 0 when it
    /// takes nothing (the client keeps the rest and bounds the wait with its own send time-out, see
    /// <see cref="IMqttTransport"/>). Not thread-safe: one thread calls it, like the MQTT client's Poll.
    /// </summary>
    public sealed class TcpTransport : IMqttTransport, IDisposable
    {
        private readonly TransportOptions options;
        private Socket socket;
        private bool closed = true;

        public TcpTransport(TransportOptions options)
        {
            this.options = options ?? throw new ArgumentNullException(nameof(options));
        }

        /// <summary>Why the last <see cref="Open"/> failed; None after a successful one.</summary>
        public TransportFailure LastFailure { get; private set; }

        public bool Open()
        {
            this.Close();
            this.socket = TcpConnector.Connect(this.options, out TransportFailure failure);
            this.LastFailure = failure;
            this.closed = this.socket == null;
            if (!this.closed)
            {
                // O_NONBLOCK: recv and send return EAGAIN instead of waiting, so neither needs a poll or FIONREAD first
                this.socket.Blocking = false;
            }

            return !this.closed;
        }

        public int Send(byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            if (this.closed)
            {
                return -1;
            }

            // No check for the peer's FIN first (that cost a poll per send): the kernel takes the first write after the
            // peer has gone, the peer answers it with RST, and the next send fails with EPIPE or ECONNRESET; the
            // client's next Poll sees end of stream in Receive before that.
            if (count == 0)
            {
                return 0;
            }

            int sent = this.socket.Send(buffer, offset, count, SocketFlags.None, out SocketError error);
            if (error == SocketError.Success)
            {
                return sent;
            }

            if (error == SocketError.WouldBlock)
            {
                return 0;
            }

            this.closed = true;
            return -1;
        }

        public int Receive(byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            if (this.closed)
            {
                return -1;
            }

            if (count == 0)
            {
                return 0;
            }

            // One recv on the non-blocking socket: bytes, EAGAIN (nothing yet) or 0 (the peer closed: end of stream).
            int received = this.socket.Receive(buffer, offset, count, SocketFlags.None, out SocketError error);
            if (error == SocketError.Success && received > 0)
            {
                return received;
            }

            if (error == SocketError.WouldBlock)
            {
                return 0;
            }

            this.closed = true;
            return -1;
        }

        /// <summary>
        /// Blocks until something can be read (bytes, end of stream or an error) or the time-out passes, so a host
        /// thread can sleep between <see cref="MqttClient.Poll"/> calls instead of spinning. Returns true when a
        /// Receive would not return 0 (or the transport is closed), false on time-out. Allocates nothing.
        /// </summary>
        public bool WaitReadable(TimeSpan timeout)
        {
            return this.Wait(timeout, SelectMode.SelectRead);
        }

        /// <summary>
        /// Blocks until the kernel takes bytes again (or an error, or the time-out), for a thread whose client said
        /// <see cref="MqttStatus.SendInProgress"/>: the client itself never waits for a full send buffer. Allocates nothing.
        /// </summary>
        public bool WaitWritable(TimeSpan timeout)
        {
            return this.Wait(timeout, SelectMode.SelectWrite);
        }

        private bool Wait(TimeSpan timeout, SelectMode mode)
        {
            Socket s = this.socket;
            if (this.closed || s == null)
            {
                return true;
            }

            double microseconds = timeout.TotalMilliseconds * 1000;
            try
            {
                return s.Poll(microseconds <= 0 ? 0 : microseconds >= int.MaxValue ? -1 : (int)microseconds, mode);
            }
            catch (SocketException)
            {
                return true;
            }
            catch (ObjectDisposedException)
            {
                return true;
            }
        }

        public void Close()
        {
            this.closed = true;
            Socket s = this.socket;
            this.socket = null;
            if (s == null)
            {
                return;
            }

            try
            {
                s.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // Already reset by the peer: nothing to flush.
            }
            catch (ObjectDisposedException)
            {
            }

            s.Dispose();
        }

        public void Dispose() => this.Close();

        internal static void CheckRange(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }
        }
    }
}
