using System;
using System.Threading;
using HomeNode.App.Config;
using HomeNode.App.Diagnostics;
using HomeNode.App.Runtime;
using HomeNode.Mqtt;

namespace HomeNode.Device
{
    /// <summary>Start-up on the board: configuration, network and time, adapters, then the firmware loop.</summary>
    /// <remarks>
    /// The firmware logic is the portable <see cref="HomeNodeRuntime"/> (Start, then Poll from this one thread); this
    /// file only builds its parts from the configuration. What it does is reported through <see cref="ConsoleLog"/>,
    /// which a Release build keeps (see there).
    /// </remarks>
    public static class Program
    {
        /// <summary>Pause of the firmware loop between two polls; the runtime's timers are in milliseconds on the monotonic clock.</summary>
        private const int PollIntervalMilliseconds = 10;

        /// <summary>Wait before rebooting after a start-up failure, so a bad config does not reboot-loop the flash log.</summary>
        private const int RetryDelayMilliseconds = 30000;

        public static void Main()
        {
            ConsoleLog log = new ConsoleLog();
            try
            {
                Run(log);
            }
            catch (Exception e)
            {
                // Nothing below is expected to throw; if something does, say what and start again rather than sit silent.
                log.Write("homenode: unexpected ");
                ExceptionText.WriteLine(log, e);
                Reboot(log);
            }
        }

        private static void Run(ILog log)
        {
            log.Write("homenode ");
            log.Write(HomeNodeRuntime.SoftwareVersion);
            log.Write(": reading ");
            log.WriteLine(ConfigFile.DefaultPath);
            ConfigParseResult parsed = ConfigFile.Load(ConfigFile.DefaultPath);
            if (!ConfigReport.Write(log, ConfigFile.DefaultPath, parsed))
            {
                // A reboot would read the same file: wait for flash.ps1 -ConfigFile to deploy a fixed one.
                log.WriteLine("homenode: stopped until the configuration is fixed");
                Thread.Sleep(Timeout.Infinite);
            }

            HomeNodeConfig config = parsed.Config;

            // The clock starts before SNTP sets the time, so the step is seen and absorbed.
            DeviceClock clock = new DeviceClock();
            log.Write("homenode: starting at ");
            log.Write(clock.ElapsedMilliseconds);
            log.WriteLine(" ms");

            // With TLS, also wait for SNTP: certificate checks need the time before the first handshake. Plain MQTT on a
            // LAN without internet must not wait for a time server it cannot reach.
            bool needsTime = config.Broker.UseTls;
            bool networkUp = config.Wifi != null ? WifiConnector.Connect(config.Wifi, needsTime, log) : WifiConnector.ConnectWired(needsTime, log);
            if (!networkUp)
            {
                // WifiNetworkHelper may be called only once per boot, so a retry is a reboot
                // (nanoFramework.Runtime.Native/Power.cs RebootDevice).
                Reboot(log);
            }

            IMqttTransport transport = CreateTransport(config.Broker, log);
            if (transport == null)
            {
                Reboot(log);
            }

            DeviceHardware hardware = new DeviceHardware(clock, networkUp, log);

            HomeNodeRuntime runtime = new HomeNodeRuntime(config, transport, clock, hardware, ReconnectJitterSeed(), log);
            runtime.Start();
            while (true)
            {
                runtime.Poll();
                Thread.Sleep(PollIntervalMilliseconds);
            }
        }

        private static void Reboot(ILog log)
        {
            log.Write("homenode: rebooting in ");
            log.Write(RetryDelayMilliseconds / 1000);
            log.WriteLine(" s to try again");
            Thread.Sleep(RetryDelayMilliseconds);
            nanoFramework.Runtime.Native.Power.RebootDevice();
        }

        /// <summary>
        /// Seed of the reconnect back-off jitter: boards that lose power together must not reconnect in step. The low
        /// bits of the wall clock (100 ns ticks, read after SNTP set it) differ between boards and boots.
        /// </summary>
        private static uint ReconnectJitterSeed()
        {
            long ticks = DateTime.UtcNow.Ticks;
            uint seed = (uint)ticks ^ (uint)(ticks >> 32);
            return seed == 0 ? 1u : seed;
        }

        private static IMqttTransport CreateTransport(BrokerSettings broker, ILog log)
        {
            if (!broker.UseTls)
            {
                return new SocketTransport(broker.Host, broker.Port);
            }

            try
            {
                return TlsTransport.FromPemFiles(broker.Host, broker.Port, broker.CaCertPath, broker.ClientCertPath, broker.ClientKeyPath);
            }
            catch (Exception e)
            {
                // A missing or unreadable PEM file: say which, instead of ending Main with an unhandled exception.
                log.Write("tls: cannot load the certificates (");
                log.Write(broker.CaCertPath);
                log.Write(", ");
                log.Write(broker.ClientCertPath);
                log.Write(", ");
                log.Write(broker.ClientKeyPath);
                log.Write("): ");
                ExceptionText.WriteLine(log, e);
                return null;
            }
        }
    }
}
