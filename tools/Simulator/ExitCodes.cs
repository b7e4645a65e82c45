namespace HomeNode.Simulator
{
    /// <summary>The simulator's process exit codes (also listed in --help).</summary>
    public static class ExitCodes
    {
        /// <summary>The run finished (quit, Ctrl+C or --duration reached) and at least one device reached the broker.</summary>
        public const int Ok = 0;

        /// <summary>The run failed: with --duration, no device ever connected; or the embedded broker did not start.</summary>
        public const int RuntimeFailure = 1;

        /// <summary>Bad command line, or a configuration file that is missing or has errors.</summary>
        public const int UsageOrConfigError = 2;
    }
}
