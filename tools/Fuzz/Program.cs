using System;
using System.IO;
using SharpFuzz;

namespace HomeNode.Fuzz
{
    /// <summary>
    /// <c>HomeNode.Fuzz --afl</c> (or no argument under afl-fuzz): AFL out-of-process mode. <c>--libfuzzer</c> (or no
    /// argument under libfuzzer-dotnet): libFuzzer mode. <c>FILE...</c>: replays inputs (a crash found by either).
    /// No argument otherwise: one input from stdin. Replay with the plain build (dotnet run): an instrumented
    /// HomeNode.Mqtt.dll only runs under a fuzzer, which maps its coverage memory.
    /// An exception escaping <see cref="ReceivePathInput.Run"/> is the crash the fuzzer records.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            // afl-fuzz and libfuzzer-dotnet announce themselves through the shared-memory id they export.
            bool afl = Environment.GetEnvironmentVariable("__AFL_SHM_ID") != null;
            bool libFuzzer = Environment.GetEnvironmentVariable("__LIBFUZZER_SHM_ID") != null;
            if ((args.Length == 1 && args[0] == "--afl") || (args.Length == 0 && afl))
            {
                Fuzzer.OutOfProcess.Run(stream => ReceivePathInput.Run(ReadAll(stream)));
                return 0;
            }

            if ((args.Length == 1 && args[0] == "--libfuzzer") || (args.Length == 0 && libFuzzer))
            {
                Fuzzer.LibFuzzer.Run(span => ReceivePathInput.Run(span));
                return 0;
            }

            if (args.Length == 0)
            {
                using (Stream stdin = Console.OpenStandardInput())
                {
                    ReceivePathInput.Run(ReadAll(stdin));
                }

                return 0;
            }

            foreach (string path in args)
            {
                ReceivePathInput.Run(File.ReadAllBytes(path));
                Console.WriteLine("ok " + path);
            }

            return 0;
        }

        private static byte[] ReadAll(Stream stream)
        {
            using (MemoryStream copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                return copy.ToArray();
            }
        }
    }
}
