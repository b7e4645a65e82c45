using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading.Tasks;
using HomeNode.App.Runtime;
using HomeNode.Host;
using HomeNode.Host.Mosquitto;
using HomeNode.IlAudit;
using HomeNode.Mqtt;

namespace HomeNode.Bench
{
    /// <summary>
    /// Starts its own mosquitto on a free loopback port, runs every workload for every contender, prints a table
    /// and optionally writes JSON. Add a contender to <see cref="Contenders"/> to put a client next to MQTTnet.
    /// </summary>
    public static class Program
    {
        /// <summary>The C reference: libmosquitto, the broker's own client, the second ratio column's baseline.</summary>
        public const string LibMosquittoName = "libmosquitto";

        /// <summary>The clients compared; the first is the baseline of the first ratio column.</summary>
        public static readonly List<Contender> Contenders = new List<Contender>
        {
            new Contender("MQTTnet", () => new MqttNetClient(), () => new MqttNetCodec()),
            new Contender("HomeNode", () => (IBrokerWorkloads)new PolledClientWorkloads(PolledClientConfiguration.Bench), () => new HomeNodeCodec()),
            new Contender(LibMosquittoName, () => (IBrokerWorkloads)new LibMosquittoWorkloads(), null),
        };

        /// <summary>How the run was done; printed under the table and kept in the JSON.</summary>
        public static readonly string[] Notes =
        {
            "Each contender has its own publisher and subscriber connection per workload round, same broker, topics, payload sizes and message counts, one process run; the rounds of a workload interleave the contenders (MQTTnet, HomeNode, libmosquitto, MQTTnet, ...), and each row is the median over its rounds.",
            "QoS 0 throughput floods: the publisher does not pace (MQTTnet: each PublishAsync awaited, complete once written; HomeNode: Publish then Poll, back to back). Only messages the subscriber received count; the clock stops when the last one arrives.",
            "QoS 1 throughput: each publish waits for its PUBACK before the next. QoS 1 windowed: up to N publishes unacknowledged at once (ours: N in-flight slots, publish while fewer than N are unacknowledged, poll between; MQTTnet: N PublishAsync tasks outstanding; libmosquitto: mosquitto_max_inflight_messages_set N, publish while fewer than N are unacknowledged). Latency: one QoS 1 message at a time, publish to the subscriber's receive callback.",
            "MQTTnet runs through its Task API (awaited publishes, its own receive loop). HomeNode runs as an application would: a publisher thread (Publish, then WaitReadable+Poll until the PUBACK) and a subscriber thread sleeping in TcpTransport.WaitReadable, then Poll; topics as UTF-8 bytes prepared once.",
            "libmosquitto (the broker's own C client, the reference for what the broker and the wire allow) through our P/Invoke declarations, driven like ours: no loop thread of its own; a publisher thread calls mosquitto_publish (which writes at once) and mosquitto_loop until the PUBACK, a subscriber thread sleeps in mosquitto_loop (5 ms at most) and timestamps arrivals in its message callback; TCP_NODELAY as the others.",
            "MQTT 5.0 rows: the same workloads, topics (same length), payloads and counts with every connection at protocol level 5, in the same interleaved rounds as the 3.1.1 rows (round i: the three contenders on 3.1.1, then on 5.0); ratios compare within a protocol. Ours: MqttConnectOptions.ProtocolVersion V500 (its CONNECT carries Receive Maximum = incoming slots, Maximum Packet Size = receive buffer; the windowed row's subscriber gets as many incoming slots as the window); MQTTnet 5.2: MqttProtocolVersion.V500; libmosquitto: MOSQ_OPT_PROTOCOL_VERSION = MQTT_PROTOCOL_V5 with the same calls (5.0 packets without properties). No topic aliases, no properties on PUBLISH.",
            "Broker: mosquitto started by the bench on loopback with max_queued_messages 0, max_inflight_messages 0, max_queued_bytes 0 (no limits, so no QoS 0 drops by queue limits) and set_tcp_nodelay true.",
            "decode-publish for HomeNode is the client's whole receive path (Poll on an in-memory transport: copy, frame, topic check, dispatch, PUBACK written); for MQTTnet its formatter's Decode of the same QoS 1 packet.",
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

            if (options.FootprintOnly)
            {
                BenchReport footprintReport = new BenchReport { StartedUtc = DateTime.UtcNow, Machine = RuntimeInformation.OSDescription, ProcessorCount = Environment.ProcessorCount, Runtime = RuntimeInformation.FrameworkDescription, Processor = ProcessorModel() };
                WriteFootprint(footprintReport);
                WriteClientMemory(footprintReport);
                WriteNanoClrTiming(footprintReport);
                WriteTargets(footprintReport);
                WriteJson(options, footprintReport);
                return 0;
            }

            BenchReport report = new BenchReport
            {
                StartedUtc = DateTime.UtcNow,
                Machine = RuntimeInformation.OSDescription,
                ProcessorCount = Environment.ProcessorCount,
                Runtime = RuntimeInformation.FrameworkDescription,
                Quick = options.Quick,
                Processor = ProcessorModel(),
                LoadAverage = LoadAverage(),
            };
            report.Notes.AddRange(Notes);

            List<Contender> contenders = options.Contenders == null ? Contenders : Contenders.FindAll(c => Array.IndexOf(options.Contenders, c.Name) >= 0);
            if (options.Broker != null)
            {
                // a child run (the system call count runs the bench under strace against its parent's broker)
                string[] parts = options.Broker.Split(':');
                BenchRunner child = new BenchRunner(options, parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
                ResultTable.WriteHeader(Console.Out);
                report.Results = await child.RunAsync(contenders, result => ResultTable.WriteRow(Console.Out, result));
                WriteJson(options, report);
                return 0;
            }

            using (MosquittoBroker broker = MosquittoBroker.Start(BenchRunner.BrokerOptions()))
            {
                report.Broker = broker.Version;
                Console.WriteLine(broker.Version + " on " + broker.Host + ":" + broker.Port + "; " + LibMosquittoConnection.Version + "; " + report.Runtime + "; " + report.Processor + ", " + report.ProcessorCount + " cores; load average " + report.LoadAverage + (options.Quick ? "; quick run" : string.Empty));
                Console.WriteLine();
                ResultTable.WriteHeader(Console.Out);
                BenchRunner runner = new BenchRunner(options, broker);
                report.Results = await runner.RunAsync(contenders, result => ResultTable.WriteRow(Console.Out, result));
                report.LoadAverageAfter = LoadAverage();

                Console.WriteLine();
                Console.WriteLine("load average after the workloads " + report.LoadAverageAfter + " (before: " + report.LoadAverage + "; other work on the machine widens the round ranges)");
                Console.WriteLine();
                Console.WriteLine(ResultTable.Legend);
                Console.WriteLine();
                foreach (string note in Notes)
                {
                    Console.WriteLine("- " + note);
                }

                WriteSyscalls(options, report, broker, contenders);
            }

            WriteFootprint(report);
            WriteClientMemory(report);
            WriteNanoClrTiming(report);
            WriteTargets(report);

            WriteJson(options, report);
            return 0;
        }

        /// <summary>System calls per message per contender (<see cref="SyscallCount"/>), unless --no-syscalls or no strace.</summary>
        private static void WriteSyscalls(BenchOptions options, BenchReport report, MosquittoBroker broker, List<Contender> contenders)
        {
            Console.WriteLine();
            string skip = options.Syscalls ? SyscallCount.SkipReason() : "--no-syscalls";
            if (skip != null)
            {
                report.SyscallsSkipped = skip;
                Console.WriteLine("system calls per message: skipped (" + skip + ")");
                return;
            }

            int shortRun = options.Quick ? 200 : 2000;
            int longRun = options.Quick ? 1200 : 12000;
            Console.WriteLine("system calls per message (strace -c -f on the bench running one contender and one workload per process, " + shortRun + " and " + longRun + " messages after the same warm-up; the difference / " + (longRun - shortRun) + "; the broker is not traced):");
            Console.WriteLine();
            report.Syscalls = SyscallCount.Measure(broker.Host, broker.Port, broker.ProcessId, contenders.Select(c => c.Name), SyscallCount.Workloads, shortRun, longRun);
            SyscallCount.Write(Console.Out, report.Syscalls);
        }

        /// <summary>Our client and M2Mqtt 5.1 timed on nanoCLR (<see cref="NanoClrTiming"/>), with NFTOOL set.</summary>
        private static void WriteNanoClrTiming(BenchReport report)
        {
            Console.WriteLine();
            NanoClrTiming timing = NanoClrTiming.Measure(Environment.GetEnvironmentVariable("NFTOOL"), RepositoryRoot());
            NanoClrTiming.Write(Console.Out, timing);
            report.NanoClrTiming.AddRange(timing.Entries);
            if (timing.SkippedBecause != null)
            {
                report.NanoClrTimingNotes.Add("skipped: " + timing.SkippedBecause);
            }

            report.NanoClrTimingNotes.AddRange(timing.Notes);
        }

        private static void WriteTargets(BenchReport report)
        {
            if (report.Results.Count == 0 && report.NanoClrTiming.Count == 0)
            {
                return;
            }

            report.Targets = TargetTable.Evaluate(report.Results, report.Syscalls, report.NanoClrTiming, report.NanoClrFootprint);
            Console.WriteLine();
            Console.WriteLine("targets (issue 13):");
            Console.WriteLine();
            TargetTable.Write(Console.Out, report.Targets);
        }

        private static void WriteJson(BenchOptions options, BenchReport report)
        {
            if (options.JsonPath != null)
            {
                File.WriteAllText(options.JsonPath, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
                Console.WriteLine("wrote " + options.JsonPath);
            }
        }

        /// <summary>
        /// The nano firmware assemblies' IL size, when a build is there (Release preferred); then what nanoCLR reports
        /// loading them, the linked firmware and nanoFramework.M2Mqtt (with NFTOOL set, see <see cref="NanoClrFootprint"/>).
        /// </summary>
        private static void WriteFootprint(BenchReport report)
        {
            string root = RepositoryRoot();
            if (root == null)
            {
                report.NanoClrFootprintNotes.Add("skipped: not run from the repository");
                Console.WriteLine();
                Console.WriteLine("nanoCLR footprint: skipped (not run from the repository: its nano builds are not found)");
                return;
            }

            string[][] assemblies = { new[] { "firmware/Mqtt", "HomeNode.Mqtt" }, new[] { "firmware/Mqtt.WebSockets", "HomeNode.Mqtt.WebSockets" }, new[] { "firmware/Mqtt.Requests", "HomeNode.Mqtt.Requests" }, new[] { "firmware/App", "HomeNode.App" }, new[] { "drivers", "HomeNode.Drivers" } };
            List<string> built = new List<string>();
            Console.WriteLine();
            Console.WriteLine("nano footprint (peer: nanoFramework.M2Mqtt 5.1 is 30,341 bytes of IL):");
            Console.WriteLine();
            Console.WriteLine("| assembly | IL bytes | method bodies | file bytes | build |");
            Console.WriteLine("|---|--:|--:|--:|---|");
            foreach (string[] assembly in assemblies)
            {
                foreach (string configuration in new[] { "Release", "Debug" })
                {
                    string path = Path.Combine(root, assembly[0], "bin", configuration, "nano", assembly[1] + ".dll");
                    if (File.Exists(path))
                    {
                        AssemblyFootprint footprint = AssemblyFootprint.Measure(path);
                        Console.WriteLine("| " + footprint.Name + " | " + footprint.IlBytes.ToString("N0", CultureInfo.InvariantCulture) + " | " + footprint.MethodBodies + " | " + footprint.FileBytes.ToString("N0", CultureInfo.InvariantCulture) + " | " + configuration + " |");
                        report.Footprint.Add(new FootprintEntry { Assembly = footprint.Name, IlBytes = footprint.IlBytes, MethodBodies = footprint.MethodBodies, FileBytes = footprint.FileBytes });
                        built.Add(path);
                        break;
                    }
                }
            }

            string device = Path.Combine(root, "firmware", "Device", NanoClrFootprint.DeviceAssembly + ".nfproj");
            NanoClrFootprint nanoClr = NanoClrFootprint.Measure(Environment.GetEnvironmentVariable("NFTOOL"), built, File.Exists(device) ? device : null);
            Console.WriteLine();
            NanoClrFootprintTable.Write(Console.Out, nanoClr);
            report.NanoClrFootprint.AddRange(nanoClr.Entries);
            if (nanoClr.SkippedBecause != null)
            {
                report.NanoClrFootprintNotes.Add("skipped: " + nanoClr.SkippedBecause);
            }

            report.NanoClrFootprintNotes.AddRange(nanoClr.Notes);
            string ratio = NanoClrFootprintTable.RatioLine(nanoClr.Entries);
            if (ratio != null)
            {
                report.NanoClrFootprintNotes.Add(ratio);
            }
        }

        /// <summary>What our client holds (MqttClient.FootprintBytes: buffers and in-flight table) in the bench and in the firmware runtime.</summary>
        private static void WriteClientMemory(BenchReport report)
        {
            PolledClientConfiguration bench = PolledClientConfiguration.Bench;
            report.ClientMemory.Add(ClientMemory("bench connection", bench));
            report.ClientMemory.Add(ClientMemory("firmware (HomeNodeRuntime)", new PolledClientConfiguration
            {
                SendBufferBytes = HomeNodeRuntime.PacketBufferBytes,
                ReceiveBufferBytes = HomeNodeRuntime.PacketBufferBytes,
                InflightSlots = HomeNodeRuntime.InflightSlots,
                InflightSlotBytes = HomeNodeRuntime.InflightSlotBytes,
                IncomingQos2Slots = HomeNodeRuntime.IncomingQos2Slots,
            }));

            Console.WriteLine();
            Console.WriteLine("memory our client holds (MqttClient.FootprintBytes: send + receive buffer + in-flight table):");
            Console.WriteLine();
            Console.WriteLine("| configuration | send buffer | receive buffer | in-flight slots x bytes | incoming QoS 2 ids | FootprintBytes |");
            Console.WriteLine("|---|--:|--:|--:|--:|--:|");
            foreach (ClientMemoryEntry entry in report.ClientMemory)
            {
                Console.WriteLine("| " + entry.Configuration + " | " + entry.SendBufferBytes + " | " + entry.ReceiveBufferBytes + " | " + entry.InflightSlots + " x " + entry.InflightSlotBytes + " | " + entry.IncomingQos2Slots + " | " + entry.FootprintBytes.ToString("N0", CultureInfo.InvariantCulture) + " |");
            }
        }

        /// <summary>Builds a client with the configuration's buffers (no connection) and reads what it reports holding.</summary>
        public static ClientMemoryEntry ClientMemory(string name, PolledClientConfiguration configuration)
        {
            MqttClient client = new MqttClient(
                new LoopbackPacketTransport(),
                new StopwatchClock(),
                new HomeNodeCodec(),
                new byte[configuration.SendBufferBytes],
                new byte[configuration.ReceiveBufferBytes],
                new InflightTable(configuration.InflightSlots, configuration.InflightSlotBytes, configuration.IncomingQos2Slots));
            return new ClientMemoryEntry
            {
                Configuration = name,
                SendBufferBytes = configuration.SendBufferBytes,
                ReceiveBufferBytes = configuration.ReceiveBufferBytes,
                InflightSlots = configuration.InflightSlots,
                InflightSlotBytes = configuration.InflightSlotBytes,
                IncomingQos2Slots = configuration.IncomingQos2Slots,
                FootprintBytes = client.FootprintBytes,
            };
        }

        private static string ProcessorModel()
        {
            try
            {
                foreach (string line in File.ReadLines("/proc/cpuinfo"))
                {
                    if (line.StartsWith("model name", StringComparison.Ordinal))
                    {
                        return line.Substring(line.IndexOf(':') + 1).Trim();
                    }
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }

            return RuntimeInformation.ProcessArchitecture.ToString();
        }

        private static string LoadAverage()
        {
            try
            {
                string[] parts = File.ReadAllText("/proc/loadavg").Split(' ');
                return parts[0] + " " + parts[1] + " " + parts[2];
            }
            catch (IOException)
            {
                return "unknown";
            }
            catch (UnauthorizedAccessException)
            {
                return "unknown";
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
