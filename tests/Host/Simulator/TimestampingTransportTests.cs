using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using HomeNode.Simulator;
using Xunit;

namespace HomeNode.Tests.Host.Simulator
{
    public sealed class TimestampingTransportTests
    {
        // MQTT 3.1.1 §3.3.2.3 Figure 3.11: variable header of a PUBLISH with topic "a/b" and packet identifier 10.
        private static readonly byte[] SpecVariableHeader = { 0x00, 0x03, (byte)'a', (byte)'/', (byte)'b', 0x00, 0x0A };

        [Theory]
        [InlineData(int.MaxValue)]
        [InlineData(1)]
        [InlineData(3)]
        public void SeesEveryPublishAndItsTopicWhateverTheSplit(int maxPerSend)
        {
            LatencyRecorder latency = new LatencyRecorder();
            DeviceTraffic traffic = new DeviceTraffic(0, new[] { "a/b" }, new[] { Encoding.UTF8.GetBytes("a/b") }, latency);
            PartialWriteTransport wire = new PartialWriteTransport { MaxPerSend = maxPerSend };
            TimestampingTransport transport = new TimestampingTransport(wire) { Traffic = traffic };

            List<byte> stream = new List<byte>();
            // QoS 1 PUBLISH (0x32) "a/b" id 10, payload "21.5": remaining length 7 + 4 = 11 (§2.2.3).
            stream.Add(0x32);
            stream.Add(11);
            stream.AddRange(SpecVariableHeader);
            stream.AddRange(Encoding.ASCII.GetBytes("21.5"));
            // PINGREQ (§3.12): C0 00, not a PUBLISH.
            stream.Add(0xC0);
            stream.Add(0x00);
            // QoS 0 PUBLISH on another topic with a 200-byte payload: remaining length 2 + 5 + 200 = 207 = CF 01 (§2.2.3).
            stream.Add(0x30);
            stream.Add(0xCF);
            stream.Add(0x01);
            stream.AddRange(new byte[] { 0x00, 0x05 });
            stream.AddRange(Encoding.ASCII.GetBytes("x/dia"));
            stream.AddRange(new byte[200]);
            // The first PUBLISH again as a resend: DUP set (0x3A, §3.3.1.1); counted, but not a new reading.
            stream.Add(0x3A);
            stream.Add(11);
            stream.AddRange(SpecVariableHeader);
            stream.AddRange(Encoding.ASCII.GetBytes("21.5"));

            byte[] bytes = stream.ToArray();
            int offset = 0;
            while (offset < bytes.Length)
            {
                offset += transport.Send(bytes, offset, bytes.Length - offset);
            }

            Assert.Equal(bytes, wire.Sent.ToArray());
            Assert.Equal(3, traffic.Publishes);

            // Exactly one send is waiting for its arrival: the DUP one was not paired, the diag one is not a reading.
            traffic.OnReadingReceived(0, Stopwatch.GetTimestamp());
            Assert.Equal(1, latency.Count);
            traffic.OnReadingReceived(0, Stopwatch.GetTimestamp());
            Assert.Equal(1, latency.Count);
        }

        [Fact]
        public void PairsSendsAndArrivalsInOrderWhicheverComesFirst()
        {
            LatencyRecorder latency = new LatencyRecorder();
            DeviceTraffic traffic = new DeviceTraffic(0, new[] { "t" }, new[] { new byte[] { (byte)'t' } }, latency);
            long ms = Stopwatch.Frequency / 1000;

            traffic.OnPublishSent(0, false, 1000 * ms);
            traffic.OnPublishSent(0, false, 1001 * ms);
            traffic.OnReadingReceived(0, 1004 * ms); // pairs with the send at 1000: 4 ms
            traffic.OnReadingReceived(0, 1009 * ms); // with 1001: 8 ms

            // The arrival is seen before its send was recorded (loopback): still paired, 2 ms.
            traffic.OnReadingReceived(0, 1022 * ms);
            traffic.OnPublishSent(0, false, 1020 * ms);

            LatencyPercentiles p = latency.RunPercentiles();
            Assert.Equal(3, p.Count);
            Assert.Equal(4.0, p.P50, 6);
            Assert.Equal(8.0, p.Max, 6);
            Assert.Equal(3, traffic.ReadingsReceived);
            Assert.Equal(0, traffic.Unpaired);
        }

        [Fact]
        public void NearestRankPercentiles()
        {
            double[] samples = new double[100];
            for (int i = 0; i < samples.Length; i++)
            {
                samples[i] = 100 - i; // 100 .. 1, unsorted on purpose
            }

            LatencyPercentiles p = LatencyPercentiles.Of(samples);
            Assert.Equal(50.0, p.P50);
            Assert.Equal(95.0, p.P95);
            Assert.Equal(99.0, p.P99);
            Assert.Equal(100.0, p.Max);
            Assert.True(double.IsNaN(LatencyPercentiles.Of(new double[0]).P50));
        }
    }
}
