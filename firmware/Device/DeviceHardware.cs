using System;
using System.Device.Gpio;
using System.Net.NetworkInformation;
using HomeNode.App;
using HomeNode.App.Config;
using HomeNode.Drivers;
using HomeNode.Drivers.Bme280;
using HomeNode.Drivers.Sht3x;
using HomeNode.Mqtt;

namespace HomeNode.Device
{
    /// <summary>The board as the portable runtime sees it: opens sensors and lights from their settings and reports health.</summary>
    /// <remarks>
    /// Implements the planned portable interface <c>HomeNode.App.IDeviceHardware</c> (added by the lead with
    /// <c>HomeNodeRuntime</c>). Sources read: nanoframework/System.Device.Gpio GpioController.cs;
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
        private volatile bool networkUp;

        /// <param name="clock">Shared with the MQTT client; the DHT22 adapter gates its reads on it.</param>
        /// <param name="networkUpNow">State when constructed (true after <see cref="WifiConnector.Connect"/> succeeded).</param>
        public DeviceHardware(IMonotonicClock clock, bool networkUpNow)
        {
            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            this.clock = clock;
            this.networkUp = networkUpNow;
            NetworkChange.NetworkAvailabilityChanged += this.OnNetworkAvailabilityChanged;
        }

        public IEnvironmentSensor OpenSensor(SensorSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            switch (settings.Type)
            {
                case SensorType.Dht22:
                    // RMT binding: echo (receive) and trigger (drive) pins; single-pin DHT on other boards is not wired up yet.
                    if (settings.EchoPin == SensorSettings.NoPin)
                    {
                        throw new NotSupportedException("DHT22 needs echo_pin on ESP32 (Iot.Device.DHTxx.Esp32)");
                    }

                    return new Dht22Esp32Sensor(settings.EchoPin, settings.Pin, this.clock);

                case SensorType.Bme280:
                    return new Bme280Sensor(new I2cDeviceAdapter(settings.I2cBus, settings.Address));

                case SensorType.Sht3x:
                    return new Sht3xSensor(new I2cDeviceAdapter(settings.I2cBus, settings.Address));

                default:
                    throw new NotSupportedException("sensor type " + settings.Type.ToString());
            }
        }

        public IOutputPin OpenLight(LightSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            // Open at the "off" level for the light's polarity; the runtime applies power_on afterwards.
            return new GpioOutputPin(this.gpio, settings.Pin, settings.ActiveLow);
        }

        public long FreeMemoryBytes()
        {
            // Runs a collection (without compaction) to report what is really free; call it rarely (diagnostics period).
            return nanoFramework.Runtime.Native.GC.Run(false);
        }

        public int WifiSignalDbm()
        {
            return UnknownSignalDbm;
        }

        public bool IsNetworkUp()
        {
            return this.networkUp;
        }

        private void OnNetworkAvailabilityChanged(object sender, NetworkAvailabilityEventArgs e)
        {
            this.networkUp = e.IsAvailable;
        }
    }
}
