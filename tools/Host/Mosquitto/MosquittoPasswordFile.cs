using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace HomeNode.Host.Mosquitto
{
    /// <summary>
    /// Writes a mosquitto password_file. Each line is "user:$7$ITERATIONS$SALT$HASH" with SALT and HASH in base64 and
    /// HASH = PBKDF2-HMAC-SHA512(password, salt, ITERATIONS, 64 bytes): the format mosquitto_passwd 2.0 writes (checked
    /// against its output: 12-byte salt, 101 iterations).
    /// </summary>
    public static class MosquittoPasswordFile
    {
        public const string ToolPath = "/usr/bin/mosquitto_passwd";

        private const int SaltLength = 12;
        private const int HashLength = 64;
        private const int Iterations = 101;

        public static bool ToolAvailable => File.Exists(ToolPath);

        public static void Write(string path, IDictionary<string, string> users, bool useTool)
        {
            File.WriteAllText(path, string.Empty);
            if (useTool && ToolAvailable)
            {
                foreach (KeyValuePair<string, string> user in users)
                {
                    RunTool(path, user.Key, user.Value);
                }

                return;
            }

            StringBuilder lines = new StringBuilder();
            foreach (KeyValuePair<string, string> user in users)
            {
                lines.Append(FormatEntry(user.Key, user.Value, RandomNumberGenerator.GetBytes(SaltLength), Iterations)).Append('\n');
            }

            File.WriteAllText(path, lines.ToString());
        }

        public static string FormatEntry(string user, string password, byte[] salt, int iterations)
        {
            byte[] hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, HashLength);
            return user + ":$7$" + iterations + "$" + Convert.ToBase64String(salt) + "$" + Convert.ToBase64String(hash);
        }

        private static void RunTool(string path, string user, string password)
        {
            // -b takes the password on the command line; acceptable for throw-away test credentials only.
            ProcessStartInfo start = new ProcessStartInfo(ToolPath)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add("-b");
            start.ArgumentList.Add(path);
            start.ArgumentList.Add(user);
            start.ArgumentList.Add(password);
            using (Process tool = Process.Start(start))
            {
                string error = tool.StandardError.ReadToEnd();
                tool.StandardOutput.ReadToEnd();
                if (!tool.WaitForExit(10000) || tool.ExitCode != 0)
                {
                    throw new InvalidOperationException("mosquitto_passwd failed for user " + user + ": " + error);
                }
            }
        }
    }
}
