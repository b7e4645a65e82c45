namespace HomeNode.Bench
{
    /// <summary>One target of issue 13 as the bench checked it: the figure measured, met or missed, and where the time goes when missed.</summary>
    public sealed class TargetResult
    {
        public string Target { get; set; }

        /// <summary>What was measured, e.g. "2.31x (medians; rounds 2.05-2.60x)".</summary>
        public string Measured { get; set; }

        /// <summary>True = met, false = missed, null = not measured in this run (the workload or tool was not there).</summary>
        public bool? Met { get; set; }

        /// <summary>For a missed target: where the time goes, from the measured CPU split, broker CPU and system call counts.</summary>
        public string WhereTimeGoes { get; set; }
    }
}
