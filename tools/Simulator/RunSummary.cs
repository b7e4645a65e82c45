using System.Text.Json;
using System.Text.Json.Serialization;

namespace HomeNode.Simulator
{
    /// <summary>The final report, printed as one line "SUMMARY {json}" for scripts and tests.</summary>
    public sealed class RunSummary
    {
        public const string LinePrefix = "SUMMARY ";

        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };

        public int ExitCode { get; set; }

        public string Broker { get; set; }

        public int Devices { get; set; }

        public int Threads { get; set; }

        public double DurationS { get; set; }

        /// <summary>Devices online when the run ended (before they were stopped).</summary>
        public int Connected { get; set; }

        /// <summary>Devices that were online at least once.</summary>
        public int EverConnected { get; set; }

        /// <summary>Readings the devices' runtimes handed to their MQTT clients at QoS 1 (RuntimeCounters.PublishedReadings).</summary>
        public long PublishedReadings { get; set; }

        /// <summary>Of those, the ones the broker acknowledged (PUBACK).</summary>
        public long AcknowledgedPublishes { get; set; }

        /// <summary>Reading messages the monitor received.</summary>
        public long ReceivedReadings { get; set; }

        /// <summary>Sum over devices of max(0, published - received), after the drain period.</summary>
        public long LostReadings { get; set; }

        /// <summary>Sum over devices of max(0, received - published): QoS 1 duplicates.</summary>
        public long DuplicateReadings { get; set; }

        /// <summary>PUBLISH packets the devices wrote (all topics).</summary>
        public long MessagesOut { get; set; }

        /// <summary>Messages the monitor received (all topics under the devices' roots).</summary>
        public long MessagesIn { get; set; }

        public double MessagesOutPerS { get; set; }

        public double MessagesInPerS { get; set; }

        public long Reconnects { get; set; }

        public long FailedConnects { get; set; }

        public long FailedReads { get; set; }

        public long DroppedReadings { get; set; }

        public long PollErrors { get; set; }

        public int LatencySamples { get; set; }

        public double? LatencyP50Ms { get; set; }

        public double? LatencyP95Ms { get; set; }

        public double? LatencyP99Ms { get; set; }

        public double? LatencyMaxMs { get; set; }

        /// <summary>Managed heap after warm-up minus before the devices were made, divided by the device count.</summary>
        public long ManagedBytesPerDevice { get; set; }

        /// <summary>Process working set after warm-up minus before the devices were made, divided by the device count.</summary>
        public long WorkingSetBytesPerDevice { get; set; }

        public int LightsOn { get; set; }

        public string ToLine() => LinePrefix + JsonSerializer.Serialize(this, Json);

        public static double? Round(double value) => double.IsNaN(value) ? null : System.Math.Round(value, 3);
    }
}
