using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using HomeNode.App.Config;
using HomeNode.App.Runtime;
using HomeNode.Host;
using HomeNode.Simulator.Dashboard;
using Spectre.Console;

namespace HomeNode.Simulator
{
    /// <summary>
    /// One run of the simulator: loads the configuration, starts the broker (embedded) or points at one (--broker),
    /// runs the devices, the monitor and the phone app, shows the view until the end, then stops everything cleanly
    /// and prints the summary. Returns an <see cref="ExitCodes"/> value.
    /// </summary>
    public sealed class SimulatorSession
    {
        // Devices with at most this many are logged one by one (status changes, light changes, per-device lines).
        private const int ChattyFleetSize = 20;
        private const int ReportIntervalMilliseconds = 1000;
        private const int LiveRefreshMilliseconds = 500;
        private static readonly TimeSpan ClientConnectTimeout = TimeSpan.FromSeconds(5);

        private readonly SimulatorOptions options;
        private readonly TextWriter output;
        private readonly TextWriter errors;
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly object outputGate = new object();
        private LiveView live;
        private string dashboardUrl;
        private volatile bool quitRequested;

        public SimulatorSession(SimulatorOptions options, TextWriter output, TextWriter errors)
        {
            this.options = options;
            this.output = output;
            this.errors = errors;
        }

        public int Run()
        {
            string path = this.options.ConfigFile ?? ConfigSource.FindExample();
            if (path == null)
            {
                this.errors.WriteLine("cannot find " + ConfigSource.ExampleFileName + " (looked next to the simulator and in firmware/ above the current directory); give one with --config FILE");
                return ExitCodes.UsageOrConfigError;
            }

            HomeNodeConfig config = ConfigSource.Load(path, this.errors, this.errors);
            if (config == null)
            {
                return ExitCodes.UsageOrConfigError;
            }

            foreach (string file in new[] { this.options.CaFile, this.options.ClientCertFile, this.options.ClientKeyFile })
            {
                if (file != null && !File.Exists(file))
                {
                    this.errors.WriteLine(file + ": no such file");
                    return ExitCodes.UsageOrConfigError;
                }
            }

            bool plain = this.options.Plain || Console.IsOutputRedirected;
            if (!plain)
            {
                this.live = new LiveView();
            }

            EmbeddedBroker embedded = null;
            BrokerTarget broker;
            if (this.options.UsesEmbeddedBroker)
            {
                try
                {
                    embedded = EmbeddedBroker.Start(this.options.EmbeddedPort);
                }
                catch (Exception e)
                {
                    this.errors.WriteLine("the embedded broker did not start on port " + this.options.EmbeddedPort.ToString() + ": " + e.Message);
                    return ExitCodes.RuntimeFailure;
                }

                broker = new BrokerTarget("127.0.0.1", embedded.Port);
            }
            else
            {
                broker = new BrokerTarget(this.options.BrokerHost, this.options.BrokerPort)
                {
                    Tls = this.options.Tls,
                    CaFile = this.options.CaFile,
                    ClientCertFile = this.options.ClientCertFile,
                    ClientKeyFile = this.options.ClientKeyFile,
                    WebSocket = this.options.WebSocket,
                };
            }

            // Credentials: the command line's; else those of a real --config; the example's are placeholders.
            if (this.options.Username != null)
            {
                broker.Username = this.options.Username;
                broker.Password = this.options.Password;
            }
            else if (this.options.ConfigFile != null)
            {
                broker.Username = config.Broker.Username;
                broker.Password = config.Broker.Password;
            }

            try
            {
                return this.RunWith(config, path, broker, embedded);
            }
            finally
            {
                embedded?.Dispose();
            }
        }

        private int RunWith(HomeNodeConfig config, string path, BrokerTarget broker, EmbeddedBroker embedded)
        {
            int count = this.options.Devices;
            this.Log("config " + path + (embedded != null ? "; embedded MQTTnet broker on " + broker.ToString() + ", MQTT over WebSockets on " + embedded.WebSocketUrl : "; broker " + broker.ToString()));

            long fileLimit = OpenFileLimit.Soft();
            int needed = count + (embedded != null ? count : 0) + OpenFileLimit.Headroom;
            if (fileLimit > 0 && needed > fileLimit)
            {
                this.Log("warning: " + count.ToString() + " devices need about " + needed.ToString() + " open files, the limit is " + fileLimit.ToString()
                    + "; devices beyond it cannot connect. Raise it in the shell first: ulimit -n " + (needed + 1000).ToString() + " (a local broker needs the same)");
            }

            DeviceConfigTemplate template = new DeviceConfigTemplate(config, broker, count, this.options.PeriodSeconds);
            long heapBefore = GC.GetTotalMemory(true);
            long workingSetBefore = WorkingSet();
            StopwatchClock deviceClock = new StopwatchClock();
            LatencyRecorder latencies = new LatencyRecorder();
            SimulatedDevice[] devices = new SimulatedDevice[count];
            List<string> lightStateTopics = new List<string>();
            for (int i = 0; i < count; i++)
            {
                devices[i] = new SimulatedDevice(i, template.ForDevice(i), broker.CreateTransport(), deviceClock, SimulatedSensor.DefaultFailureRate, latencies);
                foreach (LightChannel light in devices[i].Runtime.Lights)
                {
                    lightStateTopics.Add(light.StateTopic);
                }
            }

            using DashboardServer dashboard = this.StartDashboard(embedded, broker, devices);
            int threads = this.options.Threads > 0 ? this.options.Threads : Environment.ProcessorCount * 2;
            // A fleet starts spread over its shortest sensor period (1..10 s), so readings spread over each period as they
            // would in a real house; see DeviceFleet.
            int spread = count == 1 ? 0 : Math.Clamp(ShortestPeriodSeconds(devices[0]), 1, 10) * 1000;
            DeviceFleet fleet = new DeviceFleet(devices, threads, count == 1 ? 5 : 10, spread, this.Log);
            using (FleetMonitor monitor = new FleetMonitor(broker, devices))
            using (PhoneApp phone = new PhoneApp(broker, lightStateTopics.ToArray(), count <= ChattyFleetSize ? this.Log : Ignore))
            {
                // Both clients subscribe before the devices start, so they see every reading and state from the first.
                this.Connect("monitor", () => monitor.Connect(ClientConnectTimeout), "subscribed: " + monitor.Describe());
                this.Connect("phone app", () => phone.Connect(ClientConnectTimeout), "subscribed to " + lightStateTopics.Count.ToString() + " light state topics");

                this.Log(count.ToString() + (count == 1 ? " device" : " devices") + " on " + fleet.Threads.ToString() + " poller thread(s); " + (count == 1 ? devices[0].Runtime.ClientId : devices[0].Runtime.ClientId + " .. " + devices[count - 1].Runtime.ClientId));
                CommandInput input = new CommandInput();
                input.Start();
                // Ctrl+C (SIGINT) and SIGTERM (systemd, docker stop, kill) stop cleanly; a second one while stopping ends
                // the process at once.
                Action<PosixSignalContext> onSignal = signal =>
                {
                    signal.Cancel = !this.quitRequested;
                    this.quitRequested = true;
                };
                PosixSignalRegistration onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, onSignal);
                PosixSignalRegistration onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, onSignal);
                fleet.Start();

                SessionState state = new SessionState(devices, monitor, phone, fleet, broker, input, latencies, heapBefore, workingSetBefore);
                if (this.live == null)
                {
                    this.Loop(state, null);
                }
                else
                {
                    AnsiConsole.Live(new Markup("starting ...")).AutoClear(false).Start(context => this.Loop(state, context));
                    this.live = null; // from here on, plain lines
                }

                FleetSnapshot atEnd = state.Last;
                double runSeconds = state.EndedAtMilliseconds / 1000.0;

                // Drain: no new readings, but the devices keep running so whatever they handed to their clients arrives.
                fleet.PauseSensors();
                long drainUntil = this.clock.ElapsedMilliseconds + (this.options.DrainSeconds * 1000L);
                FleetSnapshot drained = FleetSnapshot.Take(devices, monitor, this.clock.ElapsedMilliseconds);
                while ((drained.ReadingsMissing > 0 || drained.Queued > 0) && this.clock.ElapsedMilliseconds < drainUntil)
                {
                    Thread.Sleep(100);
                    drained = FleetSnapshot.Take(devices, monitor, this.clock.ElapsedMilliseconds);
                }

                this.Log("stopping: every device publishes offline and disconnects");
                fleet.Stop(TimeSpan.FromSeconds(30));
                onInterrupt.Dispose();
                onTerminate.Dispose();
                Thread.Sleep(200); // the monitor's last messages (offline statuses)
                FleetSnapshot final = FleetSnapshot.Take(devices, monitor, this.clock.ElapsedMilliseconds);

                LatencyPercentiles latency = latencies.RunPercentiles();
                int exitCode = final.EverOnline == 0 ? ExitCodes.RuntimeFailure : ExitCodes.Ok;
                if (final.EverOnline == 0)
                {
                    this.errors.WriteLine("no device ever connected to " + broker.ToString());
                }

                RunSummary summary = new RunSummary
                {
                    ExitCode = exitCode,
                    Broker = embedded != null ? "embedded " + broker.ToString() : broker.ToString(),
                    Devices = count,
                    Threads = fleet.Threads,
                    DurationS = Math.Round(runSeconds, 3),
                    Connected = atEnd.Online,
                    EverConnected = final.EverOnline,
                    PublishedReadings = final.PublishedReadings,
                    AcknowledgedPublishes = final.AcknowledgedPublishes,
                    ReceivedReadings = final.ReadingsReceived,
                    LostReadings = final.ReadingsMissing,
                    DuplicateReadings = final.ReadingsExtra,
                    MessagesOut = atEnd.PublishesOut,
                    MessagesIn = atEnd.ReceivedIn,
                    MessagesOutPerS = runSeconds > 0 ? Math.Round(atEnd.PublishesOut / runSeconds, 1) : 0,
                    MessagesInPerS = runSeconds > 0 ? Math.Round(atEnd.ReceivedIn / runSeconds, 1) : 0,
                    Reconnects = final.Reconnects,
                    FailedConnects = final.FailedConnects,
                    FailedReads = atEnd.FailedReads,
                    DroppedReadings = final.Dropped,
                    PollErrors = fleet.PollErrors,
                    LatencySamples = latency.Count,
                    LatencyP50Ms = RunSummary.Round(latency.P50),
                    LatencyP95Ms = RunSummary.Round(latency.P95),
                    LatencyP99Ms = RunSummary.Round(latency.P99),
                    LatencyMaxMs = RunSummary.Round(latency.Max),
                    ManagedBytesPerDevice = state.ManagedBytesPerDevice,
                    WorkingSetBytesPerDevice = state.WorkingSetBytesPerDevice,
                    LightsOn = phone.LightsOn,
                };
                this.Log("done: " + final.EverOnline.ToString() + "/" + count.ToString() + " devices connected, " + final.PublishedReadings.ToString() + " readings sent, "
                    + final.ReadingsReceived.ToString() + " received, " + final.ReadingsMissing.ToString() + " lost; latency ms p50 " + StatusText.Number(latency.P50, "0.00")
                    + " p95 " + StatusText.Number(latency.P95, "0.00") + " p99 " + StatusText.Number(latency.P99, "0.00") + "; " + summary.ManagedBytesPerDevice.ToString() + " B managed per device");
                lock (this.outputGate)
                {
                    this.output.WriteLine(summary.ToLine());
                    this.output.Flush();
                }

                return exitCode;
            }
        }

        /// <summary>
        /// Serves the dashboard, which connects to the broker's MQTT over WebSockets endpoint: the embedded broker's, or
        /// --ws-url's. Logs its address, or in one line why there is none; the simulator runs either way.
        /// </summary>
        private DashboardServer StartDashboard(EmbeddedBroker embedded, BrokerTarget broker, SimulatedDevice[] devices)
        {
            if (this.options.NoDashboard)
            {
                return null;
            }

            string webSocketUrl = embedded?.WebSocketUrl ?? (this.options.WebSocket ?? this.options.DashboardWebSocket)?.ToString();
            if (webSocketUrl == null)
            {
                this.Log("dashboard: off: a browser speaks MQTT over WebSockets only; give the broker's WebSocket endpoint with --ws-url ws://HOST:PORT/PATH");
                return null;
            }

            string missing = DashboardServer.MissingFiles(DashboardServer.ContentDirectory);
            if (missing != null)
            {
                this.Log(missing);
                return null;
            }

            DashboardSettings settings = DashboardSettings.For(webSocketUrl, Array.ConvertAll(devices, d => d.Config));
            settings.Username = broker.Username;
            settings.Password = broker.Password;
            try
            {
                DashboardServer dashboard = DashboardServer.Start(this.options.DashboardPort, DashboardServer.ContentDirectory, settings);
                this.Log("dashboard: " + dashboard.Url + " (open it in a browser; it connects to " + webSocketUrl + ")");
                this.dashboardUrl = dashboard.Url;
                return dashboard;
            }
            catch (Exception e)
            {
                this.Log("dashboard: off: cannot listen on 127.0.0.1:" + this.options.DashboardPort.ToString() + ": " + e.Message);
                return null;
            }
        }

        private static int ShortestPeriodSeconds(SimulatedDevice device)
        {
            int shortest = int.MaxValue;
            foreach (SensorSettings sensor in device.Config.Sensors)
            {
                shortest = Math.Min(shortest, sensor.PeriodSeconds);
            }

            return shortest == int.MaxValue ? 1 : shortest;
        }

        private static void Ignore(string message)
        {
        }

        internal static long WorkingSet()
        {
            using (Process self = Process.GetCurrentProcess())
            {
                return self.WorkingSet64;
            }
        }

        private void Connect(string who, Action connect, string done)
        {
            try
            {
                connect();
                this.Log(who + ": " + done);
            }
            catch (Exception e)
            {
                this.Log(who + ": cannot connect yet (" + e.Message + "); retrying in the background");
                Task.Run(async () =>
                {
                    while (!this.quitRequested)
                    {
                        await Task.Delay(2000).ConfigureAwait(false);
                        try
                        {
                            connect();
                            this.Log(who + ": " + done);
                            return;
                        }
                        catch (Exception)
                        {
                            // still unreachable
                        }
                    }
                });
            }
        }

        private void Loop(SessionState state, LiveDisplayContext context)
        {
            long durationMs = this.options.DurationSeconds * 1000L;
            long nextReport = ReportIntervalMilliseconds;
            long nextRefresh = 0;
            long warmupAt = 3000;
            FleetSnapshot previous = FleetSnapshot.Take(state.Devices, state.Monitor, this.clock.ElapsedMilliseconds);
            FleetSnapshot shown = previous;
            LatencyPercentiles latency = new LatencyPercentiles(0, double.NaN, double.NaN, double.NaN, double.NaN);
            RuntimeStatus[] statuses = new RuntimeStatus[Math.Min(state.Devices.Length, ChattyFleetSize)];
            long started = this.clock.ElapsedMilliseconds;
            while (true)
            {
                while (state.Input.TryTake(out string command))
                {
                    this.Execute(command, state);
                }

                long elapsed = this.clock.ElapsedMilliseconds - started;
                if (this.quitRequested || (durationMs > 0 && elapsed >= durationMs))
                {
                    state.Last = FleetSnapshot.Take(state.Devices, state.Monitor, this.clock.ElapsedMilliseconds);
                    state.EndedAtMilliseconds = elapsed;
                    if (state.ManagedBytesPerDevice == 0)
                    {
                        state.MeasureMemory();
                    }

                    return;
                }

                for (int i = 0; i < statuses.Length; i++)
                {
                    RuntimeStatus status = state.Devices[i].LastStatus;
                    if (status != statuses[i])
                    {
                        statuses[i] = status;
                        this.Log(state.Devices[i].Name + ": " + StatusText.Status(status));
                    }
                }

                if (state.ManagedBytesPerDevice == 0 && elapsed >= warmupAt)
                {
                    FleetSnapshot now = FleetSnapshot.Take(state.Devices, state.Monitor, this.clock.ElapsedMilliseconds);
                    if (now.Online == now.Devices || elapsed >= 10000)
                    {
                        state.MeasureMemory();
                        this.Log("memory after warm-up: " + state.ManagedBytesPerDevice.ToString() + " B managed, " + state.WorkingSetBytesPerDevice.ToString() + " B working set per device");
                    }
                }

                if (elapsed >= nextReport)
                {
                    nextReport += ReportIntervalMilliseconds;
                    FleetSnapshot now = FleetSnapshot.Take(state.Devices, state.Monitor, this.clock.ElapsedMilliseconds);
                    latency = state.Latencies.TakeInterval();
                    if (context == null)
                    {
                        this.Log(StatusText.FleetLine(now, previous, latency, state.Phone.LightsOn));
                        if (state.Devices.Length <= 3)
                        {
                            foreach (SimulatedDevice device in state.Devices)
                            {
                                this.Log("  " + StatusText.DeviceLine(device));
                            }
                        }
                    }

                    shown = previous;
                    previous = now;
                }

                if (context != null && elapsed >= nextRefresh)
                {
                    nextRefresh = elapsed + LiveRefreshMilliseconds;
                    string title = "HomeNode simulator · " + state.Broker.ToString() + " · " + (elapsed / 1000).ToString() + " s" + (durationMs > 0 ? " of " + (durationMs / 1000).ToString() : string.Empty)
                        + (this.dashboardUrl != null ? " · dashboard " + this.dashboardUrl : string.Empty);
                    context.UpdateTarget(this.live.Build(title, state.Devices, previous, shown, latency, state.Phone.LightsOn));
                    context.Refresh();
                }

                Thread.Sleep(50);
            }
        }

        private void Execute(string command, SessionState state)
        {
            string[] words = command.Split((char[])null, StringSplitOptions.RemoveEmptyEntries);
            string verb = words.Length > 0 ? words[0].ToLowerInvariant() : string.Empty;
            if (verb == "quit" || verb == "q" || verb == "exit")
            {
                this.Log("quit requested");
                this.quitRequested = true;
                return;
            }

            if (verb != "toggle" || words.Length != 2)
            {
                this.Log("unknown command '" + command + "' (try: toggle LIGHT, toggle DEVICE/LIGHT, quit)");
                return;
            }

            LightChannel light = FindLight(state.Devices, words[1], out SimulatedDevice device);
            if (light == null)
            {
                this.Log("no light '" + words[1] + "'");
                return;
            }

            this.Log("phone: toggle " + device.Name + "/" + light.Settings.Name + " (TOGGLE to " + light.CommandTopic + ")");
            state.Phone.Toggle(light.CommandTopic);
        }

        /// <summary>"#3" (third light of the first device), "ceiling" (of the first device) or "sim-0042/ceiling".</summary>
        private static LightChannel FindLight(SimulatedDevice[] devices, string name, out SimulatedDevice device)
        {
            device = devices.Length > 0 ? devices[0] : null;
            int slash = name.IndexOf('/');
            if (slash > 0)
            {
                string deviceName = name.Substring(0, slash);
                name = name.Substring(slash + 1);
                device = Array.Find(devices, d => string.Equals(d.Name, deviceName, StringComparison.OrdinalIgnoreCase));
            }

            if (device == null)
            {
                return null;
            }

            LightChannel[] lights = device.Runtime.Lights;
            if (name.StartsWith("#", StringComparison.Ordinal) && int.TryParse(name.Substring(1), out int number))
            {
                return number >= 1 && number <= lights.Length ? lights[number - 1] : null;
            }

            return Array.Find(lights, l => string.Equals(l.Settings.Name, name, StringComparison.OrdinalIgnoreCase));
        }

        private void Log(string message)
        {
            LiveView view = this.live;
            if (view != null)
            {
                view.Log(message);
                return;
            }

            string stamp = "[" + (this.clock.ElapsedMilliseconds / 1000.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture).PadLeft(6) + "s] ";
            lock (this.outputGate)
            {
                this.output.WriteLine(stamp + message);
                this.output.Flush();
            }
        }
    }
}
