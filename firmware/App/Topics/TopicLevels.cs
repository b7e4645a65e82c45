using HomeNode.App.Sensors;
using HomeNode.Mqtt;

namespace HomeNode.App.Topics
{
    /// <summary>
    /// The last topic levels under a node's base topic (<c>ourhome/firstfloor/kitchen</c>): one per measurement,
    /// <c>&lt;light&gt;/set</c> for commands, <c>status</c> for availability (online/offline, the will) and
    /// <c>diag</c> for diagnostics counters.
    /// </summary>
    public static class TopicLevels
    {
        public const string Temperature = "temperature";
        public const string Humidity = "humidity";
        public const string Pressure = "pressure";
        public const string Set = "set";
        public const string Status = "status";
        public const string Diag = "diag";

        /// <summary>The level a measurement is published under; null for a value outside the enum.</summary>
        [SteadyState]
        public static string Of(MeasurementKind kind)
        {
            if (kind == MeasurementKind.Temperature)
            {
                return Temperature;
            }

            if (kind == MeasurementKind.Humidity)
            {
                return Humidity;
            }

            if (kind == MeasurementKind.Pressure)
            {
                return Pressure;
            }

            return null;
        }
    }
}
