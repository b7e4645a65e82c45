using System;
using HomeNode.Mqtt;

namespace HomeNode.App.Sensors
{
    /// <summary>
    /// The range a measurement must lie in to be believed, for any sensor (a configured plausibility window on
    /// top of the drivers' datasheet limits), and the largest step between consecutive accepted samples.
    /// </summary>
    public sealed class MeasurementLimits
    {
        private readonly double minimum;
        private readonly double maximum;
        private readonly double maximumStep;

        public MeasurementLimits(double minimum, double maximum)
            : this(minimum, maximum, 0)
        {
        }

        /// <param name="maximumStep">Largest believable change from the previous accepted sample; 0 for no limit.</param>
        public MeasurementLimits(double minimum, double maximum, double maximumStep)
        {
            // IsNaN, not !(x >= 0): on nanoCLR NaN >= 0 is true (../shared/nftool/README.md)
            if (double.IsNaN(minimum) || double.IsNaN(maximum) || double.IsNaN(maximumStep) || minimum > maximum || maximumStep < 0)
            {
                throw new ArgumentOutOfRangeException();
            }

            this.minimum = minimum;
            this.maximum = maximum;
            this.maximumStep = maximumStep;
        }

        public double Minimum
        {
            get { return this.minimum; }
        }

        public double Maximum
        {
            get { return this.maximum; }
        }

        public double MaximumStep
        {
            get { return this.maximumStep; }
        }

        /// <summary>True if <paramref name="value"/> lies in [Minimum, Maximum] (false for NaN).</summary>
        [SteadyState]
        public bool Contains(double value)
        {
            // NaN by name: on nanoCLR NaN >= x is true (../shared/nftool/README.md)
            return !double.IsNaN(value) && value >= this.minimum && value <= this.maximum;
        }

        /// <summary>
        /// True if <paramref name="value"/> is in range and, when there is a previous accepted sample and a step
        /// limit, no further than <see cref="MaximumStep"/> from it.
        /// </summary>
        [SteadyState]
        public bool Accepts(double value, bool hasPrevious, double previous)
        {
            if (!this.Contains(value))
            {
                return false;
            }

            if (!hasPrevious || this.maximumStep == 0)
            {
                return true;
            }

            double step = value - previous;
            if (step < 0)
            {
                step = -step;
            }

            return step <= this.maximumStep;
        }
    }
}
