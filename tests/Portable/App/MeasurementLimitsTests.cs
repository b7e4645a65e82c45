using HomeNode.App.Sensors;

namespace HomeNode.Tests.App
{
    public static class MeasurementLimitsTests
    {
        public static void ContainsIsInclusiveAndRejectsNaN()
        {
            // a DHT22's humidity range, datasheet: 0-100 %RH
            MeasurementLimits limits = new MeasurementLimits(0, 100);
            Check.True(limits.Contains(0), "minimum");
            Check.True(limits.Contains(100), "maximum");
            Check.True(limits.Contains(55.5), "inside");
            Check.False(limits.Contains(-0.1), "below");
            Check.False(limits.Contains(100.1), "above");
            Check.False(limits.Contains(double.NaN), "NaN");
            Check.False(limits.Contains(double.PositiveInfinity), "infinity");
        }

        public static void AcceptsLimitsTheStep()
        {
            MeasurementLimits limits = new MeasurementLimits(-40, 80, 5);
            Check.True(limits.Accepts(20, false, 0), "no previous");
            Check.True(limits.Accepts(25, true, 20), "step of exactly 5");
            Check.False(limits.Accepts(25.5, true, 20), "step of 5.5");
            Check.False(limits.Accepts(14, true, 20), "step of -6");
            Check.False(limits.Accepts(81, false, 0), "out of range");
            MeasurementLimits noStep = new MeasurementLimits(-40, 80);
            Check.True(noStep.Accepts(80, true, -40), "no step limit");
        }

        public static void RejectsBadConstruction()
        {
            Check.Throws(typeof(System.ArgumentOutOfRangeException), Inverted, "min above max");
            Check.Throws(typeof(System.ArgumentOutOfRangeException), NaNBound, "NaN bound");
            Check.Throws(typeof(System.ArgumentOutOfRangeException), NaNMaximum, "NaN maximum");
            Check.Throws(typeof(System.ArgumentOutOfRangeException), NaNStep, "NaN step");
        }

        private static void Inverted()
        {
            new MeasurementLimits(10, 0);
        }

        private static void NaNBound()
        {
            new MeasurementLimits(double.NaN, 0);
        }

        private static void NaNMaximum()
        {
            new MeasurementLimits(0, double.NaN);
        }

        private static void NaNStep()
        {
            new MeasurementLimits(0, 10, double.NaN);
        }
    }
}
