using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading.Tasks;
using HomeNode.IlAudit;

namespace HomeNode.Bench
{
    /// <summary>
    /// Starts its own mosquitto on a free loopback port, runs every workload for every contender, prints a table
    /// and optionally writes JSON. Add a contender to <see cref="Contenders"/> to put a client next to MQTTnet.
    /// </summary>
    public static class Program
    {
        /// <summary>The clients compared; the first is the baseline of the ratio column.</summary>
        public static readonly List<Contender> Contenders = new List<Contender>
        {
            new Contender("MQTTnet", () => new MqttNetClient(), () => new MqttNetCodec()),
        };

        public static async Task<int> Main(string[] args)
        {
            BenchOptions options;
            try
            {
                options = BenchOptions.Parse(args);
            }
            catch (Exception e) when (e is ArgumentException || e is FormatException)
            {
                Console.Error.WriteLine(e.Message);
                Console.Error.WriteLine(BenchOptions.Usage);
                return 2;
            }

            if (options.Help)
            {
                Console.WriteLine(BenchOptions.Usage);
                return 0;
            }

            BenchReport report = new BenchReport
            {
                StartedUtc = DateTime.UtcNow,
                Machine = RuntimeInformation.OSDescription,
                ProcessorCount = Environment.ProcessorCount,
                Runtime = RuntimeInformation.FrameworkDescription,
                Quick = options.Quick,
            };

            using (MosquittoBroker broker = MosquittoBroker.Start())
            {
                report.Broker = broker.Version;
                Console.WriteLine(broker.Version + " on " + broker.Host + ":" + broker.Port + "; " + report.Runtime + ", " + report.ProcessorCount + " cores" + (options.Quick ? "; quick run" : string.Empty));
                Console.WriteLine();
                ResultTable.WriteHeader(Console.Out);
                BenchRunner runner = new BenchRunner(options, broker);
                report.Results = await runner.RunAsync(Contenders, result => ResultTable.WriteRow(Console.Out, result));
            }

            Console.WriteLine();
            Console.WriteLine("with ratios:");
            ResultTable.Write(Console.Out, report.Results);
            WriteFootprint(report);

            if (options.JsonPath != null)
            {
                File.WriteAllText(options.JsonPath, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
                Console.WriteLine("wrote " + options.JsonPath);
            }

            return 0;
        }

        /// <summary>The nano firmware assemblies' IL size, when a build is there (Release preferred).</summary>
        private static void WriteFootprint(BenchReport report)
        {
            string root = RepositoryRoot();
            if (root == null)
            {
                return;
            }

            string[][] assemblies = { new[] { "firmware/Mqtt", "HomeNode.Mqtt" }, new[] { "firmware/App", "HomeNode.App" }, new[] { "drivers", "HomeNode.Drivers" } };
            Console.WriteLine();
            Console.WriteLine("nano footprint (peer: nanoFramework.M2Mqtt 5.1 is 30,341 bytes of IL):");
            foreach (string[] assembly in assemblies)
            {
                foreach (string configuration in new[] { "Release", "Debug" })
                {
                    string path = Path.Combine(root, assembly[0], "bin", configuration, "nano", assembly[1] + ".dll");
                    if (File.Exists(path))
                    {
                        AssemblyFootprint footprint = AssemblyFootprint.Measure(path);
                        Console.WriteLine("  " + footprint + " [" + configuration + "]");
                        report.Footprint.Add(new FootprintEntry { Assembly = footprint.Name, IlBytes = footprint.IlBytes, MethodBodies = footprint.MethodBodies, FileBytes = footprint.FileBytes });
                        break;
                    }
                }
            }
        }

        private static string RepositoryRoot()
        {
            DirectoryInfo directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "HomeNode.slnx")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName;
        }
    }
}
