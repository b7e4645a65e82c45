using System;
using System.Collections.Generic;

namespace HomeNode.Simulator
{
    /// <summary>Publish-to-receive latencies in milliseconds: for the whole run and for the current report interval.</summary>
    public sealed class LatencyRecorder
    {
        private readonly object gate = new object();
        private readonly List<double> run = new List<double>();
        private List<double> interval = new List<double>();

        public void Add(double milliseconds)
        {
            lock (this.gate)
            {
                this.run.Add(milliseconds);
                this.interval.Add(milliseconds);
            }
        }

        public int Count
        {
            get
            {
                lock (this.gate)
                {
                    return this.run.Count;
                }
            }
        }

        /// <summary>p50, p95, p99 of the whole run (NaN when there is no sample).</summary>
        public LatencyPercentiles RunPercentiles()
        {
            double[] copy;
            lock (this.gate)
            {
                copy = this.run.ToArray();
            }

            return LatencyPercentiles.Of(copy);
        }

        /// <summary>p50, p95, p99 since the previous call, and starts a new interval.</summary>
        public LatencyPercentiles TakeInterval()
        {
            List<double> taken;
            lock (this.gate)
            {
                taken = this.interval;
                this.interval = new List<double>();
            }

            return LatencyPercentiles.Of(taken.ToArray());
        }
    }
}
