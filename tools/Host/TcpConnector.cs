using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace HomeNode.Host
{
    /// <summary>Opens the TCP socket both host transports run on.</summary>
    internal static class TcpConnector
    {
        /// <summary>How often a connect in progress is checked for a failure (SO_ERROR) while it waits.</summary>
        private const int ConnectCheckMicroseconds = 10_000;

        /// <summary>
        /// Connects within the options' time-out; returns a blocking socket, or null and the reason on failure.
        /// </summary>
        /// <remarks>
        /// A non-blocking connect() waited for with poll(), not Socket.ConnectAsync: an async operation registers
        /// the socket with .NET's epoll engine for good, and from then on every segment that arrives wakes the
        /// engine's thread (an epoll_wait and thread-pool work per received packet, measured by tools/Bench's system
        /// call count), although our transports only ever read synchronously.
        /// </remarks>
        public static Socket Connect(TransportOptions options, out TransportFailure failure)
        {
            long deadline = Environment.TickCount64 + (long)options.ConnectTimeout.TotalMilliseconds;
            IPAddress[] addresses;
            try
            {
                using (CancellationTokenSource timeout = new CancellationTokenSource(options.ConnectTimeout))
                {
                    addresses = Dns.GetHostAddressesAsync(options.Host, timeout.Token).GetAwaiter().GetResult();
                }
            }
            catch (OperationCanceledException)
            {
                failure = TransportFailure.ConnectTimedOut;
                return null;
            }
            catch (SocketException e)
            {
                failure = Failure(e.SocketErrorCode);
                return null;
            }

            failure = addresses.Length == 0 ? TransportFailure.HostNotFound : TransportFailure.ConnectFailed;
            foreach (IPAddress address in addresses)
            {
                // The (SocketType, ProtocolType) constructor makes a dual-mode IPv6 socket: IPv4 and IPv6 addresses both work.
                Socket socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                SocketError error = ConnectOne(socket, new IPEndPoint(address, options.Port), deadline);
                if (error == SocketError.Success)
                {
                    // MQTT packets are small and latency matters more than segment count (Nagle would hold a PUBACK
                    // back until the previous segment is acknowledged).
                    socket.NoDelay = true;
                    socket.Blocking = true;
                    socket.SendTimeout = ToMilliseconds(options.SendTimeout);
                    failure = TransportFailure.None;
                    return socket;
                }

                socket.Dispose();
                failure = Failure(error);
                if (error == SocketError.TimedOut)
                {
                    break;
                }
            }

            return null;
        }

        /// <summary>connect() on a non-blocking socket, then poll() for writable in short slices until connected, failed (SO_ERROR) or the deadline (Environment.TickCount64) passes.</summary>
        private static SocketError ConnectOne(Socket socket, IPEndPoint endPoint, long deadline)
        {
            socket.Blocking = false;
            try
            {
                socket.Connect(endPoint);
                return SocketError.Success;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock || e.SocketErrorCode == SocketError.InProgress)
            {
            }
            catch (SocketException e)
            {
                return e.SocketErrorCode;
            }

            while (true)
            {
                bool writable = socket.Poll(ConnectCheckMicroseconds, SelectMode.SelectWrite);
                int error = (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error);
                if (error != 0)
                {
                    return new SocketException(error).SocketErrorCode;
                }

                if (writable)
                {
                    return SocketError.Success;
                }

                if (Environment.TickCount64 >= deadline)
                {
                    return SocketError.TimedOut;
                }
            }
        }

        private static TransportFailure Failure(SocketError error)
        {
            return error switch
            {
                SocketError.ConnectionRefused => TransportFailure.ConnectionRefused,
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => TransportFailure.HostNotFound,
                SocketError.TimedOut => TransportFailure.ConnectTimedOut,
                _ => TransportFailure.ConnectFailed,
            };
        }

        private static int ToMilliseconds(TimeSpan span)
        {
            double ms = span.TotalMilliseconds;
            return ms <= 0 ? 0 : ms >= int.MaxValue ? int.MaxValue : (int)ms;
        }
    }
}
