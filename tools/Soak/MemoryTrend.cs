using System.Collections.Generic;

namespace HomeNode.Soak
{
    /// <summary>Least-squares slope of managed memory over time: bytes per hour.</summary>
    public sealed class MemoryTrend
    {
        private readonly List<(double Hours, double Bytes)> samples = new List<(double, double)>();

        public int Count => this.samples.Count;

        public void Add(double hours, long bytes) => this.samples.Add((hours, bytes));

        public double BytesPerHour()
        {
            int n = this.samples.Count;
            if (n < 2)
            {
                return double.NaN;
            }

            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            foreach ((double x, double y) in this.samples)
            {
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
            }

            double denominator = (n * sxx) - (sx * sx);
            return denominator == 0 ? double.NaN : ((n * sxy) - (sx * sy)) / denominator;
        }
    }
}
