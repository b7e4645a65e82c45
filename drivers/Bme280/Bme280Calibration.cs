namespace HomeNode.Drivers.Bme280
{
    /// <summary>
    /// The trimming parameters of one BME280 (datasheet §4.2.2, table 16) and the integer compensation
    /// formulas that apply them (datasheet §4.2.3, code revision 1.1).
    /// </summary>
    /// <remarks>
    /// The formulas are written with the datasheet's integer widths: 32-bit for temperature and humidity,
    /// 64-bit for pressure. C# int arithmetic is unchecked and >> on int/long is arithmetic, as the
    /// reference code assumes of its C compiler.
    /// </remarks>
    public sealed class Bme280Calibration
    {
        /// <summary>Bytes in the block 0x88..0xA1 (calib00..calib25).</summary>
        public const int TemperaturePressureBlockLength = 26;

        /// <summary>Bytes in the block 0xE1..0xE7 (calib26..calib32).</summary>
        public const int HumidityBlockLength = 7;

        public int DigT1;
        public int DigT2;
        public int DigT3;

        public int DigP1;
        public int DigP2;
        public int DigP3;
        public int DigP4;
        public int DigP5;
        public int DigP6;
        public int DigP7;
        public int DigP8;
        public int DigP9;

        public int DigH1;
        public int DigH2;
        public int DigH3;
        public int DigH4;
        public int DigH5;
        public int DigH6;

        /// <summary>
        /// Decodes the two NVM blocks: <paramref name="temperaturePressure"/> holds 0x88..0xA1 (26 bytes) and
        /// <paramref name="humidity"/> holds 0xE1..0xE7 (7 bytes).
        /// </summary>
        public void Load(byte[] temperaturePressure, int temperaturePressureOffset, byte[] humidity, int humidityOffset)
        {
            byte[] a = temperaturePressure;
            int o = temperaturePressureOffset;

            // BME280 datasheet §4.2.2 table 16: little-endian words; T1 and P1 unsigned, the rest signed.
            this.DigT1 = UnsignedWord(a, o);
            this.DigT2 = SignedWord(a, o + 2);
            this.DigT3 = SignedWord(a, o + 4);
            this.DigP1 = UnsignedWord(a, o + 6);
            this.DigP2 = SignedWord(a, o + 8);
            this.DigP3 = SignedWord(a, o + 10);
            this.DigP4 = SignedWord(a, o + 12);
            this.DigP5 = SignedWord(a, o + 14);
            this.DigP6 = SignedWord(a, o + 16);
            this.DigP7 = SignedWord(a, o + 18);
            this.DigP8 = SignedWord(a, o + 20);
            this.DigP9 = SignedWord(a, o + 22);

            // 0xA0 is reserved; dig_H1 is the unsigned byte at 0xA1.
            this.DigH1 = a[o + 25];

            byte[] h = humidity;
            int p = humidityOffset;
            this.DigH2 = SignedWord(h, p);
            this.DigH3 = h[p + 2];

            // dig_H4 = 0xE4[7:0] as bits 11:4, 0xE5[3:0] as bits 3:0; dig_H5 = 0xE6[7:0] as bits 11:4,
            // 0xE5[7:4] as bits 3:0. Both are signed 12-bit: sign-extend through the high byte.
            this.DigH4 = (((sbyte)h[p + 3]) << 4) | (h[p + 4] & 0x0F);
            this.DigH5 = (((sbyte)h[p + 5]) << 4) | (h[p + 4] >> 4);
            this.DigH6 = (sbyte)h[p + 6];
        }

        /// <summary>
        /// Temperature in 0.01 °C (5123 = 51.23 °C) from the 20-bit adc_T; <paramref name="fineTemperature"/> is
        /// t_fine, which the pressure and humidity formulas need.
        /// </summary>
        public int CompensateTemperature(int adcT, out int fineTemperature)
        {
            // BME280 datasheet §4.2.3, BME280_compensate_T_int32
            int var1 = (((adcT >> 3) - (this.DigT1 << 1)) * this.DigT2) >> 11;
            int delta = (adcT >> 4) - this.DigT1;
            int var2 = (((delta * delta) >> 12) * this.DigT3) >> 14;
            fineTemperature = var1 + var2;
            return ((fineTemperature * 5) + 128) >> 8;
        }

        /// <summary>Pressure in Pa as Q24.8 (24674867 = 24674867/256 Pa = 963.862 hPa); 0 if the trimming makes it undefined.</summary>
        public long CompensatePressure(int adcP, int fineTemperature)
        {
            // BME280 datasheet §4.2.3, BME280_compensate_P_int64
            long var1 = (long)fineTemperature - 128000;
            long var2 = var1 * var1 * this.DigP6;
            var2 = var2 + ((var1 * this.DigP5) << 17);
            var2 = var2 + (((long)this.DigP4) << 35);
            var1 = ((var1 * var1 * this.DigP3) >> 8) + ((var1 * this.DigP2) << 12);
            var1 = ((((long)1) << 47) + var1) * this.DigP1 >> 33;
            if (var1 == 0)
            {
                return 0;
            }

            long p = 1048576 - adcP;
            p = (((p << 31) - var2) * 3125) / var1;
            var1 = (this.DigP9 * (p >> 13) * (p >> 13)) >> 25;
            var2 = (this.DigP8 * p) >> 19;
            p = ((p + var1 + var2) >> 8) + (((long)this.DigP7) << 4);
            return p;
        }

        /// <summary>Relative humidity in %RH as Q22.10 (47445 = 47445/1024 = 46.333 %RH), clamped to 0..100 %RH by the formula.</summary>
        public int CompensateHumidity(int adcH, int fineTemperature)
        {
            // BME280 datasheet §4.2.3, BME280_compensate_H_int32
            int x = fineTemperature - 76800;
            int scaled = (((adcH << 14) - (this.DigH4 << 20) - (this.DigH5 * x)) + 16384) >> 15;
            int factor = ((((((x * this.DigH6) >> 10) * (((x * this.DigH3) >> 11) + 32768)) >> 10) + 2097152) * this.DigH2 + 8192) >> 14;
            x = scaled * factor;
            x = x - (((((x >> 15) * (x >> 15)) >> 7) * this.DigH1) >> 4);
            if (x < 0)
            {
                x = 0;
            }

            // 419430400 = 100 %RH in Q22.10 shifted left by 12
            if (x > 419430400)
            {
                x = 419430400;
            }

            return x >> 12;
        }

        private static int UnsignedWord(byte[] buffer, int offset)
        {
            return buffer[offset] | (buffer[offset + 1] << 8);
        }

        private static int SignedWord(byte[] buffer, int offset)
        {
            return (short)(buffer[offset] | (buffer[offset + 1] << 8));
        }
    }
}
