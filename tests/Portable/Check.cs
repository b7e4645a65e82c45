using System;

namespace HomeNode.Tests
{
    /// <summary>
    /// The assertions of the portable suite: plain methods that throw, so the same cases run under xunit
    /// on the host and under nanoFramework TestFramework in nanoclr (no generics, no LINQ).
    /// </summary>
    public static class Check
    {
        public static void True(bool condition, string what)
        {
            if (!condition)
            {
                throw new Exception("expected true: " + what);
            }
        }

        public static void False(bool condition, string what)
        {
            if (condition)
            {
                throw new Exception("expected false: " + what);
            }
        }

        public static void Equal(long expected, long actual, string what)
        {
            if (expected != actual)
            {
                throw new Exception(what + ": expected " + expected.ToString() + ", got " + actual.ToString());
            }
        }

        public static void Equal(double expected, double actual, double tolerance, string what)
        {
            double difference = expected - actual;
            if (difference < 0)
            {
                difference = -difference;
            }

            if (difference > tolerance)
            {
                throw new Exception(what + ": expected " + expected.ToString() + " within " + tolerance.ToString() + ", got " + actual.ToString());
            }
        }

        public static void Equal(string expected, string actual, string what)
        {
            if (expected != actual)
            {
                throw new Exception(what + ": expected \"" + expected + "\", got \"" + actual + "\"");
            }
        }

        public static void Equal(object expected, object actual, string what)
        {
            if (!object.Equals(expected, actual))
            {
                throw new Exception(what + ": expected " + Describe(expected) + ", got " + Describe(actual));
            }
        }

        /// <summary>Compares <paramref name="actual"/>[offset, offset+count) with all of <paramref name="expected"/>.</summary>
        public static void Bytes(byte[] expected, byte[] actual, int offset, int count, string what)
        {
            if (count != expected.Length)
            {
                throw new Exception(what + ": expected " + expected.Length.ToString() + " bytes, got " + count.ToString() + " (" + Hex(actual, offset, count) + ")");
            }

            for (int i = 0; i < count; i++)
            {
                if (expected[i] != actual[offset + i])
                {
                    throw new Exception(what + ": byte " + i.ToString() + " differs; expected " + Hex(expected, 0, expected.Length) + ", got " + Hex(actual, offset, count));
                }
            }
        }

        public static void Bytes(byte[] expected, byte[] actual, string what)
        {
            Bytes(expected, actual, 0, actual.Length, what);
        }

        public static void Throws(Type exceptionType, ThrowingAction action, string what)
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                if (!exceptionType.IsInstanceOfType(e))
                {
                    throw new Exception(what + ": expected " + exceptionType.Name + ", got " + e.GetType().Name + ": " + e.Message);
                }

                return;
            }

            throw new Exception(what + ": expected " + exceptionType.Name + ", nothing was thrown");
        }

        public static string Hex(byte[] bytes, int offset, int count)
        {
            const string digits = "0123456789ABCDEF";
            char[] text = new char[count * 3];
            for (int i = 0; i < count; i++)
            {
                byte b = bytes[offset + i];
                text[i * 3] = digits[b >> 4];
                text[(i * 3) + 1] = digits[b & 0xF];
                text[(i * 3) + 2] = ' ';
            }

            return new string(text);
        }

        private static string Describe(object value)
        {
            return value == null ? "null" : value.ToString();
        }
    }
}
