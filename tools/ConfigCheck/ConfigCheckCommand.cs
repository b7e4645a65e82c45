using System;
using System.IO;
using HomeNode.App.Config;

namespace HomeNode.ConfigCheck
{
    /// <summary>
    /// <c>HomeNode.ConfigCheck FILE...</c>: parses each file as the board would. Prints <c>FILE: ok</c>, or every
    /// error as <c>FILE:LINE: [section] field: message</c> (<c>FILE: ...</c> when no line applies); warnings as
    /// <c>FILE:LINE: warning: ...</c>. Exit code 0 when all files are valid, 1 when any has errors, 2 when a file
    /// cannot be read or no file is given.
    /// </summary>
    public static class ConfigCheckCommand
    {
        public const int Valid = 0;
        public const int Invalid = 1;
        public const int Unreadable = 2;

        public static int Main(string[] args)
        {
            return Run(args, Console.Out, Console.Error);
        }

        public static int Run(string[] args, TextWriter output, TextWriter errorOutput)
        {
            if (args.Length == 0)
            {
                errorOutput.WriteLine("usage: HomeNode.ConfigCheck FILE...");
                return Unreadable;
            }

            int exitCode = Valid;
            foreach (string file in args)
            {
                exitCode = Math.Max(exitCode, Check(file, output, errorOutput));
            }

            return exitCode;
        }

        private static int Check(string file, TextWriter output, TextWriter errorOutput)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                errorOutput.WriteLine(file + ": cannot read: " + e.Message);
                return Unreadable;
            }

            ConfigParseResult result = ConfigParser.Parse(bytes, 0, bytes.Length);
            foreach (ConfigError warning in result.Warnings)
            {
                output.WriteLine(Place(file, warning) + "warning: " + warning.Describe());
            }

            foreach (ConfigError error in result.Errors)
            {
                output.WriteLine(Place(file, error) + error.Describe());
            }

            if (!result.Succeeded)
            {
                return Invalid;
            }

            output.WriteLine(file + ": ok");
            return Valid;
        }

        private static string Place(string file, ConfigError error)
        {
            return error.Line == 0 ? file + ": " : file + ":" + error.Line.ToString() + ": ";
        }
    }
}
