using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace HomeNode.Soak
{
    /// <summary>
    /// mosquitto with persistence saved after every change (mosquitto.conf(5): autosave_on_changes, autosave_interval
    /// 1), on a fixed loopback port so it can be stopped and started again under the same address.
    /// </summary>
    public sealed class SoakBroker : IDisposable
    {
        private readonly string directory;
        private readonly string configPath;
        private Process process;

        public SoakBroker()
        {
            this.directory = Path.Combine(Path.GetTempPath(), "homenode-soak-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path.Combine(this.directory, "data"));
            TcpListener probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            this.Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            this.configPath = Path.Combine(this.directory, "mosquitto.conf");
            File.WriteAllText(this.configPath,
                (Environment.UserName == "root" ? "user root\n" : string.Empty) +
                "allow_anonymous true\n" +
                "persistence true\npersistence_location " + Path.Combine(this.directory, "data") + "/\n" +
                "autosave_on_changes true\nautosave_interval 1\n" +
                "max_queued_messages 100000\n" +
                "log_dest file " + Path.Combine(this.directory, "mosquitto.log") + "\n" +
                "listener " + this.Port + " 127.0.0.1\n");
        }

        public int Port { get; }

        public static string Executable =>
            File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : File.Exists("/usr/local/sbin/mosquitto") ? "/usr/local/sbin/mosquitto" : null;

        public void Start()
        {
            ProcessStartInfo start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("mosquitto is not installed (apt-get install mosquitto)"))
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(this.configPath);
            this.process = Process.Start(start);
            this.process.OutputDataReceived += (s, e) => { };
            this.process.ErrorDataReceived += (s, e) => { };
            this.process.BeginOutputReadLine();
            this.process.BeginErrorReadLine();
            for (int i = 0; i < 100; i++)
            {
                if (this.Accepts())
                {
                    return;
                }

                Thread.Sleep(50);
            }

            throw new InvalidOperationException("mosquitto did not start; see " + this.directory);
        }

        /// <summary>SIGKILL (no final save) or SIGTERM (mosquitto saves its database and exits).</summary>
        public void Stop(bool kill9)
        {
            if (this.process == null || this.process.HasExited)
            {
                return;
            }

            if (kill9)
            {
                this.process.Kill();
            }
            else
            {
                using (Process term = Process.Start("kill", "-TERM " + this.process.Id))
                {
                    term.WaitForExit();
                }
            }

            this.process.WaitForExit(10000);
            this.process.Dispose();
            this.process = null;
        }

        public void Dispose()
        {
            this.Stop(true);
            try
            {
                Directory.Delete(this.directory, true);
            }
            catch (IOException)
            {
            }
        }

        private bool Accepts()
        {
            using (Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                try
                {
                    socket.Connect(IPAddress.Loopback, this.Port);
                    return true;
                }
                catch (SocketException)
                {
                    return false;
                }
            }
        }
    }
}
