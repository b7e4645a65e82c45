using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace HomeNode.Tests.Host.Fixtures
{
    /// <summary>
    /// One run of tests/Host/Fixtures/browser/dashboard-check.mjs: Playwright (playwright-core, pinned by its
    /// package-lock.json and installed by test.sh) driving Debian's headless Chromium (/usr/bin/chromium, installed by
    /// test.sh) against the simulator's dashboard. Every output line is kept; Dispose kills the node process (and so the
    /// browser) if it still runs.
    /// </summary>
    public sealed class DashboardBrowser : IDisposable
    {
        private readonly Process process;
        private readonly List<string> lines = new List<string>();

        private DashboardBrowser(string mode, string url, string[] extra)
        {
            ProcessStartInfo start = new ProcessStartInfo("node")
            {
                WorkingDirectory = ScriptDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("dashboard-check.mjs");
            start.ArgumentList.Add(mode);
            start.ArgumentList.Add(url);
            foreach (string argument in extra)
            {
                start.ArgumentList.Add(argument);
            }

            this.process = new Process { StartInfo = start };
            this.process.OutputDataReceived += (sender, e) => this.Add(e.Data);
            this.process.ErrorDataReceived += (sender, e) => this.Add(e.Data == null ? null : "stderr: " + e.Data);
            this.process.Start();
            this.process.BeginOutputReadLine();
            this.process.BeginErrorReadLine();
        }

        public static string ScriptDirectory => Path.Combine(NanoBuildOutputs.RepositoryRoot, "tests", "Host", "Fixtures", "browser");

        public const string ChromiumPath = "/usr/bin/chromium";

        /// <summary>Starts the script in <paramref name="mode"/> (house, restart, fleet) against the page at <paramref name="url"/>.</summary>
        public static DashboardBrowser Start(string mode, string url, params string[] extra)
        {
            if (!File.Exists(Path.Combine(ScriptDirectory, "node_modules", "playwright-core", "package.json")))
            {
                throw new InvalidOperationException("playwright-core is not installed: run ./test.sh, or npm ci in " + ScriptDirectory);
            }

            if (!File.Exists(ChromiumPath))
            {
                throw new InvalidOperationException(ChromiumPath + " is missing: run ./test.sh, or apt-get install chromium");
            }

            return new DashboardBrowser(mode, url, extra);
        }

        public string Transcript
        {
            get
            {
                lock (this.lines)
                {
                    return string.Join("\n", this.lines);
                }
            }
        }

        /// <summary>Waits until an output line starts with <paramref name="prefix"/>; returns it, or null on time-out or exit.</summary>
        public string WaitForLine(string prefix, TimeSpan timeout)
        {
            Stopwatch watch = Stopwatch.StartNew();
            while (true)
            {
                lock (this.lines)
                {
                    foreach (string line in this.lines)
                    {
                        if (line.StartsWith(prefix, StringComparison.Ordinal))
                        {
                            return line;
                        }
                    }
                }

                if (watch.Elapsed >= timeout || this.process.HasExited)
                {
                    if (this.process.HasExited)
                    {
                        this.process.WaitForExit(); // the last lines
                        lock (this.lines)
                        {
                            return this.lines.Find(l => l.StartsWith(prefix, StringComparison.Ordinal));
                        }
                    }

                    return null;
                }

                Thread.Sleep(50);
            }
        }

        /// <summary>Waits for the script to end; its exit code (0: every step passed), or null on time-out.</summary>
        public int? WaitForExit(TimeSpan timeout)
        {
            if (!this.process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                return null;
            }

            this.process.WaitForExit();
            return this.process.ExitCode;
        }

        public void Dispose()
        {
            try
            {
                if (!this.process.HasExited)
                {
                    this.process.Kill(entireProcessTree: true);
                    this.process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
            }

            this.process.Dispose();
        }

        private void Add(string line)
        {
            if (line == null)
            {
                return;
            }

            lock (this.lines)
            {
                this.lines.Add(line);
            }
        }
    }
}
