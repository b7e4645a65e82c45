using HomeNode.App.Payloads;

namespace HomeNode.Tests.App
{
    public static class DecimalFormatterTests
    {
        private static void Expect(string expected, double value, int decimals)
        {
            byte[] buffer = new byte[40];
            int length = DecimalFormatter.Write(value, decimals, buffer, 3, 30);
            Ascii.Equal(expected, buffer, 3, length, value.ToString() + " with " + decimals.ToString() + " decimals");
        }

        private static void Rejects(double value, int decimals, string what)
        {
            byte[] buffer = new byte[40];
            Check.Equal(-1L, DecimalFormatter.Write(value, decimals, buffer, 0, buffer.Length), what);
        }

        public static void RoundsHalfAwayFromZeroAsWritten()
        {
            // 21.345 is stored as 21.344999999999998863...; written with two decimals it must read 21.35
            Expect("21.35", 21.345, 2);
            Expect("-21.35", -21.345, 2);
            Expect("2.68", 2.675, 2);
            Expect("1.01", 1.005, 2);
            Expect("-100.00", -99.995, 2);
            Expect("0.13", 0.125, 2);
            Expect("3", 2.5, 0);
            Expect("-3", -2.5, 0);
            Expect("1", 0.5, 0);
            Expect("-2", -1.5, 0);
            Expect("1013.3", 1013.25, 1);
            Expect("0.000001", 0.0000005, 6);
        }

        public static void RoundsDownBelowTheHalf()
        {
            Expect("21.34", 21.3449, 2);
            Expect("0.12", 0.124, 2);
            Expect("0", 0.49, 0);
            Expect("0.000000", 0.0000004, 6);
            Expect("21.3", 21.34999, 1);
        }

        public static void NegativeZeroAndNegativesRoundingToZeroHaveNoSign()
        {
            Expect("0.0", -0.04, 1);
            Expect("0.0", -0.0, 1);
            Expect("0", -0.0, 0);
            Expect("0.00", -0.001, 2);
            Expect("-0.1", -0.05, 1);
            Expect("-0.04", -0.04, 2);
        }

        public static void WritesEveryDecimalCount()
        {
            Expect("21", 21.345, 0);
            Expect("21.3", 21.345, 1);
            Expect("21.345", 21.345, 3);
            Expect("21.3450", 21.345, 4);
            Expect("21.34500", 21.345, 5);
            Expect("21.345000", 21.345, 6);
            Expect("0.0", 0.0, 1);
            Expect("0.05", 0.05, 2);
            Expect("100.00", 99.999, 2);
            Expect("1013.250000", 1013.25, 6);
        }

        public static void WritesLargeValues()
        {
            Expect("123456789.123", 123456789.123, 3);
            Expect("1000000000000000", 1e15, 0);
            Expect("8900000000000000000", 8.9e18, 0);
            Expect("-8900000000000000000", -8.9e18, 0);
            Expect("1000000000000.000000", 1e12, 6);
            Rejects(9e18, 0, "9e18 does not fit a long once scaled");
            Rejects(1e13, 6, "1e13 with 6 decimals scales to 1e19");
            Rejects(double.MaxValue, 0, "double.MaxValue");
        }

        public static void RejectsNaNInfinitiesAndBadDecimals()
        {
            Rejects(double.NaN, 1, "NaN");
            Rejects(double.PositiveInfinity, 1, "+infinity");
            Rejects(double.NegativeInfinity, 1, "-infinity");
            Rejects(1.0, 7, "7 decimals");
            Rejects(1.0, -1, "-1 decimals");
        }

        public static void RejectsTooSmallABufferAndBadRanges()
        {
            byte[] buffer = new byte[8];
            Check.Equal(-1L, DecimalFormatter.Write(21.345, 2, buffer, 0, 4), "4 bytes for 21.35");
            Check.Equal(5L, DecimalFormatter.Write(21.345, 2, buffer, 0, 5), "exactly 5 bytes for 21.35");
            Check.Equal(-1L, DecimalFormatter.Write(-21.345, 2, buffer, 3, 5), "5 bytes for -21.35");
            Check.Equal(-1L, DecimalFormatter.Write(1.0, 1, buffer, 6, 3), "range past the end");
            Check.Equal(-1L, DecimalFormatter.Write(1.0, 1, buffer, -1, 3), "negative offset");
            Check.Equal(-1L, DecimalFormatter.Write(1.0, 1, null, 0, 0), "null buffer");
            Check.Equal(-1L, DecimalFormatter.Write(0.0, 0, buffer, 0, 0), "0 bytes");
        }

        public static void WritesOnlyInsideItsRange()
        {
            byte[] buffer = new byte[10];
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = 0xEE;
            }

            int length = DecimalFormatter.Write(-7.25, 1, buffer, 2, 4);
            Check.Equal(4L, length, "length of -7.3");
            Check.Bytes(new byte[] { 0xEE, 0xEE, (byte)'-', (byte)'7', (byte)'.', (byte)'3', 0xEE, 0xEE, 0xEE, 0xEE }, buffer, "buffer around -7.3");
        }

        public static void MaxLengthCoversTheLongestText()
        {
            byte[] buffer = new byte[DecimalFormatter.MaxLength];
            Check.Equal(20L, DecimalFormatter.Write(-8.9e18, 0, buffer, 0, buffer.Length), "-8.9e18, 0 decimals");
            Check.Equal(21L, DecimalFormatter.Write(-8.9e12, 6, buffer, 0, buffer.Length), "-8.9e12, 6 decimals");
            Ascii.Equal("-8900000000000.000000", buffer, 0, 21, "-8.9e12 with 6 decimals");
        }

        public static void WritesIntegers()
        {
            byte[] buffer = new byte[DecimalFormatter.MaxIntegerLength];
            Ascii.Equal("0", buffer, 0, DecimalFormatter.WriteInteger(0, buffer, 0, buffer.Length), "0");
            Ascii.Equal("7", buffer, 0, DecimalFormatter.WriteInteger(7, buffer, 0, buffer.Length), "7");
            Ascii.Equal("-1", buffer, 0, DecimalFormatter.WriteInteger(-1, buffer, 0, buffer.Length), "-1");
            Ascii.Equal("1000", buffer, 0, DecimalFormatter.WriteInteger(1000, buffer, 0, buffer.Length), "1000");
            Ascii.Equal("9223372036854775807", buffer, 0, DecimalFormatter.WriteInteger(long.MaxValue, buffer, 0, buffer.Length), "long.MaxValue");
            Ascii.Equal("-9223372036854775808", buffer, 0, DecimalFormatter.WriteInteger(long.MinValue, buffer, 0, buffer.Length), "long.MinValue");
            Check.Equal(-1L, DecimalFormatter.WriteInteger(long.MinValue, buffer, 0, 19), "long.MinValue in 19 bytes");
            Check.Equal(-1L, DecimalFormatter.WriteInteger(-10, buffer, 1, 2), "-10 in 2 bytes");
            Check.Equal(3L, DecimalFormatter.WriteInteger(-10, buffer, 1, 3), "-10 in 3 bytes");
        }
    }
}
