using System;
using System.Net.NetworkInformation;
using System.Threading;
using HomeNode.App.Config;
using HomeNode.App.Connection;
using HomeNode.App.Diagnostics;
using HomeNode.App.Runtime;
using HomeNode.Mqtt;
using HomeNode.Mqtt.WebSockets;

namespace HomeNode.Device
{
    /// <summary>Start-up on the board: configuration, network and time, adapters, then the firmware loop.</summary>
    /// <remarks>
    /// The firmware logic is the portable <see cref="HomeNodeRuntime"/> (Start, then Poll from this one thread); this
    /// file only builds its parts from the configuration and keeps the loop alive: <see cref="LoopGuard"/> reports an
    /// exception from a poll and carries on (a reboot after <see cref="LoopGuard.DefaultRebootAfterFailures"/> in a row),
    /// <see cref="SoftwareWatchdog"/> reboots when no poll completes for <see cref="LoopWatchdog.DefaultDeadlineMilliseconds"/>,
    /// and <see cref="GuardedTransport"/> turns a transport exception into a lost connection. What it does is reported
    /// through <see cref="ConsoleLog"/>, which a Release build keeps (see there).
    /// </remarks>
    public static class Program
    {
        /// <summary>Pause of the firmware loop between two polls; the runtime's timers are in milliseconds on the monotonic clock.</summary>
        private const int PollIntervalMilliseconds = 10;

        /// <summary>Pause after a poll that threw, so a loop failing on every poll does not flood the log before its reboot.</summary>
        private const int FailedPollPauseMilliseconds = 1000;

        /// <summary>Wait before rebooting after a failure, so a failure at start-up does not reboot-loop the board.</summary>
        private const int RetryDelayMilliseconds = 30000;

        // held here so that nothing collects the watchdog's timer
        private static SoftwareWatchdog loopWatchdog;

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

            JoinNetwork(config, log);
            IMqttTransport transport = CreateTransport(config.Broker, clock, log);
            if (transport != null && config.Broker.Transport == BrokerTransport.WebSocket)
            {
                // MQTT over WebSockets (ws, or wss over the TLS transport): the socket transport wrapped
                WebSocketOptions ws = new WebSocketOptions(config.Broker.Host, config.Broker.Port, config.Broker.UseTls, config.Broker.WebSocketPath);
                transport = new WebSocketTransport(transport, ws, clock, new SystemRandomSource(MaskSeed(clock)));
            }
            if (transport == null)
            {
                Reboot(log);
            }

            DeviceHardware hardware = new DeviceHardware(clock, true, log);

            // seeded again now that SNTP may have set the clock
            HomeNodeRuntime runtime = new HomeNodeRuntime(config, new GuardedTransport(transport, log), clock, hardware, ReconnectJitterSeed(), log);
            runtime.Start();
            RunLoop(runtime, clock, log);
        }

        /// <summary>
        /// Joins the network, joining again after a pause when it does not come up (the helpers allow it, see
        /// <see cref="NetworkJoinRetry"/>) and rebooting after <see cref="NetworkJoinRetry.DefaultJoinsBeforeReboot"/>
        /// failed joins in a row.
        /// </summary>
        private static void JoinNetwork(HomeNodeConfig config, ILog log)
        {
            // With TLS, also wait for SNTP: certificate checks need the time before the first handshake. Plain MQTT on a
            // LAN without internet must not wait for a time server it cannot reach.
            bool needsTime = config.Broker.UseTls;
            NetworkJoinRetry retry = new NetworkJoinRetry(ReconnectJitterSeed(), NetworkJoinRetry.DefaultJoinsBeforeReboot);
            while (!(config.Wifi != null ? WifiConnector.Connect(config.Wifi, needsTime, log) : WifiConnector.ConnectWired(needsTime, log)))
            {
                int delay = retry.NextDelayMilliseconds();
                if (delay < 0)
                {
                    log.Write("network: ");
                    log.Write(retry.Failures);
                    log.WriteLine(" joins in a row failed");
                    Reboot(log);
                }

                log.Write("network: joining again in ");
                log.Write(delay / 1000);
                log.Write(" s (");
                log.Write(retry.JoinsLeft);
                log.WriteLine(" more tries before a reboot)");
                Thread.Sleep(delay);
            }
        }

        /// <summary>The firmware loop: polls, survives what a poll throws, and feeds the software watchdog.</summary>
        private static void RunLoop(HomeNodeRuntime runtime, DeviceClock clock, ILog log)
        {
            LoopGuard guard = new LoopGuard(log, LoopGuard.DefaultRebootAfterFailures);
            LoopWatchdog watchdog = new LoopWatchdog(LoopWatchdog.DefaultDeadlineMilliseconds, clock.ElapsedMilliseconds);
            loopWatchdog = new SoftwareWatchdog(watchdog, clock, log);
            while (true)
            {
                try
                {
                    runtime.Poll();
                    guard.Succeeded();
                }
                catch (Exception e)
                {
                    if (guard.Failed(e))
                    {
                        Reboot(log);
                    }

                    Thread.Sleep(FailedPollPauseMilliseconds);
                }

                watchdog.Feed(clock.ElapsedMilliseconds);
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

            // RebootDevice does not return on a board; never carry on as if it had
            Thread.Sleep(Timeout.Infinite);
        }

        /// <summary>
        /// Seed of the reconnect and rejoin jitter: boards that lose power together must not reconnect in step. The MAC
        /// address differs between boards whatever the clock says; the clock (100 ns ticks, which SNTP may not have set
        /// yet) differs between boots. nanoframework/System.Net NetworkInformation/NetworkInterface.cs: PhysicalAddress
        /// of GetAllNetworkInterfaces(); neither nanoFramework.Runtime.Native (SystemInfo) nor nanoFramework.Hardware.Esp32
        /// exposes a chip id. The nanoCLR build for a PC has no interfaces: the clock alone then.
        /// </summary>
        private static uint ReconnectJitterSeed()
        {
            byte[] mac = null;
            try
            {
                NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
                for (int i = 0; i < interfaces.Length && mac == null; i++)
                {
                    byte[] address = interfaces[i].PhysicalAddress;
                    if (address != null && address.Length != 0)
                    {
                        mac = address;
                    }
                }
            }
            catch (Exception)
            {
                // no network interface on this runtime: the clock alone
            }

            return JitterSeed.Mix(mac, 0, mac == null ? 0 : mac.Length, DateTime.UtcNow.Ticks);
        }

        /// <summary>
        /// Seed of the WebSocket keys and masks (RFC 6455 §5.3): the runtime's own time-seeded generator mixed with the
        /// wall clock (100 ns ticks, set by SNTP or the network) and the milliseconds since boot, which include how
        /// long the Wi-Fi join took; all differ between boards and boots.
        /// </summary>
        private static int MaskSeed(DeviceClock clock)
        {
            long ticks = DateTime.UtcNow.Ticks;
            return (int)ticks ^ (int)(ticks >> 32) ^ (int)(clock.ElapsedMilliseconds * 2654435761L) ^ new Random().Next();
        }

        private static IMqttTransport CreateTransport(BrokerSettings broker, IMonotonicClock clock, ILog log)
        {
            if (!broker.UseTls)
            {
                return new SocketTransport(broker.Host, broker.Port, clock, log);
            }

            try
            {
                return TlsTransport.FromPemFiles(broker.Host, broker.Port, broker.CaCertPath, broker.ClientCertPath, broker.ClientKeyPath, clock, log);
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
