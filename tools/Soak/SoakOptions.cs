using System;
using System.Globalization;

namespace HomeNode.Soak
{
    /// <summary>Command line of the soak run.</summary>
    public sealed class SoakOptions
    {
        public int Devices { get; private set; } = 10;

        public int DurationSeconds { get; private set; } = 3600;

        public int WarmUpSeconds { get; private set; } = 300;

        /// <summary>Mean time between broker restarts; each gap is drawn from half to one and a half times this.</summary>
        public int RestartEverySeconds { get; private set; } = 120;

        /// <summary>SIGKILL instead of SIGTERM: mosquitto then loses what it acknowledged in its last few milliseconds.</summary>
        public bool Kill9 { get; private set; }

        public int PeriodSeconds { get; private set; } = 1;

        public int Seed { get; private set; } = 6;

        public const string Usage =
            "HomeNode.Soak [--devices=10] [--duration=3600] [--warmup=300] [--restart-every=120] [--kill9] [--period=1] [--seed=6]\n" +
            "  Runs HomeNodeRuntime devices against a persistent mosquitto restarted at random; prints a line a minute and a\n" +
            "  SUMMARY line: managed memory growth per hour after warm-up (target 0) and QoS 1 readings lost (target 0).\n" +
            "  Exit code 0 when nothing was lost, 1 when something was, 2 for a usage error.";

        public static SoakOptions Parse(string[] args, out string error)
        {
            SoakOptions options = new SoakOptions();
            error = null;
            foreach (string arg in args)
            {
                int equals = arg.IndexOf('=');
                string name = equals > 0 ? arg.Substring(0, equals) : arg;
                string value = equals > 0 ? arg.Substring(equals + 1) : null;
                switch (name)
                {
                    case "--devices": options.Devices = Number(value, 1, 1000, name, ref error); break;
                    case "--duration": options.DurationSeconds = Number(value, 10, 30 * 86400, name, ref error); break;
                    case "--warmup": options.WarmUpSeconds = Number(value, 0, 86400, name, ref error); break;
                    case "--restart-every": options.RestartEverySeconds = Number(value, 2, 86400, name, ref error); break;
                    case "--period": options.PeriodSeconds = Number(value, 1, 3600, name, ref error); break;
                    case "--seed": options.Seed = Number(value, 0, int.MaxValue, name, ref error); break;
                    case "--kill9": options.Kill9 = true; break;
                    default: error = "unknown argument '" + arg + "'"; break;
                }
            }

            if (error == null && options.WarmUpSeconds >= options.DurationSeconds)
            {
                error = "--warmup must be shorter than --duration";
            }

            return options;
        }

        private static int Number(string value, int min, int max, string name, ref string error)
        {
            if (value == null || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < min || n > max)
            {
                error = name + " expects a whole number from " + min + " to " + max + ", got '" + value + "'";
                return min;
            }

            return n;
        }
    }
}
