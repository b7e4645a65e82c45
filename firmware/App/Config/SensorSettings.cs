namespace HomeNode.App.Config
{
    /// <summary>One <c>[sensor NAME]</c> section. Fields hold the defaults until parsed.</summary>
    public sealed class SensorSettings
    {
        public const int DefaultI2cBus = 1;

        // BME280 datasheet §6.2: SDO to GND gives 0x76, SDO to VDDIO gives 0x77
        public const int Bme280PrimaryAddress = 0x76;
        public const int Bme280SecondaryAddress = 0x77;

        // SHT3x-DIS datasheet Table 7 (I2C device addresses): ADDR pin low gives 0x44, high gives 0x45
        public const int Sht3xPrimaryAddress = 0x44;
        public const int Sht3xSecondaryAddress = 0x45;

        public const int DefaultPeriodSeconds = 30;

        // DHT22 (AM2302) datasheet, technical specification: collecting period 2 s; it must not be read more often
        public const int Dht22MinPeriodSeconds = 2;

        public const int DefaultDecimals = 1;

        /// <summary>Value of a pin field that does not apply (the GPIO fields of an I2C sensor, the bus pins of a DHT22).</summary>
        public const int NoPin = -1;

        // Where ESP32 boards (DevKitC and most others) print SDA and SCL, and what Arduino and ESPHome use for the first
        // bus. nanoFramework's own default for I2C1 is GPIO 18/19 (nf-interpreter
        // targets/ESP32/_common/ESP32_DeviceMapping.cpp); the glue sets the pins explicitly, so that default never applies.
        public const int DefaultSdaPin = 21;
        public const int DefaultSclPin = 22;

        /// <summary>The section's name: unique among sensors and lights, used in the default topic and in discovery ids.</summary>
        public string Name;

        public SensorType Type;

        /// <summary>DHT22: the GPIO that drives the data line (Iot.Device.DHTxx.Esp32 <c>pinTrigger</c>); <see cref="NoPin"/> for I2C sensors.</summary>
        public int Pin = NoPin;

        /// <summary>
        /// DHT22: the GPIO whose RMT receiver samples the data line (Iot.Device.DHTxx.Esp32 <c>pinEcho</c>), wired to the
        /// same line as <see cref="Pin"/>. Required: the parser refuses a dht22 without it.
        /// </summary>
        public int EchoPin = NoPin;

        /// <summary>I2C sensors: bus number (I2C1 = 1, I2C2 = 2: the ESP32 has two I2C controllers).</summary>
        public int I2cBus = DefaultI2cBus;

        /// <summary>I2C sensors: the bus's data GPIO (<c>[i2c N] sda</c>, <see cref="DefaultSdaPin"/> on bus 1 without that section); <see cref="NoPin"/> for DHT22.</summary>
        public int SdaPin = NoPin;

        /// <summary>I2C sensors: the bus's clock GPIO (<c>[i2c N] scl</c>, <see cref="DefaultSclPin"/> on bus 1 without that section); <see cref="NoPin"/> for DHT22.</summary>
        public int SclPin = NoPin;

        /// <summary>I2C sensors: 7-bit address; defaults to the type's primary address. 0 for DHT22.</summary>
        public int Address;

        /// <summary>Topic the readings are published under; defaults to base topic + "/" + name.</summary>
        public string Topic;

        public int PeriodSeconds = DefaultPeriodSeconds;

        /// <summary>Readings averaged into one published value; 1 = no averaging.</summary>
        public int Average = 1;

        /// <summary>Publish only when a value moved by at least this much (in its own unit: °C, %RH, hPa); 0 = publish every reading.</summary>
        public double MinChange;

        /// <summary>With <see cref="MinChange"/>: publish anyway when nothing was published for this long; 0 = off.</summary>
        public int HeartbeatSeconds;

        /// <summary>Digits after the decimal point in published values.</summary>
        public int Decimals = DefaultDecimals;
    }
}
