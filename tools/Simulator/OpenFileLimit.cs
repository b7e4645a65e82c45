using System;
using System.Globalization;
using System.IO;

namespace HomeNode.Simulator
{
    /// <summary>
    /// The process's soft limit on open files (every simulated device holds one socket). .NET cannot raise it; the shell
    /// can (<c>ulimit -n 20000</c>, up to the hard limit), and a broker on the same machine needs the same.
    /// </summary>
    public static class OpenFileLimit
    {
        /// <summary>Sockets and files the simulator needs besides the devices' own (monitor, phone app, runtime, broker).</summary>
        public const int Headroom = 200;

        /// <summary>The soft limit from /proc/self/limits ("Max open files"), or -1 where that is not available.</summary>
        public static long Soft()
        {
            try
            {
                foreach (string line in File.ReadLines("/proc/self/limits"))
                {
                    if (!line.StartsWith("Max open files", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    string[] fields = line.Substring("Max open files".Length).Split((char[])null, StringSplitOptions.RemoveEmptyEntries);
                    return fields.Length > 0 && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out long soft) ? soft : -1;
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // not Linux
            }

            return -1;
        }
    }
}
