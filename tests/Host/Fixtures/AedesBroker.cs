using HomeNode.Host.Mosquitto;
using System;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;

namespace HomeNode.Tests.Host.Fixtures
{
    /// <summary>
    /// aedes (npm, an MQTT broker written in JavaScript) behind a WebSocket server (ws, npm): MQTT over WebSockets on
    /// <c>/mqtt</c>, plain or TLS with a certificate from a test CA. A node process per broker (tests/Host/Fixtures/aedes/
    /// server.mjs); its npm packages are pinned by package-lock.json and installed by test.sh (<c>npm ci</c>).
    /// </summary>
    public sealed class AedesBroker : IDisposable
    {
        private readonly StringBuilder output = new StringBuilder();
        private readonly TestCertificateAuthority authority;
        private readonly string directory;
        private readonly string certificatePath;
        private readonly string keyPath;
        private Process process;

        private AedesBroker(bool tls)
        {
            this.directory = Path.Combine(Path.GetTempPath(), "homenode-aedes-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            System.IO.Directory.CreateDirectory(this.directory);
            if (tls)
            {
                this.authority = TestCertificateAuthority.Create("HomeNode aedes test CA");
                using (X509Certificate2 server = this.authority.IssueServerCertificate("localhost", "127.0.0.1"))
                {
                    this.certificatePath = Path.Combine(this.directory, "server.pem");
                    this.keyPath = Path.Combine(this.directory, "server.key");
                    TestCertificateAuthority.WriteCertificatePem(server, this.certificatePath);
                    TestCertificateAuthority.WritePrivateKeyPem(server, this.keyPath);
                }
            }
        }

        public static string ServerDirectory => Path.Combine(NanoBuildOutputs.RepositoryRoot, "tests", "Host", "Fixtures", "aedes");

        public int Port { get; private set; }

        public bool Tls => this.authority != null;

        /// <summary>The CA that signed the server certificate (TLS only).</summary>
        public X509Certificate2 CaCertificate => this.authority?.Certificate;

        /// <summary>ws://127.0.0.1:PORT/mqtt, or wss://localhost:PORT/mqtt with TLS (the name the certificate carries).</summary>
        public string Url => this.Tls ? "wss://localhost:" + this.Port + "/mqtt" : "ws://127.0.0.1:" + this.Port + "/mqtt";

        public static AedesBroker Start(bool tls = false)
        {
            if (!File.Exists(Path.Combine(ServerDirectory, "node_modules", "aedes", "package.json")))
            {
                throw new InvalidOperationException("aedes is not installed: run ./test.sh, or npm ci in " + ServerDirectory);
            }

            AedesBroker broker = new AedesBroker(tls);
            try
            {
                broker.Launch(0);
                return broker;
            }
            catch
            {
                broker.Dispose();
                throw;
            }
        }

        /// <summary>SIGKILL: sessions and connections are gone (aedes keeps them in memory).</summary>
        public void Kill()
        {
            Process p = this.process;
            this.process = null;
            if (p == null)
            {
                return;
            }

            try
            {
                if (!p.HasExited)
                {
                    p.Kill();
                    p.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
            }

            p.Dispose();
        }

        /// <summary>Kills the broker if it runs and starts a new one on the same port.</summary>
        public void Restart()
        {
            this.Kill();
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    this.Launch(this.Port);
                    return;
                }
                catch (InvalidOperationException) when (attempt < 20)
                {
                    Thread.Sleep(250); // the port may still be held for a moment
                }
            }
        }

        public string Output()
        {
            lock (this.output)
            {
                return this.output.ToString();
            }
        }

        public void Dispose()
        {
            this.Kill();
            this.authority?.Dispose();
            try
            {
                System.IO.Directory.Delete(this.directory, true);
            }
            catch (IOException)
            {
            }
        }

        private void Launch(int port)
        {
            ProcessStartInfo start = new ProcessStartInfo("node")
            {
                WorkingDirectory = ServerDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("server.mjs");
            start.ArgumentList.Add(port.ToString());
            if (this.Tls)
            {
                start.ArgumentList.Add(this.certificatePath);
                start.ArgumentList.Add(this.keyPath);
            }

            Process p = new Process { StartInfo = start };
            int listening = 0;
            using (ManualResetEventSlim ready = new ManualResetEventSlim())
            {
                p.OutputDataReceived += (sender, e) =>
                {
                    if (e.Data == null)
                    {
                        ready.Set();
                        return;
                    }

                    lock (this.output)
                    {
                        this.output.AppendLine(e.Data);
                    }

                    if (e.Data.StartsWith("listening ", StringComparison.Ordinal) && int.TryParse(e.Data.Substring(10), out int n))
                    {
                        listening = n;
                        ready.Set();
                    }
                };
                p.ErrorDataReceived += (sender, e) =>
                {
                    if (e.Data != null)
                    {
                        lock (this.output)
                        {
                            this.output.AppendLine(e.Data);
                        }
                    }
                };
                p.Start();
                p.BeginOutputReadLine();
                p.BeginErrorReadLine();
                if (!ready.Wait(TimeSpan.FromSeconds(20)) || listening == 0)
                {
                    try
                    {
                        p.Kill();
                    }
                    catch (InvalidOperationException)
                    {
                    }

                    p.Dispose();
                    throw new InvalidOperationException("aedes did not start on port " + port + ":\n" + this.Output());
                }
            }

            this.process = p;
            this.Port = listening;
        }
    }
}
