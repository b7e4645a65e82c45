using System;
using HomeNode.Mqtt;

namespace HomeNode.App.Sensors
{
    /// <summary>
    /// Decides, per measurement, which readings get published: the moving average of the last N samples is
    /// published when it moved at least the minimum change away from the last published value, when the
    /// heartbeat period passed since the last publish, or on the first sample.
    /// Allocated once per measurement; Offer allocates nothing. Not thread-safe: the sensor loop owns it.
    /// </summary>
    public sealed class ReadingFilter
    {
        // Averages of readings such as 20.2 and 20.1 differ by 0.09999999999999787, not 0.1; a change short of
        // the minimum by no more than this relative amount of the values' magnitude counts as reaching it.
        private const double ComparisonTolerance = 1e-12;

        private readonly double[] window;
        private readonly double minimumChange;
        private readonly long heartbeatMilliseconds;
        private int next;
        private int filled;
        private bool hasPublished;
        private double lastPublished;
        private long lastPublishedAtMilliseconds;
        private long rejectedCount;

        /// <param name="windowSize">Samples averaged (1 = no averaging).</param>
        /// <param name="minimumChange">Change of the average that triggers a publish; 0 publishes every sample.</param>
        /// <param name="heartbeatSeconds">Publish at least this often even when unchanged; 0 for no heartbeat.</param>
        public ReadingFilter(int windowSize, double minimumChange, int heartbeatSeconds)
        {
            // IsNaN, not !(x >= 0): on nanoCLR NaN >= 0 is true (../shared/nftool/README.md)
            if (windowSize < 1 || double.IsNaN(minimumChange) || minimumChange < 0 || heartbeatSeconds < 0)
            {
                throw new ArgumentOutOfRangeException();
            }

            this.window = new double[windowSize];
            this.minimumChange = minimumChange;
            this.heartbeatMilliseconds = heartbeatSeconds * 1000L;
        }

        public bool HasPublished
        {
            get { return this.hasPublished; }
        }

        public double LastPublished
        {
            get { return this.lastPublished; }
        }

        /// <summary>Samples currently averaged (up to the window size).</summary>
        public int SampleCount
        {
            get { return this.filled; }
        }

        /// <summary>NaN or infinite samples offered and ignored.</summary>
        public long RejectedCount
        {
            get { return this.rejectedCount; }
        }

        /// <summary>
        /// Adds a sample taken at <paramref name="nowMilliseconds"/> (monotonic clock). Returns true with the
        /// average to publish in <paramref name="toPublish"/>, which then becomes the last published value.
        /// NaN and infinities are ignored (counted in <see cref="RejectedCount"/>).
        /// </summary>
        [SteadyState]
        public bool Offer(double value, long nowMilliseconds, out double toPublish)
        {
            toPublish = 0;
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                this.rejectedCount++;
                return false;
            }

            this.window[this.next] = value;
            this.next = (this.next + 1) % this.window.Length;
            if (this.filled < this.window.Length)
            {
                this.filled++;
            }

            double sum = 0;
            for (int i = 0; i < this.filled; i++)
            {
                sum += this.window[i];
            }

            double average = sum / this.filled;

            // a clock that went backwards restarts the heartbeat period instead of starving it
            if (nowMilliseconds < this.lastPublishedAtMilliseconds)
            {
                this.lastPublishedAtMilliseconds = nowMilliseconds;
            }

            bool publish = !this.hasPublished || this.ChangedEnough(average)
                || (this.heartbeatMilliseconds > 0 && nowMilliseconds - this.lastPublishedAtMilliseconds >= this.heartbeatMilliseconds);
            if (!publish)
            {
                return false;
            }

            this.hasPublished = true;
            this.lastPublished = average;
            this.lastPublishedAtMilliseconds = nowMilliseconds;
            toPublish = average;
            return true;
        }

        /// <summary>Forgets the samples and the last published value.</summary>
        [SteadyState]
        public void Reset()
        {
            this.next = 0;
            this.filled = 0;
            this.hasPublished = false;
            this.lastPublished = 0;
            this.lastPublishedAtMilliseconds = 0;
        }

        private bool ChangedEnough(double average)
        {
            double difference = average - this.lastPublished;
            if (difference < 0)
            {
                difference = -difference;
            }

            double magnitude = (average < 0 ? -average : average) + (this.lastPublished < 0 ? -this.lastPublished : this.lastPublished);
            return difference + (magnitude * ComparisonTolerance) >= this.minimumChange;
        }
    }
}
