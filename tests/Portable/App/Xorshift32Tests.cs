using HomeNode.App.Connection;

namespace HomeNode.Tests.App
{
    public static class Xorshift32Tests
    {
        public static void MatchesMarsagliaXorshift32()
        {
            // x ^= x << 13; x ^= x >> 17; x ^= x << 5 from x = 1
            Xorshift32 random = new Xorshift32(1);
            Check.Equal(270369L, (long)random.Next(), "1st");
            Check.Equal(67634689L, (long)random.Next(), "2nd");
            Check.Equal(2647435461L, (long)random.Next(), "3rd");
            Check.Equal(307599695L, (long)random.Next(), "4th");
            Check.Equal(2398689233L, (long)random.Next(), "5th");
        }

        public static void ZeroSeedDoesNotStick()
        {
            Xorshift32 random = new Xorshift32(0);
            Check.Equal(1359758873L, (long)random.Next(), "zero seed replaced by 0x9E3779B9");
            Check.True(random.Next() != 0, "not stuck at zero");
        }

        public static void NextAtMostStaysInRange()
        {
            Xorshift32 random = new Xorshift32(2024);
            bool sawZero = false;
            bool sawMax = false;
            for (int i = 0; i < 2000; i++)
            {
                uint value = random.NextAtMost(9);
                Check.True(value <= 9, "at most 9");
                sawZero |= value == 0;
                sawMax |= value == 9;
                Check.Equal(0L, (long)random.NextAtMost(0), "at most 0");
            }

            Check.True(sawZero && sawMax, "both ends reached");
        }
    }
}
