using System;
using System.Linq;

namespace HomeNode.Tests.Host
{
    /// <summary>Exit code and output of one flash.ps1 run (<see cref="FlashScriptTests"/>).</summary>
    internal sealed class ScriptRun
    {
        public ScriptRun(int exitCode, string standardOutput, string standardError)
        {
            this.ExitCode = exitCode;
            this.StandardOutput = standardOutput;
            this.StandardError = standardError;
        }

        public int ExitCode { get; }

        public string StandardOutput { get; }

        public string StandardError { get; }

        public string[] StandardOutputLines => SplitLines(this.StandardOutput);

        public string[] StandardErrorLines => SplitLines(this.StandardError);

        public string Describe()
        {
            return "exit " + this.ExitCode + "\n--- stdout\n" + this.StandardOutput + "\n--- stderr\n" + this.StandardError;
        }

        private static string[] SplitLines(string text)
        {
            return text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).ToArray();
        }
    }
}
