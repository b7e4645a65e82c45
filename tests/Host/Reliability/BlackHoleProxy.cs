using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using HomeNode.Host;
using HomeNode.Mqtt;

namespace HomeNode.Tests.Host.Reliability
{
    /// <summary>
    /// A loopback TCP proxy in front of a broker that can black-hole the link: while <see cref="Dropping"/> is set it
    /// stops forwarding in both directions but keeps every socket open, as a Wi-Fi access point that lost its uplink
    /// would (nothing arrives, nothing is refused, no FIN, no RST). Bytes already read are held, not lost, as TCP
    /// would retransmit them once the path is back. It also timestamps every MQTT CONNECT that passes through, on the
    /// test's clock when it is given one (the same clock as the client's, so the two can be compared).
    /// </summary>
    public sealed class BlackHoleProxy : IDisposable
    {
        private readonly TcpListener listener;
        private readonly int targetPort;
        private readonly List<Socket> sockets = new List<Socket>();
        private readonly IMonotonicClock clock;
        private readonly List<long> connectTimes = new List<long>();
        private readonly Thread acceptThread;
        private volatile bool dropping;
        private volatile bool disposed;

        public BlackHoleProxy(int targetPort, IMonotonicClock clock = null)
        {
            this.targetPort = targetPort;
            this.clock = clock ?? new StopwatchClock();
            this.listener = new TcpListener(IPAddress.Loopback, 0);
            this.listener.Start();
            this.Port = ((IPEndPoint)this.listener.LocalEndpoint).Port;
            this.acceptThread = new Thread(this.AcceptLoop) { IsBackground = true, Name = "proxy accept" };
            this.acceptThread.Start();
        }

        public int Port { get; }

        public bool Dropping
        {
            get => this.dropping;
            set => this.dropping = value;
        }

        public int Connections { get; private set; }

        /// <summary>Milliseconds (the given clock, else the proxy's own) at which CONNECT packets went from client to broker.</summary>
        public long[] ConnectTimes
        {
            get
            {
                lock (this.connectTimes)
                {
                    return this.connectTimes.ToArray();
                }
            }
        }

        public void Dispose()
        {
            this.disposed = true;
            this.listener.Stop();
            lock (this.sockets)
            {
                foreach (Socket s in this.sockets)
                {
                    s.Dispose();
                }
            }
        }

        private void AcceptLoop()
        {
            while (!this.disposed)
            {
                Socket client;
                try
                {
                    client = this.listener.AcceptSocket();
                }
                catch (SocketException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }

                Socket upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    upstream.Connect(IPAddress.Loopback, this.targetPort);
                }
                catch (SocketException)
                {
                    client.Dispose(); // nothing behind the proxy: the client sees its connection closed
                    upstream.Dispose();
                    continue;
                }

                client.NoDelay = true;
                lock (this.sockets)
                {
                    this.sockets.Add(client);
                    this.sockets.Add(upstream);
                }

                this.Connections++;
                new Thread(() => this.Pump(client, upstream, true)) { IsBackground = true, Name = "proxy up" }.Start();
                new Thread(() => this.Pump(upstream, client, false)) { IsBackground = true, Name = "proxy down" }.Start();
            }
        }

        private void Pump(Socket from, Socket to, bool towardBroker)
        {
            byte[] buffer = new byte[65536];
            bool atPacketStart = true;
            try
            {
                while (!this.disposed)
                {
                    this.WaitWhileDropping();
                    int n = from.Receive(buffer);
                    if (n <= 0)
                    {
                        break;
                    }

                    this.WaitWhileDropping();
                    if (towardBroker && atPacketStart && buffer[0] == 0x10)
                    {
                        // The first packet on a connection is CONNECT (type 1, MQTT 3.1.1 §3.1); later ones are not counted.
                        lock (this.connectTimes)
                        {
                            this.connectTimes.Add(this.clock.ElapsedMilliseconds);
                        }
                    }

                    atPacketStart = false;
                    to.Send(buffer, 0, n, SocketFlags.None);
                }

                to.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException)
            {
                CloseQuietly(to);
            }
            catch (ObjectDisposedException)
            {
            }
        }

        private void WaitWhileDropping()
        {
            while (this.dropping && !this.disposed)
            {
                Thread.Sleep(5);
            }
        }

        private static void CloseQuietly(Socket socket)
        {
            try
            {
                socket.Dispose();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
