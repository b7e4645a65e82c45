using System;
using System.Net.Sockets;
using System.Threading;

namespace HomeNode.Host
{
    /// <summary>Opens the TCP socket both host transports run on.</summary>
    internal static class TcpConnector
    {
        /// <summary>Connects within the options' time-out; returns null and the reason on failure.</summary>
        public static Socket Connect(TransportOptions options, out TransportFailure failure)
        {
            // The (SocketType, ProtocolType) constructor makes a dual-mode IPv6 socket, so names that resolve to
            // IPv4, IPv6 or both all work; ConnectAsync(host, port) tries each address in turn.
            Socket socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                // MQTT packets are small and latency matters more than segment count (Nagle would hold a PUBACK back
                // until the previous segment is acknowledged).
                socket.NoDelay = true;
                socket.SendTimeout = ToMilliseconds(options.SendTimeout);
                using (CancellationTokenSource timeout = new CancellationTokenSource(options.ConnectTimeout))
                {
                    socket.ConnectAsync(options.Host, options.Port, timeout.Token).AsTask().GetAwaiter().GetResult();
                }

                failure = TransportFailure.None;
                return socket;
            }
            catch (OperationCanceledException)
            {
                failure = TransportFailure.ConnectTimedOut;
            }
            catch (SocketException e)
            {
                failure = e.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => TransportFailure.ConnectionRefused,
                    SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => TransportFailure.HostNotFound,
                    SocketError.TimedOut => TransportFailure.ConnectTimedOut,
                    _ => TransportFailure.ConnectFailed,
                };
            }

            socket.Dispose();
            return null;
        }

        private static int ToMilliseconds(TimeSpan span)
        {
            double ms = span.TotalMilliseconds;
            return ms <= 0 ? 0 : ms >= int.MaxValue ? int.MaxValue : (int)ms;
        }
    }
}
