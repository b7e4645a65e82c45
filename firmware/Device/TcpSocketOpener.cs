using System;
using System.Net;
using System.Net.Sockets;
using HomeNode.App.Connection;

namespace HomeNode.Device
{
    /// <summary>
    /// TCP connect to one broker address for <see cref="SocketTransport"/> and <see cref="TlsTransport"/>, bounded by a
    /// time-out: the connect runs on a <see cref="DeadlineWorker"/> thread and the firmware loop waits for it no longer
    /// than the time-out <see cref="BrokerDialer"/> gives it.
    /// </summary>
    /// <remarks>
    /// Why a worker thread, read from the sources the toolchain builds: nanoframework/System.Net
    /// Sockets/Socket.cs Connect(EndPoint) calls NativeSocket.connect and then, the socket being blocking
    /// (m_fBlocking, private, always true: there is no Blocking property), Poll(-1, SelectMode.SelectWrite), which waits
    /// with no time-out; SendTimeout/ReceiveTimeout only reach Send/Receive. In nf-interpreter
    /// src/DeviceInterfaces/System.Net/sys_net_native_System_Net_Sockets_NativeSocket.cpp the native socket is
    /// non-blocking from creation (SOCK_FIONBIO), connect returns at once with EWOULDBLOCK (BindConnectHelper), and
    /// poll waits in WaitEvents(Event_Socket) with the runtime free to run other managed threads; it ends when lwIP
    /// reports the connection up or failed (after CONFIG_LWIP_TCP_SYNMAXRTX = 4 SYN retransmissions on ESP32,
    /// targets/ESP32/_IDF/sdkconfig.default). So the wait can move to another thread, and the loop can stop waiting.
    /// When the time-out passes, <see cref="Cancel"/> closes the socket: Socket.Dispose sets the handle to -1, every
    /// lwIP socket event wakes the waiting poll (sys_signal_sock_event in targets/ESP32/_lwIP/nf_sockets.c
    /// event_callback), and the re-entered poll throws ObjectDisposedException on the disposed handle, which ends the
    /// worker's connect; at the latest it ends with the SYN retries. Until then the next attempt finds the worker busy
    /// and fails at once rather than starting a second thread.
    /// </remarks>
    internal sealed class TcpSocketOpener : IAddressConnector, IBlockingOperation
    {
        private readonly int port;
        private readonly int ioTimeoutMilliseconds;
        private readonly DeadlineWorker worker;
        private readonly object gate = new object();
        private EndPoint target;
        private Socket connecting;
        private Socket connected;

        /// <param name="ioTimeoutMilliseconds">SendTimeout and ReceiveTimeout of the connected socket.</param>
        public TcpSocketOpener(int port, int ioTimeoutMilliseconds)
        {
            this.port = port;
            this.ioTimeoutMilliseconds = ioTimeoutMilliseconds;
            this.worker = new DeadlineWorker(this);
        }

        /// <summary>Connects to <paramref name="address"/> (IPv4, see <see cref="IHostResolver"/>) on the worker thread, waiting at most the time-out.</summary>
        public bool Connect(uint address, int timeoutMilliseconds)
        {
            lock (this.gate)
            {
                if (this.worker.IsBusy)
                {
                    return false;
                }

                this.target = new IPEndPoint(new IPAddress(address), this.port);
            }

            return this.worker.Run(timeoutMilliseconds) == DeadlineOutcome.Succeeded;
        }

        /// <summary>The socket the last successful <see cref="Connect"/> opened; the caller owns it from now on.</summary>
        public Socket TakeConnected()
        {
            lock (this.gate)
            {
                Socket socket = this.connected;
                this.connected = null;
                return socket;
            }
        }

        /// <summary>On the worker thread: one blocking connect.</summary>
        public bool Run()
        {
            Socket socket = null;
            try
            {
                EndPoint endPoint;
                lock (this.gate)
                {
                    endPoint = this.target;
                }

                socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                lock (this.gate)
                {
                    this.connecting = socket;
                }

                socket.SendTimeout = this.ioTimeoutMilliseconds;
                socket.ReceiveTimeout = this.ioTimeoutMilliseconds;

                // MQTT packets are small and latency matters more than segment count (keep-alive, acks).
                socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.NoDelay, true);
                socket.Connect(endPoint);
                lock (this.gate)
                {
                    this.connecting = null;
                    this.connected = socket;
                }

                return true;
            }
            catch (Exception)
            {
                // refused, unreachable, or closed by Cancel: the dialer reports the address
                lock (this.gate)
                {
                    this.connecting = null;
                }

                Close(socket);
                return false;
            }
        }

        /// <summary>From the firmware loop, once the time-out passed: closing the socket ends the connect.</summary>
        public void Cancel()
        {
            Socket socket;
            lock (this.gate)
            {
                socket = this.connecting;
            }

            Close(socket);
        }

        /// <summary>On the worker thread: a connect that succeeded after the loop stopped waiting.</summary>
        public void Discard()
        {
            Close(this.TakeConnected());
        }

        private static void Close(Socket socket)
        {
            if (socket == null)
            {
                return;
            }

            try
            {
                socket.Close();
            }
            catch (Exception)
            {
                // already closed by the other side of a cancel; the handle is gone either way
            }
        }
    }
}
