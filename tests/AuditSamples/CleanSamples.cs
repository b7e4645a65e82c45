using System;
using HomeNode.Mqtt;

namespace HomeNode.AuditSamples
{
    /// <summary>Steady-state code that must pass the IL audit: the idioms portable code uses.</summary>
    public sealed class CleanSamples
    {
        private readonly byte[] scratch = new byte[16];
        private readonly ICounter counter = new Counter();
        private ByteWindow window;

        /// <summary>Decimal digits of a non-negative value into the buffer; returns how many were written.</summary>
        [SteadyState]
        public int WriteDecimal(int value, byte[] buffer, int offset)
        {
            // caller bugs: the throw paths allocate, but steady state never takes them
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (value < 0)
            {
                throw new ArgumentOutOfRangeException("value", "negative: " + value.ToString());
            }

            int length = 0;
            do
            {
                scratch[length++] = (byte)('0' + (value % 10));
                value /= 10;
            }
            while (value != 0);

            for (int i = 0; i < length; i++)
            {
                buffer[offset + i] = scratch[length - 1 - i];
            }

            window = new ByteWindow(buffer, offset, length);
            counter.Increment();
            return length;
        }

        [SteadyState]
        public int Window()
        {
            return window.Count + Length("ourhome");
        }

        private static int Length(string literal)
        {
            return literal.Length;
        }
    }
}
