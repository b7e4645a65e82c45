using System.Net;
using System.Net.Sockets;

namespace HomeNode.Host
{
    /// <summary>Free TCP ports on the loopback interface, for brokers and listeners started by tests and tools.</summary>
    public static class LoopbackPort
    {
        /// <summary>
        /// A port nothing listens on right now: the kernel picks it for a listener that is closed at once. Someone else
        /// may take it before the caller binds it, so a caller that must bind it retries with another.
        /// </summary>
        public static int Free()
        {
            TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
