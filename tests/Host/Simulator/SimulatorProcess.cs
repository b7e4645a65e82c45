using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Text.Json;
using System.Threading;

namespace HomeNode.Tests.Host.Simulator
{
    /// <summary>
    /// The simulator started as a separate process from its own build output (tools/Simulator/bin/CONFIG/net10.0),
    /// with stdin, stdout and stderr redirected. Every output line is kept; Dispose kills it if it is still running.
    /// </summary>
    public sealed class SimulatorProcess : IDisposable
    {
        private readonly Process process;
        private readonly List<string> lines = new List<string>();
        private readonly List<string> errorLines = new List<string>();

        private SimulatorProcess(string arguments)
        {
            ProcessStartInfo start = new ProcessStartInfo("dotnet", "\"" + SimulatorDll + "\" " + arguments)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetTempPath(),
            };
            this.process = new Process { StartInfo = start };
            this.process.OutputDataReceived += (sender, e) => this.Add(this.lines, e.Data);
            this.process.ErrorDataReceived += (sender, e) => this.Add(this.errorLines, e.Data);
            this.process.Start();
            this.process.BeginOutputReadLine();
            this.process.BeginErrorReadLine();
        }

        /// <summary>HomeNode.Simulator.dll built in the same configuration as this test assembly.</summary>
        public static string SimulatorDll
        {
            get
            {
                string configuration = typeof(SimulatorProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
                for (DirectoryInfo dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "HomeNode.slnx")))
                    {
                        return Path.Combine(dir.FullName, "tools", "Simulator", "bin", configuration, "net10.0", "HomeNode.Simulator.dll");
                    }
                }

                throw new InvalidOperationException("repository root (HomeNode.slnx) not found above " + AppContext.BaseDirectory);
            }
        }

        public static SimulatorProcess Start(string arguments) => new SimulatorProcess(arguments);

        public string[] Lines
        {
            get
            {
                lock (this.lines)
                {
                    return this.lines.ToArray();
                }
            }
        }

        public string[] ErrorLines
        {
            get
            {
                lock (this.errorLines)
                {
                    return this.errorLines.ToArray();
                }
            }
        }

        /// <summary>Both streams, for assertion messages.</summary>
        public string Transcript => string.Join("\n", this.Lines) + "\n--- stderr ---\n" + string.Join("\n", this.ErrorLines);

        public void SendLine(string line)
        {
            this.process.StandardInput.WriteLine(line);
            this.process.StandardInput.Flush();
        }

        /// <summary>Waits until an output line contains <paramref name="text"/>; returns it, or null on time-out.</summary>
        public string WaitForLine(string text, TimeSpan timeout) => this.WaitForLine(line => line.Contains(text, StringComparison.Ordinal), timeout);

        public string WaitForLine(Func<string, bool> match, TimeSpan timeout)
        {
            Stopwatch watch = Stopwatch.StartNew();
            while (true)
            {
                foreach (string line in this.Lines)
                {
                    if (match(line))
                    {
                        return line;
                    }
                }

                if (watch.Elapsed >= timeout)
                {
                    return null;
                }

                Thread.Sleep(50);
            }
        }

        /// <summary>Waits for the process to end; returns its exit code, or null on time-out.</summary>
        public int? WaitForExit(TimeSpan timeout)
        {
            if (!this.process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                return null;
            }

            this.process.WaitForExit(); // drains the asynchronous output readers
            return this.process.ExitCode;
        }

        /// <summary>The JSON of the "SUMMARY {...}" line, or null when there is none.</summary>
        public JsonElement? Summary()
        {
            foreach (string line in this.Lines)
            {
                if (line.StartsWith("SUMMARY ", StringComparison.Ordinal))
                {
                    using (JsonDocument document = JsonDocument.Parse(line.Substring("SUMMARY ".Length)))
                    {
                        return document.RootElement.Clone();
                    }
                }
            }

            return null;
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
                // never started or already gone
            }

            this.process.Dispose();
        }

        private void Add(List<string> target, string line)
        {
            if (line == null)
            {
                return;
            }

            lock (target)
            {
                target.Add(line);
            }
        }
    }
}
