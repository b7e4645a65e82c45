using System;
using HomeNode.App.Connection;
using HomeNode.App.Discovery;
using HomeNode.App.Lights;
using HomeNode.App.Payloads;
using HomeNode.App.Queue;
using HomeNode.App.Sensors;
using HomeNode.Mqtt;
using HomeNode.App.Topics;
using Xunit;

namespace HomeNode.Tests.Host.App
{
    /// <summary>The app's steady-state paths allocate nothing: 10,000 calls leave the thread's allocated bytes unchanged.</summary>
    public class AppAllocationTests
    {
        private const int Calls = 10000;

        private delegate void Step(int i);

        private static void AssertNoAllocation(Step step)
        {
            // warm up: JIT, static constructors, tiering
            for (int i = 0; i < 100; i++)
            {
                step(i);
            }

            SteadyStateAllocation.AssertNone(() =>
            {
                for (int i = 0; i < Calls; i++)
                {
                    step(i);
                }
            });
        }

        [Fact]
        public void DecimalFormatterDoesNotAllocate()
        {
            byte[] buffer = new byte[DecimalFormatter.MaxLength];
            int total = 0;
            AssertNoAllocation(i =>
            {
                total += DecimalFormatter.Write((i * 0.037) - 50.0, i % 7, buffer, 0, buffer.Length);
                total += DecimalFormatter.WriteInteger(i * -1234567L, buffer, 0, buffer.Length);
            });
            Assert.True(total > 0);
        }

        [Fact]
        public void LightCommandParsingDoesNotAllocate()
        {
            byte[][] payloads = { Bytes(" ON "), Bytes("off"), Bytes("Toggle"), Bytes("1"), Bytes("nonsense"), Bytes("FALSE\r\n") };
            byte[] state = new byte[3];
            int on = 0;
            AssertNoAllocation(i =>
            {
                byte[] payload = payloads[i % payloads.Length];
                LightCommandKind kind = LightCommand.Parse(payload, 0, payload.Length);
                if (LightCommand.NextState(kind, (i & 1) == 0))
                {
                    on++;
                }

                LightCommand.WriteState(on % 2 == 0, state, 0, state.Length);
            });
            Assert.True(on > 0);
        }

        [Fact]
        public void TopicLevelsDoNotAllocate()
        {
            string[] levels = { TopicLevels.Set, TopicLevels.Diag, TopicLevels.Status, "k\u00FCche" };
            int total = 0;
            AssertNoAllocation(i =>
            {
                total += MqttUtf8.Measure(levels[i % levels.Length]);
                total += SensorKindTable.Of((MeasurementKind)(i % 3)).Level.Length;
            });
            Assert.True(total > 0);
        }

        [Fact]
        public void QueueEnqueueAndDequeueDoNotAllocate()
        {
            OfflineQueue queue = new OfflineQueue(64, 16);
            byte[] payload = Bytes("1013.25");
            int total = 0;
            AssertNoAllocation(i =>
            {
                queue.Enqueue(i % 5, payload, 0, payload.Length);
                queue.Enqueue(i % 7, payload, 1, 3);
                if (queue.TryPeekOldest(out int topicId, out int offset, out int length))
                {
                    total += topicId + queue.PayloadStorage[offset] + length;
                    queue.RemoveOldest();
                }

                if (i % 1000 == 999)
                {
                    queue.Clear();
                }
            });
            Assert.True(total > 0);
            Assert.True(queue.DroppedCount > 0);
        }

        [Fact]
        public void FilterAndBackoffDoNotAllocate()
        {
            ReadingFilter filter = new ReadingFilter(8, 0.1, 300);
            ReconnectBackoff backoff = new ReconnectBackoff(12345);
            int published = 0;
            long delays = 0;
            AssertNoAllocation(i =>
            {
                double value = 20.0 + ((i % 17) * 0.05);
                if (filter.Offer(value, i * 1000L, out double toPublish))
                {
                    published++;
                }

                delays += backoff.NextDelayMilliseconds();
                if (i % 10 == 0)
                {
                    backoff.Reset();
                }
            });
            Assert.True(published > 0);
            Assert.True(delays > 0);
        }

        [Fact]
        public void DiscoveryWritingDoesNotAllocate()
        {
            DiscoveryPayloadWriter writer = new DiscoveryPayloadWriter("esp32-a1b2c3", "Kitchen node", "ESP32", "0.3.0", "ourhome/kitchen/status");
            byte[] buffer = new byte[1024];
            int total = 0;
            AssertNoAllocation(i =>
            {
                total += writer.WriteSensorConfig((MeasurementKind)(i % 3), "t", "Kitchen temperature", "ourhome/kitchen/temperature", buffer, 0, buffer.Length);
                total += writer.WriteLightConfig("ceiling", "Ceiling", "ourhome/kitchen/ceiling/set", "ourhome/kitchen/ceiling", buffer, 0, buffer.Length);
                total += writer.WriteConfigTopic(DiscoveryPayloadWriter.DefaultPrefix, DiscoveryPayloadWriter.SensorComponent, "t", buffer, 0, buffer.Length);
            });
            Assert.True(total > 0);
        }

        private static byte[] Bytes(string text)
        {
            return System.Text.Encoding.UTF8.GetBytes(text);
        }
    }
}
