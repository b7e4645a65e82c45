using System.Collections;

namespace HomeNode.App.Config
{
    /// <summary>
    /// The pins of the board's I2C buses: <c>[i2c 1]</c> and <c>[i2c 2]</c> sections (<c>sda</c>, <c>scl</c>), as
    /// ESPHome's <c>i2c:</c> block and Tasmota's "I2C SDA"/"I2C SCL" GPIO settings name them. Bus 1 without a section
    /// uses GPIO 21 (SDA) and 22 (SCL), what ESP32 DevKit boards print next to those pins; bus 2 has no default.
    /// Each sensor on a bus gets the bus's pins, and the GPIOs are claimed once, so a light or DHT22 on one is refused.
    /// </summary>
    internal sealed class I2cBusTable
    {
        /// <summary>nanoFramework on ESP32 has I2C1 and I2C2 (DeviceFunction I2C1_DATA ... I2C2_CLOCK in nanoFramework.Hardware.Esp32).</summary>
        public const int Buses = 2;

        public const string Keys = "sda, scl";

        private readonly int[] sda = new int[Buses + 1];
        private readonly int[] scl = new int[Buses + 1];
        private readonly ConfigSection[] sections = new ConfigSection[Buses + 1];

        // kept apart from sections: on nanoCLR a never-assigned element of a new reference array is not equal to null in
        // a value comparison (README, Testing on the device runtime)
        private readonly bool[] declared = new bool[Buses + 1];
        private readonly bool[] used = new bool[Buses + 1];
        private readonly bool[] defaultClaimed = new bool[Buses + 1];

        /// <summary>Reads one <c>[i2c N]</c> section (N already checked to be 1 or 2) and claims its GPIOs.</summary>
        public void Read(ConfigSection section, ConfigDiagnostics diagnostics, ArrayList claims)
        {
            ConfigSectionReader reader = new ConfigSectionReader(section, diagnostics);
            int bus = section.Name == "1" ? 1 : 2;
            string label = section.Label;
            int data = reader.Gpio("sda", "the GPIO of the bus's data line (SDA)", true, true);
            int clock = reader.Gpio("scl", "the GPIO of the bus's clock line (SCL)", true, true);
            if (data != SensorSettings.NoPin)
            {
                claims.Add(new ResourceClaim("gpio " + data.ToString(), "GPIO " + data.ToString(), reader.LineOf("sda"), label, "sda"));
            }

            if (clock != SensorSettings.NoPin)
            {
                if (clock == data)
                {
                    reader.Fail(section.Find("scl"), "must differ from sda: SDA and SCL are two lines");
                    clock = SensorSettings.NoPin;
                }
                else
                {
                    claims.Add(new ResourceClaim("gpio " + clock.ToString(), "GPIO " + clock.ToString(), reader.LineOf("scl"), label, "scl"));
                }
            }

            this.sections[bus] = section;
            this.declared[bus] = true;
            this.sda[bus] = data;
            this.scl[bus] = clock;
            reader.RejectUnused(Keys);
        }

        /// <summary>
        /// Gives <paramref name="sensor"/> the pins of its bus; on bus 1 without a section, the defaults, claimed with the
        /// first sensor that uses them. A bus 2 without a section is an error on <c>i2c_bus</c>.
        /// </summary>
        public void Assign(SensorSettings sensor, ConfigSectionReader reader, ArrayList claims)
        {
            int bus = sensor.I2cBus;
            if (bus < 1 || bus > Buses)
            {
                return;
            }

            this.used[bus] = true;
            if (this.declared[bus])
            {
                sensor.SdaPin = this.sda[bus];
                sensor.SclPin = this.scl[bus];
                return;
            }

            if (bus != SensorSettings.DefaultI2cBus)
            {
                reader.Fail(reader.Section.Find("i2c_bus"), "I2C bus " + bus.ToString() + " has no pins: add [i2c " + bus.ToString() + "] with sda and scl (only bus 1 has default pins, GPIO 21 and 22)");
                return;
            }

            sensor.SdaPin = SensorSettings.DefaultSdaPin;
            sensor.SclPin = SensorSettings.DefaultSclPin;
            if (!this.defaultClaimed[bus])
            {
                this.defaultClaimed[bus] = true;
                int line = reader.LineOf("i2c_bus");
                string label = reader.Section.Label;
                claims.Add(new ResourceClaim("gpio " + SensorSettings.DefaultSdaPin.ToString(), "GPIO 21 (I2C1 SDA by default)", "I2C1 SDA by default; [i2c 1] sda sets another", line, label, "i2c_bus"));
                claims.Add(new ResourceClaim("gpio " + SensorSettings.DefaultSclPin.ToString(), "GPIO 22 (I2C1 SCL by default)", "I2C1 SCL by default; [i2c 1] scl sets another", line, label, "i2c_bus"));
            }
        }

        /// <summary>Warns about an <c>[i2c N]</c> section no sensor uses (its pins stay claimed).</summary>
        public void WarnUnused(ConfigDiagnostics diagnostics)
        {
            for (int bus = 1; bus <= Buses; bus++)
            {
                if (this.declared[bus] && !this.used[bus])
                {
                    ConfigSection section = this.sections[bus];
                    diagnostics.Warning(section.Line, section.Label, string.Empty, "no sensor uses I2C bus " + bus.ToString() + " (i2c_bus = " + bus.ToString() + ")");
                }
            }
        }
    }
}
