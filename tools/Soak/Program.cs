using System;
using System.Diagnostics;
using System.Text;
using HomeNode.App.Config;
using HomeNode.App.Runtime;
using HomeNode.Host;
using HomeNode.Host.Mosquitto;
using HomeNode.Mqtt;

namespace HomeNode.Soak
{
    /// <summary>The soak run; see <see cref="SoakOptions.Usage"/> and README.md.</summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            SoakOptions options = SoakOptions.Parse(args, out string error);
            if (error != null)
            {
                Console.Error.WriteLine(error);
                Console.Error.WriteLine(SoakOptions.Usage);
                return 2;
            }

            // Persistence saved after every change, so a restart loses at most what mosquitto had not saved yet; a queue
            // deep enough for every device's readings while the subscriber is away.
            MosquittoBrokerOptions brokerOptions = new MosquittoBrokerOptions { Tls = false, Persistence = true, MaxQueuedMessages = 100000 };
            using (MosquittoBroker broker = MosquittoBroker.Start(brokerOptions))
            {
                return Run(options, broker);
            }
        }

        private static int Run(SoakOptions options, MosquittoBroker broker)
        {
            StopwatchClock clock = new StopwatchClock();
            Random random = new Random(options.Seed);
            SoakHardware[] hardware = new SoakHardware[options.Devices];
            HomeNodeRuntime[] devices = new HomeNodeRuntime[options.Devices];
            for (int i = 0; i < options.Devices; i++)
            {
                string config =
                    "[broker]\nhost = 127.0.0.1\nport = " + broker.Port + "\nclient_id = soak-dev" + i + "\nkeep_alive = 10\nreconnect_max_delay = 8\n" +
                    "[device]\nname = dev" + i + "\nbase_topic = soak/dev" + i + "\ndiscovery = false\noffline_queue = 512\ndiagnostics_period = 60\n" +
                    "[sensor climate]\ntype = sht3x\ntopic = soak/dev" + i + "\nperiod = " + options.PeriodSeconds + "\ndecimals = 3\n";
                byte[] bytes = Encoding.UTF8.GetBytes(config);
                ConfigParseResult parsed = ConfigParser.Parse(bytes, 0, bytes.Length);
                if (!parsed.Succeeded)
                {
                    throw new InvalidOperationException("soak config: " + parsed.Errors[0]);
                }

                hardware[i] = new SoakHardware();
                devices[i] = new HomeNodeRuntime(parsed.Config, new TcpTransport(new TransportOptions("127.0.0.1", broker.Port)), clock, hardware[i], (uint)(i + 1));
            }

            ReadingCollector collector = new ReadingCollector(options.Devices);
            MqttConnectOptions subscriberOptions = new MqttConnectOptions("soak-subscriber") { CleanSession = false, KeepAliveSeconds = 10 };
            MqttClient subscriber = new MqttClient(new TcpTransport(new TransportOptions("127.0.0.1", broker.Port)), clock, collector, new byte[256], new byte[4096], new InflightTable(4, 128, 16));
            collector.Connected = present =>
            {
                if (!present)
                {
                    subscriber.Subscribe("soak/+/temperature", MqttQos.AtLeastOnce, out _);
                }
            };
            collector.SubscribeAbandoned = () => subscriber.Subscribe("soak/+/temperature", MqttQos.AtLeastOnce, out _);

            long start = clock.ElapsedMilliseconds;
            long end = start + (options.DurationSeconds * 1000L);
            long warmUpEnd = start + (options.WarmUpSeconds * 1000L);
            long nextRestart = start + NextGap(random, options);
            long nextReport = start + 60000;
            long nextSubscriberConnect = start;
            int restarts = 0;
            MemoryTrend trend = new MemoryTrend();
            // The subscription must exist before the first reading, or those readings have nowhere to go.
            subscriber.Connect(subscriberOptions);
            while (!collector.Subscribed)
            {
                if (clock.ElapsedMilliseconds - start > 10000 || subscriber.State == MqttConnectionState.Disconnected)
                {
                    throw new InvalidOperationException("the subscriber could not subscribe");
                }

                subscriber.Poll();
                System.Threading.Thread.Sleep(1);
            }

            foreach (HomeNodeRuntime device in devices)
            {
                device.Start();
            }

            Console.WriteLine($"soak: {options.Devices} devices, reading every {options.PeriodSeconds} s, {options.DurationSeconds} s, warm-up {options.WarmUpSeconds} s, broker restart every ~{options.RestartEverySeconds} s ({(options.Kill9 ? "SIGKILL" : "SIGTERM")}), mosquitto on port {broker.Port}");
            bool draining = false;
            long drainEnd = 0;
            while (true)
            {
                long now = clock.ElapsedMilliseconds;
                if (!draining && now >= end)
                {
                    // Stop taking readings, then give the fleet time to deliver what it holds.
                    draining = true;
                    drainEnd = now + 60000;
                    foreach (SoakHardware board in hardware)
                    {
                        board.Sensor.Paused = true;
                    }
                }

                if (draining && (now >= drainEnd || Delivered(devices, collector)))
                {
                    break;
                }

                if (!draining && now >= nextRestart)
                {
                    if (options.Kill9)
                    {
                        broker.Kill();
                    }
                    else
                    {
                        broker.Terminate();
                    }

                    broker.Restart();
                    restarts++;
                    nextRestart = clock.ElapsedMilliseconds + NextGap(random, options);
                }

                foreach (HomeNodeRuntime device in devices)
                {
                    device.Poll();
                }

                if (subscriber.State == MqttConnectionState.Disconnected && now >= nextSubscriberConnect)
                {
                    nextSubscriberConnect = now + 1000;
                    subscriber.Connect(subscriberOptions);
                }

                if (subscriber.State != MqttConnectionState.Disconnected)
                {
                    subscriber.Poll();
                }

                if (now >= nextReport)
                {
                    nextReport += 60000;
                    long managed = GC.GetTotalMemory(true);
                    if (now >= warmUpEnd)
                    {
                        trend.Add((now - warmUpEnd) / 3600000.0, managed);
                    }

                    Console.WriteLine($"{(now - start) / 1000,6} s  managed {managed,10:N0} B  working set {Process.GetCurrentProcess().WorkingSet64,12:N0} B  restarts {restarts}  published {Published(devices):N0}  received {collector.Distinct:N0} (+{collector.Duplicates:N0} duplicates)");
                }

                System.Threading.Thread.Sleep(2);
            }

            long published = Published(devices);
            if (!Delivered(devices, collector))
            {
                foreach (HomeNodeRuntime device in devices)
                {
                    Console.WriteLine($"  not drained: {device.ClientId} {device.Status} queue {device.Queue.Count} in flight {device.Client.Inflight.Count} published {device.Counters.PublishedReadings}");
                }
            }

            long lost = 0;
            for (int i = 0; i < devices.Length; i++)
            {
                lost += Math.Max(0, devices[i].Counters.PublishedReadings - collector.DistinctFor(i));
            }

            long dropped = 0;
            foreach (HomeNodeRuntime device in devices)
            {
                dropped += device.Queue.DroppedCount;
            }

            double growth = trend.BytesPerHour();
            Console.WriteLine($"SUMMARY devices={options.Devices} duration_s={options.DurationSeconds} restarts={restarts} restart_signal={(options.Kill9 ? "KILL" : "TERM")} readings_published={published} received_distinct={collector.Distinct} duplicates={collector.Duplicates} lost={lost} dropped_offline={dropped} subscriber_session_lost={collector.SessionLost} memory_samples={trend.Count} managed_growth_bytes_per_hour={(double.IsNaN(growth) ? "n/a" : growth.ToString("F0"))}");
            return lost == 0 ? 0 : 1;
        }

        private static bool Delivered(HomeNodeRuntime[] devices, ReadingCollector collector)
        {
            foreach (HomeNodeRuntime device in devices)
            {
                if (device.Queue.Count > 0 || device.Client.Inflight.Count > 0)
                {
                    return false;
                }
            }

            return collector.Distinct >= Published(devices);
        }

        private static long Published(HomeNodeRuntime[] devices)
        {
            long n = 0;
            foreach (HomeNodeRuntime device in devices)
            {
                n += device.Counters.PublishedReadings;
            }

            return n;
        }

        private static long NextGap(Random random, SoakOptions options) =>
            (long)(options.RestartEverySeconds * 1000 * (0.5 + random.NextDouble()));
    }
}
