using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace HomeNode.Bench
{
    /// <summary>
    /// A mosquitto of our own on a free loopback port, with a generated configuration in a temporary folder.
    /// Dispose stops exactly this process.
    /// </summary>
    public sealed class MosquittoBroker : IDisposable
    {
        private readonly Process process;
        private readonly string directory;

        private MosquittoBroker(Process process, string directory, int port, string version)
        {
            this.process = process;
            this.directory = directory;
            Port = port;
            Version = version;
        }

        public string Host => "127.0.0.1";

        public int Port { get; }

        /// <summary>Id of the mosquitto process this instance started (and only this one is stopped by <see cref="Dispose"/>).</summary>
        public int ProcessId => process.Id;

        /// <summary>First line of <c>mosquitto -h</c>, e.g. "mosquitto version 2.0.11".</summary>
        public string Version { get; }

        public static string FindExecutable()
        {
            foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
            {
                string candidate = Path.Combine(folder, "mosquitto");
                if (folder.Length > 0 && File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : null;
        }

        public static MosquittoBroker Start()
        {
            string executable = FindExecutable() ?? throw new InvalidOperationException("mosquitto not found on PATH or in /usr/sbin (apt-get install mosquitto)");
            int port = FreeLoopbackPort();
            string directory = Path.Combine(Path.GetTempPath(), "homenode-bench-" + Environment.ProcessId + "-" + port);
            Directory.CreateDirectory(directory);
            string config = Path.Combine(directory, "mosquitto.conf");

            // The bench measures clients, so the broker must not drop or throttle: no persistence, no queue or in-flight
            // limits (mosquitto.conf(5): 0 = no maximum; with both message limits at 0, db__ready_for_flight in
            // mosquitto 2.0's src/database.c lets every QoS 0 message through instead of dropping it once a client's
            // queue is full), and no Nagle delay on its sockets.
            File.WriteAllText(config, string.Join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence false",
                "max_queued_messages 0",
                "max_inflight_messages 0",
                "max_queued_bytes 0",
                "max_inflight_bytes 0",
                "set_tcp_nodelay true",
                "log_dest stderr",
                "log_type error",
                string.Empty));

            ProcessStartInfo start = new ProcessStartInfo(executable)
            {
                UseShellExecute = false,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(config);
            Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + executable);
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, e) =>
            {
                if (!string.IsNullOrEmpty(e.Data))
                {
                    Console.Error.WriteLine("mosquitto: " + e.Data);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            MosquittoBroker broker = new MosquittoBroker(process, directory, port, VersionOf(executable));
            try
            {
                broker.WaitUntilListening(TimeSpan.FromSeconds(5));
            }
            catch
            {
                broker.Dispose();
                throw;
            }

            return broker;
        }

        public void Dispose()
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                    process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            process.Dispose();
            try
            {
                Directory.Delete(directory, true);
            }
            catch (IOException)
            {
            }
        }

        private static int FreeLoopbackPort()
        {
            TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private static string VersionOf(string executable)
        {
            ProcessStartInfo start = new ProcessStartInfo(executable, "-h") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            using (Process help = Process.Start(start))
            {
                string text = help.StandardOutput.ReadLine() ?? string.Empty;
                help.StandardError.ReadToEnd();
                help.WaitForExit(5000);
                return text.Trim();
            }
        }

        private void WaitUntilListening(TimeSpan timeout)
        {
            Stopwatch waited = Stopwatch.StartNew();
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException("mosquitto exited with code " + process.ExitCode + " before listening on port " + Port);
                }

                try
                {
                    using (TcpClient probe = new TcpClient())
                    {
                        probe.Connect(IPAddress.Loopback, Port);
                        return;
                    }
                }
                catch (SocketException) when (waited.Elapsed < timeout)
                {
                    Thread.Sleep(20);
                }
            }
        }
    }
}
