using HomeNode.Mqtt;

namespace HomeNode.App.Payloads
{
    /// <summary>
    /// Writes numbers as ASCII into caller buffers: the readings' payloads ("21.35") and diagnostics counters.
    /// Nothing is allocated; every method returns the length written, or -1 when the arguments are out of
    /// range or the text does not fit (nothing useful is left in the buffer then).
    /// </summary>
    public static class DecimalFormatter
    {
        public const int MaxDecimals = 6;

        /// <summary>Longest text <see cref="Write"/> can produce: sign and 20 digits and point (scaled magnitude below 9e18).</summary>
        public const int MaxLength = 21;

        /// <summary>Longest text <see cref="WriteInteger"/> can produce: "-9223372036854775808".</summary>
        public const int MaxIntegerLength = 20;

        // The scaled magnitude must fit a long; 9e18 stays below long.MaxValue (9.22e18) with room for the carry.
        private const double MaxScaled = 9.0e18;

        // A reading such as 21.345 is stored as 21.34499999999999886; a person reading the number expects
        // the half to round up. A scaled value within four units in the last place (2^-50 relative) of a
        // half counts as the half. The tolerance is capped so it never reaches a fraction the double can
        // tell apart from the half at that magnitude.
        private const double HalfToleranceRelative = 8.8817841970012523e-16;
        private const double HalfToleranceCap = 9.5367431640625e-07;

        /// <summary>
        /// Writes <paramref name="value"/> with exactly <paramref name="decimals"/> (0..6) digits after the point,
        /// rounding half away from zero. -0.0 and negatives that round to zero print without a sign. Returns the
        /// length, or -1 for NaN, infinities, |value| * 10^decimals of 9e18 or more, decimals out of range, or
        /// too small a buffer.
        /// </summary>
        [SteadyState]
        public static int Write(double value, int decimals, byte[] buffer, int offset, int count)
        {
            if (double.IsNaN(value) || decimals < 0 || decimals > MaxDecimals || buffer == null || offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                return -1;
            }

            bool negative = value < 0;
            double magnitude = negative ? -value : value;
            long scale = 1;
            for (int i = 0; i < decimals; i++)
            {
                scale *= 10;
            }

            double scaled = magnitude * scale;

            // also rejects +/-infinity
            if (!(scaled < MaxScaled))
            {
                return -1;
            }

            long whole = (long)scaled;
            double fraction = scaled - whole;
            double tolerance = scaled * HalfToleranceRelative;
            if (tolerance > HalfToleranceCap)
            {
                tolerance = HalfToleranceCap;
            }

            if (fraction >= 0.5 - tolerance)
            {
                whole++;
            }

            long integerPart = whole / scale;
            long fractionPart = whole % scale;
            bool writeSign = negative && whole != 0;

            int length = CountDigits((ulong)integerPart) + (writeSign ? 1 : 0) + (decimals > 0 ? decimals + 1 : 0);
            if (length > count)
            {
                return -1;
            }

            int position = offset + length;
            for (int i = 0; i < decimals; i++)
            {
                buffer[--position] = (byte)('0' + (int)(fractionPart % 10));
                fractionPart /= 10;
            }

            if (decimals > 0)
            {
                buffer[--position] = (byte)'.';
            }

            WriteDigitsBackwards((ulong)integerPart, buffer, position);
            if (writeSign)
            {
                buffer[offset] = (byte)'-';
            }

            return length;
        }

        /// <summary>Writes <paramref name="value"/> in decimal (a leading '-' if negative). Returns the length or -1.</summary>
        [SteadyState]
        public static int WriteInteger(long value, byte[] buffer, int offset, int count)
        {
            if (buffer == null || offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                return -1;
            }

            bool negative = value < 0;

            // long.MinValue has no positive counterpart; go through ulong
            ulong magnitude = negative ? (ulong)(-(value + 1)) + 1UL : (ulong)value;
            int length = CountDigits(magnitude) + (negative ? 1 : 0);
            if (length > count)
            {
                return -1;
            }

            WriteDigitsBackwards(magnitude, buffer, offset + length);
            if (negative)
            {
                buffer[offset] = (byte)'-';
            }

            return length;
        }

        private static int CountDigits(ulong value)
        {
            int digits = 1;
            while (value >= 10)
            {
                value /= 10;
                digits++;
            }

            return digits;
        }

        /// <summary>Writes the digits of <paramref name="value"/> so that the last one lands at end - 1.</summary>
        private static void WriteDigitsBackwards(ulong value, byte[] buffer, int end)
        {
            do
            {
                buffer[--end] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }
            while (value != 0);
        }
    }
}
