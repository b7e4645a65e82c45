using System;

namespace HomeNode.Bench
{
    /// <summary>
    /// The protocol levels the bench runs its broker workloads at, as CONNECT carries them (MQTT 3.1.1 §3.1.2.2:
    /// 4; MQTT 5.0 §3.1.2.2: 5), and how rows and the command line name them.
    /// </summary>
    public static class MqttProtocolLevels
    {
        public const int V311 = 4;

        public const int V500 = 5;

        /// <summary>"3.1.1" or "5.0".</summary>
        public static string Name(int level)
        {
            switch (level)
            {
                case V311:
                    return "3.1.1";
                case V500:
                    return "5.0";
                default:
                    throw new ArgumentOutOfRangeException(nameof(level), level, "MQTT protocol level 4 (3.1.1) or 5 (5.0)");
            }
        }

        /// <summary>Reads "3.1.1" / "4" or "5.0" / "5" (the --protocols option).</summary>
        public static int Parse(string text)
        {
            switch (text)
            {
                case "3.1.1":
                case "4":
                    return V311;
                case "5.0":
                case "5":
                    return V500;
                default:
                    throw new ArgumentException("unknown MQTT version " + text + "; known: 3.1.1, 5.0");
            }
        }
    }
}
