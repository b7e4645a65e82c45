namespace HomeNode.App.Config
{
    /// <summary>
    /// Which GPIO numbers a configuration may use on the board the firmware supports: the ESP32 (the original chip,
    /// as on ESP32-WROOM-32 and ESP32-WROVER modules and the DevKitC boards built on them).
    /// </summary>
    /// <remarks>
    /// ESP32 datasheet, Pin Description: 34 GPIOs, numbered 0-19, 21-23, 25-27 and 32-39; GPIO34-39 are inputs
    /// only (no output driver, no pull-up or pull-down); GPIO6-11 are the module's SPI flash lines and "not
    /// recommended for other uses" (using one stops the board). GPIO1 and GPIO3 are UART0 TX/RX, the serial link
    /// nanoFramework deploys and reports over (nf-interpreter targets/ESP32/_common/ESP32_DeviceMapping.cpp: COM1 on
    /// pins 1 and 3). GPIO12 (MTDI) is a strapping pin: high at reset selects 1.8 V flash (datasheet, Strapping Pins), and most
    /// modules then do not boot.
    /// </remarks>
    internal static class Esp32Gpio
    {
        public const int Highest = 39;

        /// <summary>How a configuration error lists the GPIOs that exist.</summary>
        public const string Numbers = "0-19, 21-23, 25-27 or 32-39";

        /// <summary>The strapping pin a pull-up (a DHT22 data line, an I2C line) keeps high at reset.</summary>
        public const int FlashVoltageStrap = 12;

        /// <summary>
        /// Null when <paramref name="gpio"/> can be used (as an output when <paramref name="output"/>), else why not,
        /// phrased to follow "GPIO N ".
        /// </summary>
        public static string Problem(int gpio, bool output)
        {
            if (gpio < 0 || gpio > Highest || gpio == 20 || gpio == 24 || (gpio >= 28 && gpio <= 31))
            {
                return "does not exist on the ESP32 (it has GPIO " + Numbers + ")";
            }

            if (gpio >= 6 && gpio <= 11)
            {
                return "is wired to the module's SPI flash (GPIO 6 to 11); using it stops the board";
            }

            if (gpio == 1 || gpio == 3)
            {
                return "is the serial port (UART0 TX/RX on GPIO 1 and 3) nanoFramework deploys and reports over";
            }

            if (output && gpio >= 34)
            {
                return "is input only on the ESP32 (GPIO 34 to 39 have no output driver)";
            }

            return null;
        }
    }
}
