using System.Net;
using System.Net.Sockets;

namespace HomeNode.Device
{
    /// <summary>DNS lookup and TCP connect shared by <see cref="SocketTransport"/> and <see cref="TlsTransport"/>.</summary>
    /// <remarks>
    /// Read from nanoframework/System.Net: DNS.cs (Dns.GetHostEntry(string) returns the IPv4/IPv6 addresses of the
    /// host, or the address itself for a literal), Sockets/Socket.cs (Connect(EndPoint) on a blocking socket polls
    /// for writability with no time-out; SendTimeout/ReceiveTimeout are milliseconds, 0 meaning infinite).
    /// </remarks>
    internal static class TcpSocketOpener
    {
        /// <summary>Resolves <paramref name="host"/>, connects to the first IPv4 address and sets both time-outs.</summary>
        /// <returns>The connected socket, or null when the host has no IPv4 address.</returns>
        /// <exception cref="SocketException">DNS or the connect failed.</exception>
        public static Socket Connect(string host, int port, int timeoutMilliseconds)
        {
            IPHostEntry entry = Dns.GetHostEntry(host);
            IPAddress address = null;
            IPAddress[] addresses = entry.AddressList;
            for (int i = 0; i < addresses.Length; i++)
            {
                if (addresses[i] != null && addresses[i].AddressFamily == AddressFamily.InterNetwork)
                {
                    address = addresses[i];
                    break;
                }
            }

            if (address == null)
            {
                return null;
            }

            Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.SendTimeout = timeoutMilliseconds;
                socket.ReceiveTimeout = timeoutMilliseconds;

                // MQTT packets are small and latency matters more than segment count (keep-alive, acks).
                socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.NoDelay, true);
                socket.Connect(new IPEndPoint(address, port));
                return socket;
            }
            catch
            {
                socket.Close();
                throw;
            }
        }
    }
}
