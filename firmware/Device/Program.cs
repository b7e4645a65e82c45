using System;
using System.Diagnostics;
using System.Threading;
using HomeNode.App.Config;
using HomeNode.App.Runtime;
using HomeNode.Mqtt;

namespace HomeNode.Device
{
    /// <summary>Start-up on the board: configuration, network and time, adapters, then the firmware loop.</summary>
    /// <remarks>
    /// The firmware logic is the portable <see cref="HomeNodeRuntime"/> (Start, then Poll from this one thread); this
    /// file only builds its parts from the configuration.
    /// </remarks>
    public static class Program
    {
        /// <summary>Pause of the firmware loop between two polls; the runtime's timers are in milliseconds on the monotonic clock.</summary>
        private const int PollIntervalMilliseconds = 10;

        /// <summary>Wait before rebooting after a start-up failure, so a bad config does not reboot-loop the flash log.</summary>
        private const int RetryDelayMilliseconds = 30000;

        public static void Main()
        {
            ConfigParseResult parsed = ConfigFile.Load(ConfigFile.DefaultPath);
            if (parsed == null || !parsed.Succeeded)
            {
                ReportConfigProblem(parsed);
                Thread.Sleep(Timeout.Infinite);
            }

            HomeNodeConfig config = parsed.Config;

            // The clock starts before SNTP sets the time, so the step is seen and absorbed.
            DeviceClock clock = new DeviceClock();
            long bootMilliseconds = clock.ElapsedMilliseconds;
            Debug.WriteLine("homenode: starting at " + bootMilliseconds.ToString() + " ms");

            // With TLS, also wait for SNTP: certificate checks need the time before the first handshake. Plain MQTT on a
            // LAN without internet must not wait for a time server it cannot reach.
            bool needsTime = config.Broker.UseTls;
            bool networkUp = config.Wifi != null ? WifiConnector.Connect(config.Wifi, needsTime) : WifiConnector.ConnectWired(needsTime);
            if (!networkUp)
            {
                // WifiNetworkHelper may be called only once per boot, so a retry is a reboot
                // (nanoFramework.Runtime.Native/Power.cs RebootDevice).
                Thread.Sleep(RetryDelayMilliseconds);
                nanoFramework.Runtime.Native.Power.RebootDevice();
            }

            IMqttTransport transport = CreateTransport(config.Broker);
            if (transport == null)
            {
                Thread.Sleep(RetryDelayMilliseconds);
                nanoFramework.Runtime.Native.Power.RebootDevice();
            }

            DeviceHardware hardware = new DeviceHardware(clock, networkUp);

            HomeNodeRuntime runtime = new HomeNodeRuntime(config, transport, clock, hardware, ReconnectJitterSeed());
            runtime.Start();
            while (true)
            {
                runtime.Poll();
                Thread.Sleep(PollIntervalMilliseconds);
            }
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

        private static IMqttTransport CreateTransport(BrokerSettings broker)
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
                Debug.WriteLine("tls: cannot load the certificates (" + broker.CaCertPath + ", " + broker.ClientCertPath + ", " + broker.ClientKeyPath + "): " + e.Message);
                return null;
            }
        }

        private static void ReportConfigProblem(ConfigParseResult parsed)
        {
            if (parsed == null)
            {
                Debug.WriteLine(ConfigFile.DefaultPath + ": not found; deploy it with flash.ps1 -ConfigFile");
                return;
            }

            for (int i = 0; i < parsed.Errors.Length; i++)
            {
                // same shape as tools/ConfigCheck: FILE:LINE: [section] field: message
                Debug.WriteLine(ConfigFile.DefaultPath + ":" + parsed.Errors[i].Line.ToString() + ": " + parsed.Errors[i].Describe());
            }
        }
    }
}
