using System;
using System.Collections.Generic;
using System.Linq;

namespace HomeNode.Bench
{
    /// <summary>Command line: [--footprint] [--quick] [--json FILE] [--payloads 16,256,4096] [--workloads a,b] [--messages N] [--seconds S] [--rounds R] [--window N] [--protocols 3.1.1,5.0] [--contenders a,b] [--broker host:port:pid] [--no-syscalls].</summary>
    public sealed class BenchOptions
    {
        public static readonly string[] AllWorkloads = { "qos0-throughput", "qos1-throughput", "qos1-windowed", "qos1-latency", "encode-publish", "decode-publish" };

        public bool Quick { get; private set; }

        public string JsonPath { get; private set; }

        public int[] Payloads { get; private set; } = { 16, 256, 4096 };

        public string[] Workloads { get; private set; } = AllWorkloads;

        /// <summary>Messages per broker workload; each stops earlier when <see cref="MaxSeconds"/> is reached.</summary>
        public int Messages { get; private set; } = 20000;

        /// <summary>Operations per codec workload.</summary>
        public int CodecOperations { get; private set; } = 200000;

        /// <summary>Latency samples per round; times <see cref="Rounds"/> at least 20,000 per contender in a full run.</summary>
        public int LatencyMessages { get; private set; } = 4000;

        /// <summary>Interleaved rounds per workload and payload (A, B, C, A, B, C, ...); rows report medians over them.</summary>
        public int Rounds { get; private set; } = 5;

        /// <summary>
        /// MQTT protocol levels of the broker workloads (<see cref="MqttProtocolLevels"/>); each level is its own row,
        /// run in the same interleaved rounds. Codec workloads are 3.1.1 only.
        /// </summary>
        public int[] Protocols { get; private set; } = { MqttProtocolLevels.V311, MqttProtocolLevels.V500 };

        /// <summary>QoS 1 messages in flight at once in the qos1-windowed workload.</summary>
        public int Window { get; private set; } = 8;

        public double MaxSeconds { get; private set; } = 5;

        public int WarmUpMessages { get; private set; } = 500;

        /// <summary>Least time each codec workload runs unmeasured first, so tiered JIT has produced optimized code.</summary>
        public double CodecWarmUpSeconds { get; private set; } = 0.5;

        public bool Help { get; private set; }

        /// <summary>Only these contenders (by name); null = all.</summary>
        public string[] Contenders { get; private set; }

        /// <summary>host:port:pid of a running broker to use instead of starting one (the strace child runs of <see cref="SyscallCount"/>).</summary>
        public string Broker { get; private set; }

        /// <summary>Count system calls per message for each contender (strace -c -f on child runs of the bench).</summary>
        public bool Syscalls { get; private set; } = true;

        /// <summary>Only the footprint sections (IL, nanoCLR, client memory): no broker, no workloads.</summary>
        public bool FootprintOnly { get; private set; }

        public static BenchOptions Parse(IReadOnlyList<string> args)
        {
            BenchOptions options = new BenchOptions();
            int? messages = null;
            double? seconds = null;
            int? rounds = null;
            for (int i = 0; i < args.Count; i++)
            {
                switch (args[i])
                {
                    case "--quick":
                        options.Quick = true;
                        break;
                    case "--contenders":
                        options.Contenders = Value(args, ++i, "--contenders").Split(',');
                        break;
                    case "--broker":
                        options.Broker = Value(args, ++i, "--broker");
                        break;
                    case "--no-syscalls":
                        options.Syscalls = false;
                        break;
                    case "--footprint":
                        options.FootprintOnly = true;
                        break;
                    case "--json":
                        options.JsonPath = Value(args, ++i, "--json");
                        break;
                    case "--payloads":
                        options.Payloads = Value(args, ++i, "--payloads").Split(',').Select(int.Parse).ToArray();
                        break;
                    case "--workloads":
                        options.Workloads = Value(args, ++i, "--workloads").Split(',');
                        foreach (string workload in options.Workloads)
                        {
                            if (!AllWorkloads.Contains(workload))
                            {
                                throw new ArgumentException("unknown workload " + workload + "; known: " + string.Join(",", AllWorkloads));
                            }
                        }

                        break;
                    case "--messages":
                        messages = int.Parse(Value(args, ++i, "--messages"));
                        break;
                    case "--rounds":
                        rounds = int.Parse(Value(args, ++i, "--rounds"));
                        if (rounds < 1)
                        {
                            throw new ArgumentException("--rounds needs at least 1");
                        }

                        break;
                    case "--window":
                        options.Window = int.Parse(Value(args, ++i, "--window"));
                        if (options.Window < 1)
                        {
                            throw new ArgumentException("--window needs at least 1");
                        }

                        break;
                    case "--protocols":
                        options.Protocols = Value(args, ++i, "--protocols").Split(',').Select(MqttProtocolLevels.Parse).Distinct().ToArray();
                        break;
                    case "--seconds":
                        seconds = double.Parse(Value(args, ++i, "--seconds"), System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    case "-h":
                    case "--help":
                        options.Help = true;
                        break;
                    default:
                        throw new ArgumentException("unknown argument " + args[i]);
                }
            }

            if (options.Quick)
            {
                options.Messages = 2000;
                options.LatencyMessages = 300;
                options.CodecOperations = 20000;
                options.MaxSeconds = 1.5;
                options.WarmUpMessages = 100;
                options.CodecWarmUpSeconds = 0.15;
                options.Rounds = 2;
            }

            if (rounds.HasValue)
            {
                options.Rounds = rounds.Value;
            }

            if (messages.HasValue)
            {
                options.Messages = messages.Value;
                options.LatencyMessages = Math.Min(options.LatencyMessages, messages.Value);
                options.CodecOperations = messages.Value * 10;
            }

            if (seconds.HasValue)
            {
                options.MaxSeconds = seconds.Value;
            }

            return options;
        }

        public const string Usage =
            "HomeNode.Bench [--footprint] [--quick] [--json FILE] [--payloads 16,256,4096] [--workloads qos0-throughput,qos1-throughput,qos1-windowed,qos1-latency,encode-publish,decode-publish] [--messages N] [--seconds S] [--rounds R] [--window N] [--protocols 3.1.1,5.0] [--contenders a,b] [--broker host:port:pid] [--no-syscalls]";

        private static string Value(IReadOnlyList<string> args, int index, string name)
        {
            if (index >= args.Count)
            {
                throw new ArgumentException(name + " needs a value");
            }

            return args[index];
        }
    }
}
