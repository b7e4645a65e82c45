using System;
using System.Net;
using System.Net.Sockets;
using HomeNode.App.Connection;
using HomeNode.App.Diagnostics;

namespace HomeNode.Device
{
    /// <summary>The broker's host name through nanoFramework's <see cref="Dns"/>, for <see cref="BrokerDialer"/> (which caches the answer).</summary>
    /// <remarks>
    /// Read from the sources the toolchain builds: nanoframework/System.Net DNS.cs (GetHostEntry turns what
    /// NativeSocket.getaddrinfo returns into IPv4/IPv6 addresses; a literal address comes back as itself). In
    /// nf-interpreter the native getaddrinfo (sys_net_native_System_Net_Sockets_NativeSocket.cpp) has a 30 s time-out,
    /// but only for a lookup that answers EWOULDBLOCK; the lwIP driver (src/PAL/Lwip/lwIP_Sockets.cpp GetAddrInfo)
    /// calls lwip_getaddrinfo, which blocks inside the native call until lwIP's DNS answers or gives up (4 tries over
    /// about 7 s per server, up to 3 servers on ESP32: targets/ESP32/_include/lwipopts.h DNS_MAX_SERVERS), and returns
    /// one address. While it blocks no managed thread runs, so a worker thread cannot bound it; the dialer's cache
    /// keeps it rare. The nanoCLR build for a PC has no networking: GetHostEntry throws NotSupportedException.
    /// </remarks>
    internal sealed class DnsResolver : IHostResolver
    {
        private readonly string host;
        private readonly ILog log;

        public DnsResolver(string host, ILog log)
        {
            this.host = host;
            this.log = log;
        }

        public int Resolve(uint[] addresses)
        {
            IPAddress[] list;
            try
            {
                list = Dns.GetHostEntry(this.host).AddressList;
            }
            catch (Exception e)
            {
                // SocketException for an unknown name or no DNS answer; the dialer says what happens next
                this.log.Write("dns: ");
                this.log.Write(this.host);
                this.log.Write(": ");
                ExceptionText.WriteLine(this.log, e);
                return 0;
            }

            int count = 0;
            for (int i = 0; i < list.Length && count < addresses.Length; i++)
            {
                IPAddress address = list[i];
                if ((object)address == null || address.AddressFamily != AddressFamily.InterNetwork)
                {
                    continue;
                }

                // network order, first byte in the low bits: what IPAddress(long) takes back
                byte[] bytes = address.GetAddressBytes();
                addresses[count++] = (uint)(bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24));
            }

            return count;
        }
    }
}
