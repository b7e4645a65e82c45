using HomeNode.App.Runtime;
using HomeNode.Drivers;
using HomeNode.Mqtt;

namespace HomeNode.Tests.Runtime
{
    /// <summary>The sensor schedule alone, against a fake clock: periods, the queue, publishing in order.</summary>
    public static class SensorScheduleTests
    {
        private const string Device = "[broker]\nhost = 127.0.0.1\n[device]\nname = kitchen\nbase_topic = ourhome/kitchen\n";

        public static void EachSensorIsReadOnItsOwnPeriod()
        {
            PartRig rig = new PartRig(Device + "[sensor a]\ntype = sht3x\nperiod = 10\n[sensor b]\ntype = dht22\npin = 4\necho_pin = 5\nperiod = 3\n");
            SensorSchedule schedule = new SensorSchedule(rig.Config.Sensors, rig.Hardware, 64, rig.Client, rig.Counters);
            schedule.Start(0);
            for (long t = 0; t <= 30000; t += 500)
            {
                schedule.ReadDue(t);
            }

            Check.Equal(4, rig.Hardware.Sensor(0).Reads, "a at 0, 10, 20, 30 s");
            Check.Equal(11, rig.Hardware.Sensor(1).Reads, "b every 3 s from 0 to 30 s");
        }

        public static void TopicsAndMeasurementsComeFromTheSensorTable()
        {
            PartRig rig = new PartRig(Device + "[sensor hall]\ntype = bme280\n");
            SensorSchedule schedule = new SensorSchedule(rig.Config.Sensors, rig.Hardware, 8, rig.Client, rig.Counters);
            SensorChannel hall = schedule.Sensors[0];
            Check.Equal(3, hall.Kinds.Length, "temperature, humidity, pressure");
            Check.Equal("ourhome/kitchen/hall/pressure", hall.Topics[2], "pressure topic");
            rig.Connect();
            schedule.Start(0);
            schedule.ReadDue(0);
            Check.True(schedule.Drain(), "all taken");
            SentPackets sent = rig.Sent();
            Check.Equal("ourhome/kitchen/hall/temperature ourhome/kitchen/hall/humidity ourhome/kitchen/hall/pressure", Topics(sent), "in table order");
            Check.Equal("1013.3", sent.LastPublish("ourhome/kitchen/hall/pressure").Payload, "one decimal");
            Check.Equal(1, sent[0].Qos, "QoS 1");
            Check.Equal(3, rig.Counters.PublishedReadings, "counted");
        }

        public static void OfflineTheQueueKeepsTheNewestAndDrainsThemInOrder()
        {
            PartRig rig = new PartRig(Device + "[sensor a]\ntype = sht3x\nperiod = 10\n");
            SensorSchedule schedule = new SensorSchedule(rig.Config.Sensors, rig.Hardware, 4, rig.Client, rig.Counters);
            rig.Hardware.Sensor(0).TemperatureStep = 1;
            schedule.Start(0);
            for (long t = 0; t <= 20000; t += 10000)
            {
                schedule.ReadDue(t); // offline: three rounds of two readings, offline_queue = 4
            }

            Check.Equal(4, schedule.Queue.Count, "the newest four kept");
            Check.Equal(2, schedule.Queue.DroppedCount, "the oldest two dropped");
            rig.Connect();
            Check.True(schedule.Drain(), "drained");
            Check.Equal("22.0 23.0", rig.Sent().Payloads("ourhome/kitchen/a/temperature"), "newest temperatures in order");
            Check.Equal(0, schedule.Queue.Count, "empty");
        }

        public static void AFullInflightTableStopsTheDrainWithoutLosingAReading()
        {
            PartRig rig = new PartRig(Device + "[sensor a]\ntype = sht3x\nperiod = 1\nmin_change = 0\n");
            SensorSchedule schedule = new SensorSchedule(rig.Config.Sensors, rig.Hardware, 64, rig.Client, rig.Counters);
            rig.Hardware.Sensor(0).TemperatureStep = 1;
            rig.Connect();
            schedule.Start(0);
            for (long t = 0; t < 6000; t += 1000)
            {
                schedule.ReadDue(t);
            }

            Check.False(schedule.Drain(), "eight in flight, then the client is full");
            Check.Equal(8, rig.Sent().CountOf(MqttPacketType.Publish), "eight sent");
            Check.Equal(4, schedule.Queue.Count, "the rest still queued");
            rig.Acknowledge();
            Check.True(schedule.Drain(), "the rest after PUBACKs");
            Check.Equal(12, rig.Counters.PublishedReadings, "all twelve");
        }

        public static void APressureOutOfRangeIsCountedAndTheOtherValuesStillGoOut()
        {
            PartRig rig = new PartRig(Device + "[sensor p]\ntype = bme280\nperiod = 10\n");
            SensorSchedule schedule = new SensorSchedule(rig.Config.Sensors, rig.Hardware, 64, rig.Client, rig.Counters);
            ScriptedSensor sensor = rig.Hardware.Sensor(0);
            sensor.HasPressure = true;
            sensor.PressureOutOfRange = true;
            schedule.Start(0);
            schedule.ReadDue(0);
            Check.Equal(1, rig.Counters.OutOfRangeValues, "counted");
            Check.Equal(0, rig.Counters.FailedReads, "not a failed read");
            Check.Equal(2, schedule.Queue.Count, "temperature and humidity queued, no pressure");
        }

        public static void FailedAndThrowingReadsAreCountedPerSensor()
        {
            PartRig rig = new PartRig(Device + "[sensor a]\ntype = sht3x\nperiod = 1\n");
            SensorSchedule schedule = new SensorSchedule(rig.Config.Sensors, rig.Hardware, 8, rig.Client, rig.Counters);
            schedule.Start(0);
            rig.Hardware.Sensor(0).Failure = SensorReadStatus.ChecksumMismatch;
            schedule.ReadDue(0);
            rig.Hardware.Sensor(0).Failure = SensorReadStatus.Ok;
            rig.Hardware.Sensor(0).Throws = true;
            schedule.ReadDue(1000);
            Check.Equal(2, rig.Counters.FailedReads, "both counted");
            Check.Equal(2, schedule.Sensors[0].FailedReads, "per sensor");
            Check.Equal(SensorReadStatus.NoResponse, schedule.Sensors[0].LastStatus, "a throwing driver did not answer");
            Check.Equal(0, schedule.Queue.Count, "nothing queued");
        }

        private static string Topics(SentPackets sent)
        {
            string topics = string.Empty;
            for (int i = 0; i < sent.Count; i++)
            {
                topics = topics + (i > 0 ? " " : string.Empty) + sent[i].Topic;
            }

            return topics;
        }
    }
}
