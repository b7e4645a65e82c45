using System;
using System.Collections.Generic;
using System.Linq;

namespace HomeNode.Bench
{
    /// <summary>Median and spread of one figure over a workload's rounds, and latency percentiles (nearest rank).</summary>
    public static class RoundStatistics
    {
        public static double Median(IReadOnlyList<double> values)
        {
            double[] sorted = Sorted(values);
            int middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }

        public static double Min(IReadOnlyList<double> values) => Sorted(values)[0];

        public static double Max(IReadOnlyList<double> values) => Sorted(values)[values.Count - 1];

        /// <summary>(max - min) / median, the spread as a fraction of the figure: 0.1 = the rounds lay within 10 %.</summary>
        public static double RelativeSpread(IReadOnlyList<double> values)
        {
            double median = Median(values);
            return median == 0 ? 0 : (Max(values) - Min(values)) / median;
        }

        /// <summary>Nearest-rank percentile of Stopwatch ticks, in microseconds; null when there are none.</summary>
        public static double? PercentileMicroseconds(long[] sortedTicks, double fraction, long frequency)
        {
            if (sortedTicks.Length == 0)
            {
                return null;
            }

            int rank = (int)Math.Ceiling(fraction * sortedTicks.Length) - 1;
            long ticks = sortedTicks[Math.Clamp(rank, 0, sortedTicks.Length - 1)];
            return ticks * 1_000_000.0 / frequency;
        }

        private static double[] Sorted(IReadOnlyList<double> values)
        {
            if (values == null || values.Count == 0)
            {
                throw new ArgumentException("no rounds to summarise", nameof(values));
            }

            double[] sorted = values.ToArray();
            Array.Sort(sorted);
            return sorted;
        }
    }
}
