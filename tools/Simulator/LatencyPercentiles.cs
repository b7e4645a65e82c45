using System;

namespace HomeNode.Simulator
{
    /// <summary>Nearest-rank percentiles of a set of latencies in milliseconds; NaN when there were none.</summary>
    public readonly struct LatencyPercentiles
    {
        public LatencyPercentiles(int count, double p50, double p95, double p99, double max)
        {
            this.Count = count;
            this.P50 = p50;
            this.P95 = p95;
            this.P99 = p99;
            this.Max = max;
        }

        public int Count { get; }

        public double P50 { get; }

        public double P95 { get; }

        public double P99 { get; }

        public double Max { get; }

        public static LatencyPercentiles Of(double[] samples)
        {
            if (samples.Length == 0)
            {
                return new LatencyPercentiles(0, double.NaN, double.NaN, double.NaN, double.NaN);
            }

            Array.Sort(samples);
            return new LatencyPercentiles(samples.Length, Rank(samples, 50), Rank(samples, 95), Rank(samples, 99), samples[samples.Length - 1]);
        }

        // Nearest-rank method: the smallest sample with at least p % of the samples at or below it.
        private static double Rank(double[] sorted, int percent)
        {
            int rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
            return sorted[Math.Max(0, rank - 1)];
        }
    }
}
