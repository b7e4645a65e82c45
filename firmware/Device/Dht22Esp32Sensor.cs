using System;
using HomeNode.Drivers;
using HomeNode.Drivers.Dht22;
using HomeNode.Mqtt;
using Iot.Device.DHTxx.Esp32;
using UnitsNet;

namespace HomeNode.Device
{
    /// <summary>A DHT22 / AM2302 on ESP32, read with the RMT-based binding Iot.Device.DHTxx.Esp32.</summary>
    /// <remarks>
    /// Read from nanoframework/nanoFramework.IoT.Device devices/Dhtxx.Esp32/DhtBase.cs and Devices/Dht22.cs:
    /// <list type="bullet">
    /// <item>The Temperature getter triggers a read (ReadData); the Humidity getter read within 1 s returns the same
    /// buffer without a second pulse train, so one Read here is one bus transaction.</item>
    /// <item>ReadData silently returns the previous buffer when called within 1 s of the last measurement, and keeps
    /// IsLastReadSuccessful from that read; so this adapter gates reads itself (at most one per
    /// <see cref="Dht22Limits.MinimumReadIntervalMilliseconds"/>, AM2302 datasheet: collecting period 2 s) on the
    /// monotonic clock and answers <see cref="SensorReadStatus.TooSoon"/> instead of republishing a stale value.</item>
    /// <item>IsLastReadSuccessful is false both for a missing pulse train and for a parity mismatch; the binding does not
    /// tell them apart, so both map to <see cref="SensorReadStatus.NoResponse"/>.</item>
    /// <item>The binding's own 1 s gate compares DateTime.UtcNow values, so a backward SNTP step makes it return the
    /// stale buffer until the wall clock passes the old time again; SNTP sets the clock before the first read
    /// (Program), which keeps that window to corrections of a fraction of a second.</item>
    /// </list>
    /// </remarks>
    public sealed class Dht22Esp32Sensor : IEnvironmentSensor, IDisposable
    {
        private readonly Dht22 sensor;
        private readonly IMonotonicClock clock;
        private bool hasRead;
        private long lastReadAt;

        /// <param name="echoPin">GPIO sampled by the RMT receiver (binding's pinEcho).</param>
        /// <param name="triggerPin">GPIO that drives the data line (binding's pinTrigger), wired to the same line.</param>
        /// <param name="clock">Monotonic milliseconds for the 2 s gate.</param>
        public Dht22Esp32Sensor(int echoPin, int triggerPin, IMonotonicClock clock)
        {
            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            this.clock = clock;

            // DhtBase(pinEcho, pinTrigger, ...) opens its own GpioController and RMT channel and sleeps 1 s for the sensor to settle.
            this.sensor = new Dht22(echoPin, triggerPin);
        }

        public SensorReadStatus Read(EnvironmentReading reading)
        {
            if (reading == null)
            {
                throw new ArgumentNullException("reading");
            }

            reading.Clear();
            long now = this.clock.ElapsedMilliseconds;
            if (this.hasRead && now - this.lastReadAt < Dht22Limits.MinimumReadIntervalMilliseconds)
            {
                return SensorReadStatus.TooSoon;
            }

            this.hasRead = true;
            this.lastReadAt = now;

            Temperature temperature;
            RelativeHumidity humidity;
            try
            {
                temperature = this.sensor.Temperature;
                if (!this.sensor.IsLastReadSuccessful)
                {
                    return SensorReadStatus.NoResponse;
                }

                humidity = this.sensor.Humidity;
                if (!this.sensor.IsLastReadSuccessful)
                {
                    return SensorReadStatus.NoResponse;
                }
            }
            catch (Exception)
            {
                // an RMT or GPIO error in the binding: no reading, as IEnvironmentSensor promises, not an exception
                return SensorReadStatus.NoResponse;
            }

            return Dht22Limits.Fill(temperature.DegreesCelsius, humidity.Percent, reading);
        }

        public void Dispose()
        {
            this.sensor.Dispose();
        }
    }
}
