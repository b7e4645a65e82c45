using HomeNode.App.Config;

namespace HomeNode.Tests.App
{
    /// <summary>
    /// GPIOs and I2C buses as the ESP32 has them: every pin key either works on the board or is refused with why, the
    /// I2C pins are set per bus ([i2c N] sda, scl; bus 1 defaults to GPIO 21/22) and claimed like any other pin.
    /// </summary>
    public static class ConfigPinTests
    {
        private static string M => ConfigText.Minimal;

        public static void Dht22WithoutEchoPinIsRefusedWithTheWiring()
        {
            ConfigError error = ConfigText.OnlyError(M + "[sensor d]\ntype = dht22\npin = 4\n", 6, "sensor d", "echo_pin", "missing; expected the GPIO wired to the same data line");
            Check.True(error.Message.IndexOf("RMT") > 0 && error.Message.IndexOf("Iot.Device.DHTxx.Esp32") > 0, error.Message);
        }

        public static void GpiosTheEsp32DoesNotHaveOrCannotGive()
        {
            ConfigText.OnlyError(M + "[light a]\npin = 20\n", 7, "light a", "pin", "GPIO 20 does not exist on the ESP32");
            ConfigText.OnlyError(M + "[light a]\npin = 40\n", 7, "light a", "pin", "GPIO 40 does not exist");
            ConfigText.OnlyError(M + "[light a]\npin = 6\n", 7, "light a", "pin", "SPI flash");
            ConfigText.OnlyError(M + "[light a]\npin = 1\n", 7, "light a", "pin", "serial port");
            ConfigText.OnlyError(M + "[light a]\npin = 34\n", 7, "light a", "pin", "input only");
            ConfigText.OnlyError(M + "[sensor d]\ntype = dht22\npin = 39\necho_pin = 4\n", 8, "sensor d", "pin", "input only");
            ConfigText.OnlyError(M + "[light a]\npin = x4\n", 7, "light a", "pin", "expected a GPIO number (0-19, 21-23, 25-27 or 32-39)");
        }

        public static void Gpio12WithAPullUpWarns()
        {
            ConfigParseResult result = ConfigText.Parse(M + "[sensor d]\ntype = dht22\npin = 12\necho_pin = 13\n[light a]\npin = 2\n");
            Check.Equal(0, result.Errors.Length, "still valid");
            Check.Equal(1, result.Warnings.Length, "warnings");
            Check.Equal("pin", result.Warnings[0].Field, "on the DHT22 pin");
            Check.True(result.Warnings[0].Message.IndexOf("strapping pin") >= 0, result.Warnings[0].Message);
        }

        public static void I2cSectionSetsTheBusPins()
        {
            HomeNodeConfig config = ConfigText.Valid(M + "[sensor p]\ntype = bme280\n[i2c 1]\nsda = 16\nscl = 17\n[light l]\npin = 21\n");
            Check.Equal(16, config.Sensors[0].SdaPin, "sda");
            Check.Equal(17, config.Sensors[0].SclPin, "scl");
        }

        public static void DefaultI2cPinsAreClaimed()
        {
            ConfigError error = ConfigText.OnlyError(M + "[sensor p]\ntype = bme280\n[light l]\npin = 22\n", 9, "light l", "pin", "GPIO 22 is already used by [sensor p] i2c_bus at line 6 (I2C1 SCL by default");
            Check.True(error.Message.IndexOf("[i2c 1] scl sets another") > 0, error.Message);
            ConfigText.OnlyError(M + "[light l]\npin = 21\n[sensor p]\ntype = sht3x\n", 8, "sensor p", "i2c_bus", "GPIO 21 (I2C1 SDA by default) is already used by [light l] pin");
        }

        public static void I2cPinsClashWithADht22()
        {
            // the buses are read first, so the sensor is told, wherever the sections are
            ConfigText.OnlyError(M + "[sensor d]\ntype = dht22\npin = 4\necho_pin = 5\n[i2c 1]\nsda = 5\nscl = 15\n", 9, "sensor d", "echo_pin", "GPIO 5 is already used by [i2c 1] sda at line 11");
        }

        public static void SecondBusNeedsItsPins()
        {
            ConfigText.OnlyError(M + "[sensor p]\ntype = sht3x\ni2c_bus = 2\n", 8, "sensor p", "i2c_bus", "add [i2c 2] with sda and scl");
            ConfigText.OnlyError(M + "[sensor p]\ntype = sht3x\ni2c_bus = 3\n", 8, "sensor p", "i2c_bus", "1 or 2");
        }

        public static void I2cSectionMistakes()
        {
            ConfigText.OnlyError(M + "[i2c 0]\nsda = 4\n", 6, "i2c 0", string.Empty, "expected [i2c 1] or [i2c 2]");
            ConfigText.Error(M + "[i2c 1]\nsda = 4\n", 6, "i2c 1", "scl", "missing");
            ConfigText.Error(M + "[i2c 1]\nsda = 4\nscl = 4\n", 8, "i2c 1", "scl", "must differ from sda");
            ConfigText.Error(M + "[i2c 1]\nsda = 36\nscl = 4\n", 7, "i2c 1", "sda", "input only");
            ConfigText.Error(M + "[i2c 1]\nsda = 4\nscl = 5\nspeed = 400\n", 9, "i2c 1", "speed", "[i2c N] takes sda, scl");
            ConfigText.Error(M + "[i2c 1]\nsda = 4\nscl = 5\n[i2c 1]\n", 9, "i2c 1", string.Empty, "section appears twice");
        }

        public static void UnusedI2cSectionWarns()
        {
            ConfigParseResult result = ConfigText.Parse(M + "[i2c 2]\nsda = 25\nscl = 26\n");
            Check.Equal(0, result.Errors.Length, "valid");
            Check.Equal(1, result.Warnings.Length, "one warning");
            Check.True(result.Warnings[0].Message.IndexOf("no sensor uses I2C bus 2") >= 0, result.Warnings[0].Message);
        }
    }
}
