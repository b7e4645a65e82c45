namespace HomeNode.Drivers.Sht3x
{
    /// <summary>
    /// The CRC-8 that protects every 16-bit word the SHT3x sends (SHT3x-DIS datasheet §4.12, table 20):
    /// polynomial 0x31 (x^8 + x^5 + x^4 + 1), initial value 0xFF, no reflection, no final XOR.
    /// CRC(0xBE, 0xEF) = 0x92.
    /// </summary>
    public static class Sht3xCrc
    {
        private const int Polynomial = 0x31;
        private const int Initial = 0xFF;

        public static byte Compute(byte[] buffer, int offset, int count)
        {
            // Bitwise rather than a 256-byte table: two words per reading, flash matters more than cycles.
            int crc = Initial;
            for (int i = 0; i < count; i++)
            {
                crc ^= buffer[offset + i];
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 0x80) != 0 ? ((crc << 1) ^ Polynomial) & 0xFF : (crc << 1) & 0xFF;
                }
            }

            return (byte)crc;
        }
    }
}
