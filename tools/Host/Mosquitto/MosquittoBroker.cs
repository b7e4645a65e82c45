using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;

namespace HomeNode.Host.Mosquitto
{
    /// <summary>
    /// A real mosquitto of our own, for the integration tests, the bench and the soak: its own temp dir (config,
    /// certificates, password and ACL files, persistence database, log), listeners on free loopback ports that stay
    /// the same across restarts, and a process that only this object stops (kill -9, or SIGTERM for a clean save).
    /// Set HOMENODE_KEEP_BROKER_FILES=1 to keep the temp dir (and its mosquitto.log) after Dispose.
    /// </summary>
    public sealed class MosquittoBroker : IDisposable
    {
        private static readonly string[] ExecutableCandidates = { "/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto", "/usr/bin/mosquitto" };
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
        private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

        // signal(7)
        private const int SignalTerminate = 15;

        // mosquitto 2.0 src/persist_write.c, logged as a save begins
        private const string SavingLine = "Saving in-memory database";

        // Brokers still running when the process exits (a test that never reached Dispose, a bench stopped with
        // Ctrl+C) are killed then, so no mosquitto outlives the run. Only processes this class started are in the list.
        private static readonly List<Process> Running = new List<Process>();

        private readonly MosquittoBrokerOptions options;
        private readonly string configPath;
        private readonly StringBuilder consoleOutput = new StringBuilder();
        private readonly TestCertificateAuthority authority;
        private Process process;
        private string version;
        private bool disposed;

        static MosquittoBroker()
        {
            AppDomain.CurrentDomain.ProcessExit += (sender, e) => KillAllRunning();
        }

        private MosquittoBroker(MosquittoBrokerOptions options)
        {
            this.options = options;
            this.Directory = Path.Combine(Path.GetTempPath(), "homenode-mosquitto-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            System.IO.Directory.CreateDirectory(this.Directory);
            this.configPath = Path.Combine(this.Directory, "mosquitto.conf");
            this.LogPath = Path.Combine(this.Directory, "mosquitto.log");
            if (options.Tls)
            {
                this.authority = TestCertificateAuthority.Create("HomeNode test CA");
                this.CaCertificatePath = Path.Combine(this.Directory, "ca.crt");
                this.ServerCertificatePath = Path.Combine(this.Directory, "server.crt");
                this.ServerKeyPath = Path.Combine(this.Directory, "server.key");
                this.ClientCertificatePath = Path.Combine(this.Directory, "client.crt");
                this.ClientKeyPath = Path.Combine(this.Directory, "client.key");
                TestCertificateAuthority.WriteCertificatePem(this.authority.Certificate, this.CaCertificatePath);
                using (X509Certificate2 server = this.authority.IssueServerCertificate(options.ServerCertificateNames))
                {
                    TestCertificateAuthority.WriteCertificatePem(server, this.ServerCertificatePath);
                    TestCertificateAuthority.WritePrivateKeyPem(server, this.ServerKeyPath);
                }

                this.ClientCertificate = this.authority.IssueClientCertificate("homenode-test-client");
                TestCertificateAuthority.WriteCertificatePem(this.ClientCertificate, this.ClientCertificatePath);
                TestCertificateAuthority.WritePrivateKeyPem(this.ClientCertificate, this.ClientKeyPath);
            }
        }

        /// <summary>Path of the mosquitto binary (the first on PATH, else a usual place), or null when it is not installed.</summary>
        public static string ExecutablePath
        {
            get
            {
                foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
                {
                    string candidate = folder.Length > 0 ? Path.Combine(folder, "mosquitto") : null;
                    if (candidate != null && File.Exists(candidate))
                    {
                        return candidate;
                    }
                }

                foreach (string candidate in ExecutableCandidates)
                {
                    if (File.Exists(candidate))
                    {
                        return candidate;
                    }
                }

                return null;
            }
        }

        /// <summary>The address every listener is bound to.</summary>
        public string Host => "127.0.0.1";

        /// <summary>The broker's temp dir.</summary>
        public string Directory { get; }

        public string LogPath { get; }

        /// <summary>The persistence database (data/mosquitto.db in <see cref="Directory"/>), or null without persistence.</summary>
        public string DatabasePath => this.options.Persistence ? Path.Combine(this.Directory, "data", "mosquitto.db") : null;

        /// <summary>Plain MQTT listener on 127.0.0.1.</summary>
        public int Port { get; private set; }

        /// <summary>TLS listener on 127.0.0.1 (0 when TLS is off).</summary>
        public int TlsPort { get; private set; }

        /// <summary>The test CA that signed the server and client certificates (with its key: tests may sign more).</summary>
        public TestCertificateAuthority CertificateAuthority => this.authority;

        /// <summary>The test CA certificate (public part is what clients trust).</summary>
        public X509Certificate2 CaCertificate => this.authority?.Certificate;

        public string CaCertificatePath { get; }

        public string ServerCertificatePath { get; }

        public string ServerKeyPath { get; }

        /// <summary>A client certificate signed by the test CA, with its private key.</summary>
        public X509Certificate2 ClientCertificate { get; }

        public string ClientCertificatePath { get; }

        public string ClientKeyPath { get; }

        public bool IsRunning => this.process != null && !this.process.HasExited;

        /// <summary>Id of the running mosquitto process (a new one after each restart).</summary>
        public int ProcessId => this.process?.Id ?? throw new InvalidOperationException("mosquitto is not running");

        /// <summary>First line of <c>mosquitto -h</c>, e.g. "mosquitto version 2.0.11".</summary>
        public string Version => this.version ??= ReadVersion(ExecutablePath);

        /// <summary>Starts a broker and waits until its listeners accept connections.</summary>
        public static MosquittoBroker Start(MosquittoBrokerOptions options = null)
        {
            if (ExecutablePath == null)
            {
                throw new InvalidOperationException("mosquitto is not installed (test.sh installs it: apt-get install mosquitto)");
            }

            MosquittoBroker broker = new MosquittoBroker(options ?? new MosquittoBrokerOptions());
            try
            {
                broker.WriteAccessFiles();

                // A port picked by binding port 0 can be taken by someone else before mosquitto binds it: try again.
                for (int attempt = 1; ; attempt++)
                {
                    broker.Port = LoopbackPort.Free();
                    broker.TlsPort = broker.options.Tls ? LoopbackPort.Free() : 0;
                    broker.WriteConfig();
                    if (broker.TryLaunch(out string failure))
                    {
                        return broker;
                    }

                    if (attempt == 3)
                    {
                        throw new InvalidOperationException("mosquitto did not start: " + failure + "\n" + broker.ReadLog());
                    }
                }
            }
            catch
            {
                broker.Dispose();
                throw;
            }
        }

        /// <summary>SIGKILL: no clean shutdown, no final persistence save, connections reset.</summary>
        public void Kill()
        {
            Process p = this.process;
            if (p == null || p.HasExited)
            {
                return;
            }

            p.Kill();
            p.WaitForExit((int)StopTimeout.TotalMilliseconds);
            lock (Running)
            {
                Running.Remove(p);
            }
        }

        /// <summary>
        /// SIGTERM, and waits for the process to end: mosquitto closes its connections and, with persistence on, saves
        /// its database before it exits.
        /// </summary>
        public void Terminate()
        {
            Process p = this.process;
            if (p == null || p.HasExited)
            {
                return;
            }

            if (kill(p.Id, SignalTerminate) != 0 && !p.HasExited)
            {
                throw new InvalidOperationException("SIGTERM to mosquitto (pid " + p.Id + ") failed: errno " + Marshal.GetLastPInvokeError());
            }

            if (!p.WaitForExit((int)StopTimeout.TotalMilliseconds))
            {
                throw new InvalidOperationException("mosquitto did not exit within " + StopTimeout.TotalSeconds + " s of SIGTERM\n" + this.ReadLog());
            }

            lock (Running)
            {
                Running.Remove(p);
            }
        }

        /// <summary>Kills the broker if it runs (after <see cref="Terminate"/> it does not), then starts it again with the same config and ports.</summary>
        public void Restart()
        {
            this.Kill();
            if (!this.TryLaunch(out string failure))
            {
                throw new InvalidOperationException("mosquitto did not restart: " + failure + "\n" + this.ReadLog());
            }
        }

        /// <summary>mosquitto's log file and console output, for failure messages.</summary>
        public string ReadLog()
        {
            StringBuilder text = new StringBuilder();
            try
            {
                text.Append(this.ReadLogFile());
            }
            catch (IOException e)
            {
                text.Append("(log unreadable: ").Append(e.Message).Append(")\n");
            }

            lock (this.consoleOutput)
            {
                text.Append(this.consoleOutput);
            }

            return text.ToString();
        }

        /// <summary>
        /// With persistence on: waits until mosquitto has finished a database save that began after the last log line
        /// containing <paramref name="marker"/>; false if none has within <paramref name="timeout"/>. mosquitto logs
        /// "Saving in-memory database" as a save begins (log type information) and saves synchronously in its one
        /// loop, so a connection it accepts after that line (log type notice) proves the save complete: this opens one.
        /// </summary>
        public bool WaitUntilSavedAfter(string marker, TimeSpan timeout)
        {
            Stopwatch waited = Stopwatch.StartNew();
            int save = -1;
            while (save < 0)
            {
                string log = this.ReadLogFile();
                int at = log.LastIndexOf(marker, StringComparison.Ordinal);
                save = at < 0 ? -1 : log.IndexOf(SavingLine, at + marker.Length, StringComparison.Ordinal);
                if (save < 0)
                {
                    if (waited.Elapsed >= timeout)
                    {
                        return false;
                    }

                    Thread.Sleep(5);
                }
            }

            using (Socket probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                probe.Connect(IPAddress.Loopback, this.Port);
                string accepted = "New connection from 127.0.0.1:" + ((IPEndPoint)probe.LocalEndPoint).Port + " ";
                while (this.ReadLogFile().IndexOf(accepted, save, StringComparison.Ordinal) < 0)
                {
                    if (waited.Elapsed >= timeout)
                    {
                        return false;
                    }

                    Thread.Sleep(5);
                }
            }

            return true;
        }

        public void Dispose()
        {
            if (this.disposed)
            {
                return;
            }

            this.disposed = true;
            try
            {
                this.Kill();
            }
            catch (InvalidOperationException)
            {
                // Exited between the check and the kill.
            }

            if (this.process != null)
            {
                lock (Running)
                {
                    Running.Remove(this.process);
                }

                this.process.Dispose();
                this.process = null;
            }

            this.ClientCertificate?.Dispose();
            this.authority?.Dispose();
            if (Environment.GetEnvironmentVariable("HOMENODE_KEEP_BROKER_FILES") != "1")
            {
                try
                {
                    System.IO.Directory.Delete(this.Directory, true);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }

        private static void KillAllRunning()
        {
            lock (Running)
            {
                foreach (Process p in Running)
                {
                    try
                    {
                        p.Kill();
                    }
                    catch (InvalidOperationException)
                    {
                    }
                }

                Running.Clear();
            }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int kill(int pid, int signal);

        private static string ReadVersion(string executable)
        {
            ProcessStartInfo start = new ProcessStartInfo(executable ?? throw new InvalidOperationException("mosquitto is not installed"), "-h")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using (Process help = Process.Start(start))
            {
                string first = help.StandardOutput.ReadLine() ?? string.Empty;
                help.StandardOutput.ReadToEnd();
                help.StandardError.ReadToEnd();
                help.WaitForExit(5000);
                return first.Trim();
            }
        }

        private static bool Accepts(int port)
        {
            using (Socket probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                try
                {
                    IAsyncResult connect = probe.BeginConnect(IPAddress.Loopback, port, null, null);
                    if (!connect.AsyncWaitHandle.WaitOne(500))
                    {
                        return false;
                    }

                    probe.EndConnect(connect);
                    return true;
                }
                catch (SocketException)
                {
                    return false;
                }
            }
        }

        private void WriteAccessFiles()
        {
            if (this.options.Users.Count > 0)
            {
                MosquittoPasswordFile.Write(Path.Combine(this.Directory, "passwords"), this.options.Users, this.options.UseMosquittoPasswd);
            }

            if (this.options.Acl != null)
            {
                File.WriteAllText(Path.Combine(this.Directory, "acl"), this.options.Acl);
            }

            if (this.options.Persistence)
            {
                System.IO.Directory.CreateDirectory(Path.Combine(this.Directory, "data"));
            }
        }

        private void WriteConfig()
        {
            StringBuilder conf = new StringBuilder();
            conf.Append("# written by HomeNode.Host.Mosquitto.MosquittoBroker\n");

            // Run as root, mosquitto would drop to the mosquitto user, which cannot read this temp dir.
            if (Environment.UserName == "root")
            {
                conf.Append("user root\n");
            }

            conf.Append("per_listener_settings false\n");
            conf.Append("allow_anonymous ").Append(this.options.AllowAnonymous ? "true" : "false").Append('\n');
            conf.Append("set_tcp_nodelay true\n");
            conf.Append("log_dest file ").Append(this.LogPath).Append('\n');
            if (this.options.ConsoleLine != null)
            {
                conf.Append("log_dest stderr\n");
            }

            foreach (string type in this.options.LogTypes)
            {
                conf.Append("log_type ").Append(type).Append('\n');
            }

            conf.Append("connection_messages true\n");
            conf.Append("log_timestamp_format %Y-%m-%dT%H:%M:%S\n");
            if (this.options.Users.Count > 0)
            {
                conf.Append("password_file ").Append(Path.Combine(this.Directory, "passwords")).Append('\n');
            }

            if (this.options.Acl != null)
            {
                conf.Append("acl_file ").Append(Path.Combine(this.Directory, "acl")).Append('\n');
            }

            if (this.options.Persistence)
            {
                // mosquitto.conf(5): with autosave_on_changes the database is saved once autosave_interval changes
                // (subscriptions, retained and queued messages) have accumulated; 1 saves after every change, so a
                // kill -9 loses at most the change in progress.
                conf.Append("persistence true\n");
                conf.Append("persistence_location ").Append(Path.Combine(this.Directory, "data")).Append("/\n");
                conf.Append("autosave_on_changes true\n");
                conf.Append("autosave_interval 1\n");
            }
            else
            {
                conf.Append("persistence false\n");
            }

            AppendLimit(conf, "max_queued_messages", this.options.MaxQueuedMessages);
            AppendLimit(conf, "max_queued_bytes", this.options.MaxQueuedBytes);
            AppendLimit(conf, "max_inflight_messages", this.options.MaxInflightMessages);
            AppendLimit(conf, "max_inflight_bytes", this.options.MaxInflightBytes);
            AppendLimit(conf, "max_packet_size", this.options.MaxPacketSize);
            if (!this.options.RetainAvailable)
            {
                conf.Append("retain_available false\n");
            }

            conf.Append("listener ").Append(this.Port).Append(" 127.0.0.1\n");
            this.AppendListenerLimits(conf);
            if (this.options.Tls)
            {
                conf.Append("listener ").Append(this.TlsPort).Append(" 127.0.0.1\n");
                this.AppendListenerLimits(conf);
                conf.Append("cafile ").Append(this.CaCertificatePath).Append('\n');
                conf.Append("certfile ").Append(this.ServerCertificatePath).Append('\n');
                conf.Append("keyfile ").Append(this.ServerKeyPath).Append('\n');
                conf.Append("require_certificate ").Append(this.options.RequireCertificate ? "true" : "false").Append('\n');
            }

            File.WriteAllText(this.configPath, conf.ToString());
        }

        /// <summary>mosquitto.conf(5): max_qos and max_topic_alias apply to the listener they follow.</summary>
        private void AppendListenerLimits(StringBuilder conf)
        {
            AppendLimit(conf, "max_qos", this.options.MaxQos);
            AppendLimit(conf, "max_topic_alias", this.options.MaxTopicAlias);
        }

        private string ReadLogFile()
        {
            if (!File.Exists(this.LogPath))
            {
                return string.Empty;
            }

            using (FileStream stream = new FileStream(this.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (StreamReader reader = new StreamReader(stream))
            {
                return reader.ReadToEnd();
            }
        }

        private static void AppendLimit(StringBuilder conf, string key, long? value)
        {
            if (value.HasValue)
            {
                conf.Append(key).Append(' ').Append(value.Value).Append('\n');
            }
        }

        private bool TryLaunch(out string failure)
        {
            if (this.process != null)
            {
                lock (Running)
                {
                    Running.Remove(this.process);
                }

                this.process.Dispose();
            }

            ProcessStartInfo start = new ProcessStartInfo(ExecutablePath)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = this.Directory,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(this.configPath);
            Process p = new Process { StartInfo = start };
            p.OutputDataReceived += this.OnConsoleLine;
            p.ErrorDataReceived += this.OnConsoleLine;
            p.Start();
            lock (Running)
            {
                Running.Add(p);
            }

            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            this.process = p;

            Stopwatch waited = Stopwatch.StartNew();
            while (waited.Elapsed < StartTimeout)
            {
                if (p.HasExited)
                {
                    failure = "exited with code " + p.ExitCode;
                    return false;
                }

                if (Accepts(this.Port) && (this.TlsPort == 0 || Accepts(this.TlsPort)))
                {
                    failure = null;
                    return true;
                }

                Thread.Sleep(20);
            }

            failure = "no listener within " + StartTimeout.TotalSeconds + " s";
            this.Kill();
            return false;
        }

        private void OnConsoleLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data == null)
            {
                return;
            }

            lock (this.consoleOutput)
            {
                this.consoleOutput.Append(e.Data).Append('\n');
            }

            this.options.ConsoleLine?.Invoke(e.Data);
        }
    }
}
