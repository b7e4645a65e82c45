using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace HomeNode.Tests.Host.Integration
{
    /// <summary>
    /// A few lines of raw socket playing a broker that knows only MQTT 3.1.1: to a CONNECT of protocol level 5 it
    /// answers as MQTT 3.1.1 §3.1.2.2 says such a server may (CONNACK return code 0x01, unacceptable protocol level, then
    /// close), or closes without a word; to level 4 it answers CONNACK 0 and keeps the socket open, reading and
    /// discarding. Records the protocol level of every CONNECT.
    /// </summary>
    public sealed class VersionRefusingFakeBroker : IDisposable
    {
        private readonly TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly bool answerWithReturnCode;
        private readonly List<int> levels = new List<int>();
        private readonly List<Socket> open = new List<Socket>();
        private readonly Thread thread;
        private volatile bool stopping;

        /// <param name="answerWithReturnCode">True: CONNACK 0x01 to a 5.0 CONNECT; false: close the connection without CONNACK.</param>
        public VersionRefusingFakeBroker(bool answerWithReturnCode)
        {
            this.answerWithReturnCode = answerWithReturnCode;
            this.listener.Start();
            this.thread = new Thread(this.Serve) { IsBackground = true, Name = "fake 3.1.1 broker" };
            this.thread.Start();
        }

        public int Port => ((IPEndPoint)this.listener.LocalEndpoint).Port;

        /// <summary>The protocol level byte of each CONNECT received, in order.</summary>
        public int[] Levels
        {
            get
            {
                lock (this.levels)
                {
                    return this.levels.ToArray();
                }
            }
        }

        public void Dispose()
        {
            this.stopping = true;
            this.listener.Stop();
            lock (this.open)
            {
                foreach (Socket socket in this.open)
                {
                    socket.Dispose();
                }
            }

            this.thread.Join(TimeSpan.FromSeconds(5));
        }

        private void Serve()
        {
            while (!this.stopping)
            {
                Socket socket;
                try
                {
                    socket = this.listener.AcceptSocket();
                }
                catch (Exception)
                {
                    return; // stopped
                }

                socket.ReceiveTimeout = 5000;
                byte[] header = new byte[64];
                int level = -1;
                try
                {
                    // fixed header 0x10, remaining length, then 00 04 'M' 'Q' 'T' 'T' and the level (MQTT 3.1.1 §3.1.2.1-2)
                    int read = 0;
                    while (read < 12)
                    {
                        int n = socket.Receive(header, read, header.Length - read, SocketFlags.None);
                        if (n <= 0)
                        {
                            break;
                        }

                        read += n;
                    }

                    int lengthBytes = 1;
                    while (lengthBytes < 4 && (header[lengthBytes] & 0x80) != 0)
                    {
                        lengthBytes++;
                    }

                    level = header[0] == 0x10 ? header[1 + lengthBytes + 6] : -1;
                }
                catch (SocketException)
                {
                }

                lock (this.levels)
                {
                    this.levels.Add(level);
                }

                if (level == 4)
                {
                    socket.Send(new byte[] { 0x20, 0x02, 0x00, 0x00 });
                    lock (this.open)
                    {
                        this.open.Add(socket); // kept open: the client is connected; what it sends is never read
                    }

                    continue;
                }

                if (this.answerWithReturnCode)
                {
                    socket.Send(new byte[] { 0x20, 0x02, 0x00, 0x01 });
                }

                socket.Shutdown(SocketShutdown.Both);
                socket.Dispose();
            }
        }
    }
}
