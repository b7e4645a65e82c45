using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace HomeNode.Bench
{
    /// <summary>A command line tool run to the end (or stopped), with its output lines (stdout and stderr as they came).</summary>
    public sealed class ToolRun
    {
        private readonly List<string> lines;

        private ToolRun(int exitCode, List<string> lines, bool stopped, bool timedOut)
        {
            this.lines = lines;
            ExitCode = exitCode;
            Stopped = stopped;
            TimedOut = timedOut;
        }

        /// <summary>The exit code; -1 when the run was stopped or timed out.</summary>
        public int ExitCode { get; }

        public IReadOnlyList<string> Lines => this.lines;

        /// <summary>True when <c>stopAfter</c> matched a line and the process was ended there.</summary>
        public bool Stopped { get; }

        public bool TimedOut { get; }

        /// <summary>The last <paramref name="count"/> lines, for an error message.</summary>
        public string Tail(int count)
        {
            int start = Math.Max(0, this.lines.Count - count);
            return string.Join(Environment.NewLine, this.lines.GetRange(start, this.lines.Count - start));
        }

        /// <summary>
        /// Runs <paramref name="file"/>; ends it once a line matches <paramref name="stopAfter"/> (when given) or when
        /// <paramref name="timeout"/> passes. Environment variables that MSBuild sets for its own child processes are
        /// removed, so a build started from a process that <c>dotnet run</c> or <c>dotnet test</c> launched is a clean one.
        /// </summary>
        public static ToolRun Start(string file, IEnumerable<string> arguments, TimeSpan timeout, Func<string, bool> stopAfter)
        {
            ProcessStartInfo start = new ProcessStartInfo(file)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            foreach (string name in new List<string>(start.Environment.Keys))
            {
                if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase))
                {
                    start.Environment.Remove(name);
                }
            }

            List<string> lines = new List<string>();
            bool stopped = false;
            using (Process process = new Process { StartInfo = start })
            {
                DataReceivedEventHandler received = (sender, e) =>
                {
                    if (e.Data == null)
                    {
                        return;
                    }

                    string line = e.Data.TrimEnd('\r');
                    bool stop;
                    lock (lines)
                    {
                        lines.Add(line);
                        stop = stopAfter != null && !stopped && stopAfter(line);
                        stopped |= stop;
                    }

                    if (stop)
                    {
                        Kill(process);
                    }
                };
                process.OutputDataReceived += received;
                process.ErrorDataReceived += received;
                process.Start();
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                bool exited = process.WaitForExit((int)timeout.TotalMilliseconds);
                if (!exited)
                {
                    Kill(process);
                }

                process.WaitForExit(); // drains the output
                lock (lines)
                {
                    return new ToolRun(exited && !stopped ? process.ExitCode : -1, lines, stopped, !exited && !stopped);
                }
            }
        }

        private static void Kill(Process process)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
        }
    }
}
