using System;
using System.Device.Gpio;
using System.Net.NetworkInformation;
using HomeNode.App.Config;
using HomeNode.App.Diagnostics;
using HomeNode.App.Runtime;
using HomeNode.App.Sensors;
using HomeNode.Drivers;
using HomeNode.Mqtt;

namespace HomeNode.Device
{
    /// <summary>The board as the portable runtime sees it: opens sensors and lights from their settings and reports health.</summary>
    /// <remarks>
    /// Implements <see cref="IDeviceHardware"/>: Open* return null for a part that cannot be opened (the runtime then
    /// counts its reads as failed), after logging why. Sources read: nanoframework/System.Device.Gpio GpioController.cs;
    /// nanoframework/nanoFramework.Runtime.Native nanoFramework.Runtime.Native/GC.cs (GC.Run(bool compactHeap) returns
    /// the free managed heap in bytes); nanoframework/System.Net NetworkInformation/NetworkChange.cs
    /// (NetworkAvailabilityChanged raised from the native network event with IsAvailable; subscribing keeps
    /// <see cref="IsNetworkUp"/> free of per-call allocations, unlike NetworkInterface.GetAllNetworkInterfaces()).
    /// </remarks>
    public sealed class DeviceHardware : IDeviceHardware
    {
        /// <summary>What <see cref="WifiSignalDbm"/> answers: nanoFramework exposes RSSI only in scan results
        /// (System.Device.Wifi WifiAdapter.NetworkReport / WifiAvailableNetwork), not for the joined network.</summary>
        public const int UnknownSignalDbm = 0;

        private readonly GpioController gpio = new GpioController();
        private readonly IMonotonicClock clock;
        private readonly ILog log;
        // written from the network event thread, read from the firmware loop; no 'volatile' on nanoFramework
        // (mscorlib 1.17.11 has no IsVolatile modifier type), so a lock
        private readonly object networkGate = new object();
        private bool networkUp;

        /// <param name="clock">Shared with the MQTT client; the DHT22 adapter gates its reads on it.</param>
        /// <param name="networkUpNow">State when constructed (true after <see cref="WifiConnector.Connect"/> succeeded).</param>
        /// <param name="log">Told why a sensor or light cannot be opened.</param>
        public DeviceHardware(IMonotonicClock clock, bool networkUpNow, ILog log)
        {
            if (clock == null || log == null)
            {
                throw new ArgumentNullException(clock == null ? "clock" : "log");
            }

            this.clock = clock;
            this.log = log;
            this.networkUp = networkUpNow;
            NetworkChange.NetworkAvailabilityChanged += this.OnNetworkAvailabilityChanged;
        }

        public IEnvironmentSensor OpenSensor(SensorSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            try
            {
                // Every I2C type's portable driver comes from the sensor table; only GPIO-timed ones are the board's.
                SensorKind kind = SensorKindTable.Of(settings.Type);
                if (kind != null && kind.Bus == SensorBus.I2c)
                {
                    return SensorKindTable.OpenI2c(settings.Type, new I2cDeviceAdapter(settings.I2cBus, settings.Address, settings.SdaPin, settings.SclPin));
                }

                if (settings.Type == SensorType.Dht22)
                {
                    // RMT binding: echo (receive) and trigger (drive) pins; a single-pin DHT22 is not wired up.
                    if (settings.EchoPin == SensorSettings.NoPin)
                    {
                        this.log.Write("sensor ");
                        this.log.Write(settings.Name);
                        this.log.WriteLine(": DHT22 on ESP32 needs echo_pin (Iot.Device.DHTxx.Esp32)");
                        return null;
                    }

                    return new Dht22Esp32Sensor(settings.EchoPin, settings.Pin, this.clock);
                }

                // the number: Enum.ToString gives nothing better on the device
                this.log.Write("sensor ");
                this.log.Write(settings.Name);
                this.log.Write(": unsupported type ");
                this.log.Write((long)settings.Type);
                this.log.WriteLine(string.Empty);
                return null;
            }
            catch (Exception e)
            {
                // pin already in use, no free RMT channel, bus not available on this board
                this.log.Write("sensor ");
                this.log.Write(settings.Name);
                this.log.Write(": cannot open: ");
                ExceptionText.WriteLine(this.log, e);
                return null;
            }
        }

        public IOutputPin OpenLight(LightSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            try
            {
                // Open at the "off" level for the light's polarity; the runtime applies power_on afterwards.
                return new GpioOutputPin(this.gpio, settings.Pin, settings.ActiveLow);
            }
            catch (Exception e)
            {
                this.log.Write("light ");
                this.log.Write(settings.Name);
                this.log.Write(": cannot open pin ");
                this.log.Write(settings.Pin);
                this.log.Write(": ");
                ExceptionText.WriteLine(this.log, e);
                return null;
            }
        }

        public long FreeMemoryBytes()
        {
            // The only free-memory API on nanoFramework runs a collection (no compaction) and returns what is free; the
            // runtime asks once per diagnostics period (HomeNodeRuntime.PublishDiagnostics), so that cost is paid rarely.
            return nanoFramework.Runtime.Native.GC.Run(false);
        }

        public int WifiSignalDbm()
        {
            return UnknownSignalDbm;
        }

        public bool IsNetworkUp()
        {
            lock (this.networkGate)
            {
                return this.networkUp;
            }
        }

        private void OnNetworkAvailabilityChanged(object sender, NetworkAvailabilityEventArgs e)
        {
            lock (this.networkGate)
            {
                this.networkUp = e.IsAvailable;
            }
        }
    }
}
