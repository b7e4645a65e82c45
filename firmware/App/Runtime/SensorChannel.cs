using HomeNode.App.Config;
using HomeNode.App.Sensors;
using HomeNode.Drivers;

namespace HomeNode.App.Runtime
{
    /// <summary>One configured sensor: its driver, schedule, and per measurement the topic, filter and last value.</summary>
    public sealed class SensorChannel
    {
        internal SensorChannel(SensorSettings settings, IEnvironmentSensor sensor, MeasurementKind[] kinds, int[] topicIds, string[] topics)
        {
            this.Settings = settings;
            this.Sensor = sensor;
            this.Kinds = kinds;
            this.TopicIds = topicIds;
            this.Topics = topics;
            this.Filters = new ReadingFilter[kinds.Length];
            this.LastValues = new double[kinds.Length];
            this.HasValue = new bool[kinds.Length];
            for (int i = 0; i < kinds.Length; i++)
            {
                this.Filters[i] = new ReadingFilter(settings.Average, settings.MinChange, settings.HeartbeatSeconds);
            }
        }

        public SensorSettings Settings { get; private set; }

        /// <summary>null when the hardware could not open the sensor: every read then counts as failed.</summary>
        public IEnvironmentSensor Sensor { get; private set; }

        /// <summary>The measurements this sensor type provides, in publishing order.</summary>
        public MeasurementKind[] Kinds { get; private set; }

        /// <summary>Per measurement: the id of its state topic in the runtime's topic table.</summary>
        public int[] TopicIds { get; private set; }

        /// <summary>Per measurement: its state topic, e.g. ourhome/firstfloor/kitchen/temperature.</summary>
        public string[] Topics { get; private set; }

        public ReadingFilter[] Filters { get; private set; }

        /// <summary>Per measurement: the last value read successfully (published or not).</summary>
        public double[] LastValues { get; private set; }

        public bool[] HasValue { get; private set; }

        public SensorReadStatus LastStatus { get; internal set; }

        public long FailedReads { get; internal set; }

        internal long NextReadAt;
    }
}
