using System;
using HomeNode.App.Config;
using HomeNode.App.Payloads;
using HomeNode.App.Queue;
using HomeNode.App.Sensors;
using HomeNode.Drivers;
using HomeNode.Mqtt;

namespace HomeNode.App.Runtime
{
    /// <summary>
    /// Reads every sensor on its period, filters each measurement, queues the readings to publish and publishes the
    /// queue in order at QoS 1. Every reading passes through the queue, online too, so readings leave in the order they
    /// were taken; offline the queue keeps the newest <c>offline_queue</c> of them and counts the ones it drops.
    /// </summary>
    /// <remarks>Not thread-safe: the runtime loop owns it. Allocates nothing after construction.</remarks>
    public sealed class SensorSchedule
    {
        /// <summary>Longest published reading: sign, digits and decimals of any value the drivers return.</summary>
        public const int MaxReadingBytes = 24;

        private readonly MqttClient client;
        private readonly RuntimeCounters counters;
        private readonly SensorChannel[] sensors;
        private readonly OfflineQueue queue;
        private readonly int offlineLimit;
        private readonly byte[][] topicTable;
        private readonly EnvironmentReading reading = new EnvironmentReading();
        private readonly byte[] scratch = new byte[MaxReadingBytes];

        /// <param name="offlineLimit">Readings kept while the broker is unreachable (0 keeps none).</param>
        public SensorSchedule(SensorSettings[] settings, IDeviceHardware hardware, int offlineLimit, MqttClient client, RuntimeCounters counters)
        {
            if (hardware == null || client == null || counters == null || offlineLimit < 0)
            {
                throw new ArgumentException();
            }

            this.client = client;
            this.counters = counters;
            this.offlineLimit = offlineLimit;
            if (settings == null)
            {
                settings = new SensorSettings[0];
            }

            int topicCount = 0;
            this.sensors = new SensorChannel[settings.Length];
            for (int i = 0; i < settings.Length; i++)
            {
                SensorKind kind = SensorKindTable.Of(settings[i].Type);
                MeasurementKind[] kinds = kind == null ? new MeasurementKind[0] : kind.Measurements;
                int[] ids = new int[kinds.Length];
                string[] topics = new string[kinds.Length];
                for (int k = 0; k < kinds.Length; k++)
                {
                    ids[k] = topicCount++;
                    topics[k] = settings[i].Topic + "/" + SensorKindTable.Of(kinds[k]).Level;
                }

                this.sensors[i] = new SensorChannel(settings[i], hardware.OpenSensor(settings[i]), kinds, ids, topics);
            }

            // Room for one full round of readings on top of what offline_queue keeps while the broker is unreachable.
            this.queue = new OfflineQueue(offlineLimit + (topicCount > 0 ? topicCount : 1), MaxReadingBytes);
            this.topicTable = new byte[topicCount][];
            for (int i = 0; i < this.sensors.Length; i++)
            {
                for (int k = 0; k < this.sensors[i].Kinds.Length; k++)
                {
                    this.topicTable[this.sensors[i].TopicIds[k]] = Utf8Bytes.Of(this.sensors[i].Topics[k]);
                }
            }
        }

        /// <summary>
        /// MQTT 5.0 §3.3.2.3.4: one outgoing Topic Alias per reading topic, so a repeated reading sends 2 bytes of topic
        /// (the client uses no more of them than the broker's Topic Alias Maximum); null on 3.1.1 or without sensors.
        /// </summary>
        public static TopicAliasTable ReadingAliases(SensorSettings[] settings, MqttProtocolVersion protocol)
        {
            int readingTopics = ReadingTopicCount(settings);
            return protocol == MqttProtocolVersion.V500 && readingTopics > 0 ? new TopicAliasTable(readingTopics, LongestReadingTopicBytes(settings)) : null;
        }

        /// <summary>How many reading topics the sensors publish to (one per measurement).</summary>
        public static int ReadingTopicCount(SensorSettings[] settings)
        {
            int count = 0;
            for (int i = 0; settings != null && i < settings.Length; i++)
            {
                SensorKind kind = SensorKindTable.Of(settings[i].Type);
                count += kind == null ? 0 : kind.Measurements.Length;
            }

            return count;
        }

        /// <summary>The longest reading topic in UTF-8 bytes (at least 1).</summary>
        public static int LongestReadingTopicBytes(SensorSettings[] settings)
        {
            int longest = 1;
            for (int i = 0; settings != null && i < settings.Length; i++)
            {
                SensorKind kind = SensorKindTable.Of(settings[i].Type);
                for (int k = 0; kind != null && k < kind.Measurements.Length; k++)
                {
                    int length = Utf8Bytes.Of(settings[i].Topic + "/" + SensorKindTable.Of(kind.Measurements[k]).Level).Length;
                    if (length > longest)
                    {
                        longest = length;
                    }
                }
            }

            return longest;
        }

        public SensorChannel[] Sensors
        {
            get { return this.sensors; }
        }

        public OfflineQueue Queue
        {
            get { return this.queue; }
        }

        /// <summary>Every sensor is read at <paramref name="now"/>, then on its period.</summary>
        public void Start(long now)
        {
            for (int i = 0; i < this.sensors.Length; i++)
            {
                this.sensors[i].NextReadAt = now;
            }
        }

        /// <summary>Reads the sensors that are due and queues what their filters let through.</summary>
        [SteadyState]
        public void ReadDue(long now)
        {
            for (int i = 0; i < this.sensors.Length; i++)
            {
                SensorChannel channel = this.sensors[i];
                if (now < channel.NextReadAt)
                {
                    continue;
                }

                channel.NextReadAt = now + (channel.Settings.PeriodSeconds * 1000L);
                SensorReadStatus status = this.Read(channel);
                channel.LastStatus = status;
                if (status != SensorReadStatus.Ok)
                {
                    channel.FailedReads++;
                    this.counters.FailedReads++;
                    continue;
                }

                if (this.reading.PressureOutOfRange)
                {
                    this.counters.OutOfRangeValues++; // the pressure is dropped, temperature and humidity go out
                }

                for (int k = 0; k < channel.Kinds.Length; k++)
                {
                    double value;
                    if (!SensorKindTable.TryRead(this.reading, channel.Kinds[k], out value))
                    {
                        continue;
                    }

                    channel.LastValues[k] = value;
                    channel.HasValue[k] = true;
                    double toPublish;
                    if (!channel.Filters[k].Offer(value, now, out toPublish))
                    {
                        continue;
                    }

                    int length = DecimalFormatter.Write(toPublish, channel.Settings.Decimals, this.scratch, 0, MaxReadingBytes);
                    if (length > 0)
                    {
                        this.queue.Enqueue(channel.TopicIds[k], this.scratch, 0, length);
                    }
                }
            }

            if (!this.client.IsConnected)
            {
                // Offline, the queue keeps the newest offline_queue readings; the oldest go first and are counted.
                this.queue.TrimTo(this.offlineLimit);
            }
        }

        /// <summary>Publishes the queue, oldest first; false when the client cannot take more now.</summary>
        [SteadyState]
        public bool Drain()
        {
            ushort packetId;
            int topicId;
            int payloadOffset;
            int payloadLength;
            while (this.queue.TryPeekOldest(out topicId, out payloadOffset, out payloadLength))
            {
                byte[] topic = this.topicTable[topicId];
                MqttStatus status = this.client.Publish(topic, 0, topic.Length, this.queue.PayloadStorage, payloadOffset, payloadLength, ServerLimits.Qos(this.client, MqttQos.AtLeastOnce), false, out packetId);
                if (!PublishOutcome.Settled(status, this.counters))
                {
                    return false;
                }

                // Only now does the reading leave the queue: the client holds it until PUBACK, across reconnects (at QoS 1;
                // a broker whose Maximum QoS is 0 gets it at QoS 0, ServerLimits).
                this.queue.RemoveOldest();
                if (status == MqttStatus.Ok)
                {
                    this.counters.PublishedReadings++;
                }
            }

            return true;
        }

        [SteadyState]
        private SensorReadStatus Read(SensorChannel channel)
        {
            if (channel.Sensor == null)
            {
                return SensorReadStatus.NoResponse;
            }

            try
            {
                return channel.Sensor.Read(this.reading);
            }
            catch (Exception)
            {
                // A driver that throws is a sensor that did not answer; the loop must keep running.
                return SensorReadStatus.NoResponse;
            }
        }
    }
}
