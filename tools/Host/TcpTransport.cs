using System;
using System.Net.Sockets;
using HomeNode.Mqtt;

namespace HomeNode.Host
{
    /// <summary>
    /// Plain TCP transport for the host (simulator, bench, integration tests). Receive never blocks: it reads only
    /// what the kernel already holds. Send blocks at most <see cref="TransportOptions.SendTimeout"/>.
    /// Not thread-safe: one thread calls it, like the MQTT client's Poll.
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
            return !this.closed;
        }

        public int Send(byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            if (this.closed)
            {
                return -1;
            }

            // The kernel accepts the first write after the peer has gone (the RST comes back later), so look for the
            // peer's FIN first: readable with nothing to read means end of stream.
            if (this.PeerHasClosed())
            {
                this.closed = true;
                return -1;
            }

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

            // TimedOut included: a peer that has not drained its window for SendTimeout is treated as gone, and a
            // timed-out blocking send may have written part of the buffer, so the stream cannot be trusted anyway.
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

            // Available > 0: a blocking Receive returns at once with what is there. Otherwise Poll(0) tells whether the
            // socket is readable anyway, which means end of stream or an error; both end the connection.
            try
            {
                if (this.socket.Available == 0 && !this.socket.Poll(0, SelectMode.SelectRead))
                {
                    return 0;
                }
            }
            catch (SocketException)
            {
                this.closed = true;
                return -1;
            }

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

        private bool PeerHasClosed()
        {
            try
            {
                return this.socket.Poll(0, SelectMode.SelectRead) && this.socket.Available == 0;
            }
            catch (SocketException)
            {
                return true;
            }
        }
    }
}
