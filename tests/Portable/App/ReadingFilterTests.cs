using HomeNode.App.Sensors;

namespace HomeNode.Tests.App
{
    public static class ReadingFilterTests
    {
        private static void Published(ReadingFilter filter, double value, long now, double expected)
        {
            double published;
            Check.True(filter.Offer(value, now, out published), "publish " + value.ToString() + " at " + now.ToString());
            Check.Equal(expected, published, 1e-9, "published value at " + now.ToString());
            Check.Equal(expected, filter.LastPublished, 1e-9, "last published at " + now.ToString());
        }

        private static void Held(ReadingFilter filter, double value, long now)
        {
            double published;
            Check.False(filter.Offer(value, now, out published), "hold " + value.ToString() + " at " + now.ToString());
        }

        public static void PublishesFirstThenOnMinimumChange()
        {
            ReadingFilter filter = new ReadingFilter(1, 0.5, 0);
            Check.False(filter.HasPublished, "nothing yet");
            Published(filter, 20.0, 0, 20.0);
            Held(filter, 20.3, 1000);
            Held(filter, 19.6, 2000);
            Published(filter, 20.5, 3000, 20.5);
            Held(filter, 20.1, 4000);
            Published(filter, 19.9, 5000, 19.9);
        }

        public static void MinimumChangeSurvivesBinaryFractions()
        {
            // 20.2 - 20.1 is 0.09999999999999787 in doubles
            ReadingFilter filter = new ReadingFilter(1, 0.1, 0);
            Published(filter, 20.1, 0, 20.1);
            Published(filter, 20.2, 1, 20.2);
            Published(filter, 20.1, 2, 20.1);
            Held(filter, 20.19, 3);
        }

        public static void HeartbeatPublishesUnchangedValues()
        {
            ReadingFilter filter = new ReadingFilter(1, 1.0, 60);
            Published(filter, 50.0, 1000, 50.0);
            Held(filter, 50.0, 30000);
            Held(filter, 50.2, 60999);
            Published(filter, 50.2, 61000, 50.2);
            Held(filter, 50.2, 120999);
            Published(filter, 50.2, 121000, 50.2);
        }

        public static void ZeroHeartbeatNeverForces()
        {
            ReadingFilter filter = new ReadingFilter(1, 1.0, 0);
            Published(filter, 50.0, 0, 50.0);
            Held(filter, 50.0, 1000L * 3600 * 24 * 365);
        }

        public static void ZeroMinimumChangePublishesEverySample()
        {
            ReadingFilter filter = new ReadingFilter(1, 0, 0);
            Published(filter, 1.0, 0, 1.0);
            Published(filter, 1.0, 1, 1.0);
        }

        public static void AveragesOverTheWindow()
        {
            ReadingFilter filter = new ReadingFilter(4, 0, 0);
            Published(filter, 10, 0, 10);
            Published(filter, 20, 1, 15);
            Published(filter, 30, 2, 20);
            Published(filter, 40, 3, 25);
            Published(filter, 50, 4, 35);
            Published(filter, 60, 5, 45);
            Check.Equal(4L, filter.SampleCount, "window full");
        }

        public static void AveragingSmoothsASpike()
        {
            ReadingFilter filter = new ReadingFilter(5, 1.0, 0);
            Published(filter, 20.0, 0, 20.0);
            for (int i = 1; i < 5; i++)
            {
                Held(filter, 20.0, i);
            }

            // one 24.0 among five samples moves the average by 0.8 only
            Held(filter, 24.0, 5);
            Held(filter, 20.0, 6);
        }

        public static void IgnoresNaNAndInfinities()
        {
            ReadingFilter filter = new ReadingFilter(2, 0, 0);
            Published(filter, 10, 0, 10);
            Held(filter, double.NaN, 1);
            Held(filter, double.PositiveInfinity, 2);
            Held(filter, double.NegativeInfinity, 3);
            Check.Equal(3L, filter.RejectedCount, "rejected");
            Check.Equal(1L, filter.SampleCount, "rejected samples are not averaged");
            Published(filter, 20, 4, 15);
        }

        public static void ClockGoingBackwardsRestartsTheHeartbeat()
        {
            ReadingFilter filter = new ReadingFilter(1, 10, 10);
            Published(filter, 1, 100000, 1);
            Held(filter, 1, 5000);
            Held(filter, 1, 14999);
            Published(filter, 1, 15000, 1);
        }

        public static void ResetForgetsTheWindowAndTheLastPublish()
        {
            ReadingFilter filter = new ReadingFilter(2, 5, 0);
            Published(filter, 1, 0, 1);
            Held(filter, 1, 1);
            filter.Reset();
            Check.False(filter.HasPublished, "reset forgets the last publish");
            Check.Equal(0L, filter.SampleCount, "reset empties the window");
            Published(filter, 7, 4, 7);
        }

        public static void RejectsBadConstruction()
        {
            Check.Throws(typeof(System.ArgumentOutOfRangeException), ZeroWindow, "window 0");
            Check.Throws(typeof(System.ArgumentOutOfRangeException), NegativeChange, "negative minimum change");
            Check.Throws(typeof(System.ArgumentOutOfRangeException), NaNChange, "NaN minimum change");
        }

        private static void ZeroWindow()
        {
            new ReadingFilter(0, 0, 0);
        }

        private static void NegativeChange()
        {
            new ReadingFilter(1, -1, 0);
        }

        private static void NaNChange()
        {
            new ReadingFilter(1, double.NaN, 0);
        }
    }
}
