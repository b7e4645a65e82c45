using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using HomeNode.Bench;
using HomeNode.Host.Mosquitto;
using Xunit;
using Xunit.Abstractions;

namespace HomeNode.Tests.Host
{
    /// <summary>The bench harness end to end at a tiny size: its own mosquitto, every workload, both clients, sane figures, broker stopped.</summary>
    public class BenchTests
    {
        private readonly ITestOutputHelper output;

        public BenchTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public async Task TinyRunMeasuresEveryWorkloadForBothClientsAndStopsItsBroker()
        {
            BenchOptions options = BenchOptions.Parse(new[] { "--quick", "--messages", "200", "--payloads", "16,300", "--seconds", "2" });
            List<WorkloadResult> results;
            int brokerProcess;
            using (MosquittoBroker broker = MosquittoBroker.Start(BenchRunner.BrokerOptions()))
            {
                brokerProcess = broker.ProcessId;
                Assert.StartsWith("mosquitto version", broker.Version);
                BenchRunner runner = new BenchRunner(options, broker);
                results = await runner.RunAsync(Program.Contenders, null);
            }

            System.IO.StringWriter table = new System.IO.StringWriter();
            ResultTable.Write(table, results);
            output.WriteLine(table.ToString());

            Assert.Equal(new[] { "MQTTnet", "HomeNode" }, Program.Contenders.Select(c => c.Name));
            Assert.Equal(BenchOptions.AllWorkloads.Length * 2 * 2, results.Count);
            foreach (WorkloadResult result in results)
            {
                string what = result.Workload + " " + result.PayloadBytes + " " + result.Contender;
                Assert.True(result.Messages > 0, what);
                Assert.Equal(result.Sent, result.Messages);
                Assert.Equal(0, result.Lost);
                Assert.True(result.MessagesPerSecond > 0, what);
                Assert.True(result.CpuMicrosecondsPerMessage > 0, what);
                Assert.NotNull(result.Ratio);
                if (result.Contender == "MQTTnet")
                {
                    Assert.Equal(1.0, result.Ratio);

                    // MQTTnet allocates per message (a message object at least); zero would mean the counter is not read
                    Assert.True(result.AllocatedBytesPerMessage > 0, what);
                }
                else
                {
                    // our client's claim, read on the threads that drive it over real sockets: nothing per message
                    Assert.True(result.WorkerThreadBytesPerMessage == 0, what + ": " + (result.WorkerThreadBytesPerMessage * result.Messages) + " bytes on the worker threads");
                }

                if (!result.Workload.EndsWith("-publish"))
                {
                    Assert.NotNull(result.BrokerCpuMicrosecondsPerMessage);
                    Assert.Equal(result.Workload.EndsWith("-throughput"), result.PublishSeconds.HasValue);
                }
            }

            foreach (string client in new[] { "MQTTnet", "HomeNode" })
            {
                WorkloadResult latency = results.Single(r => r.Workload == "qos1-latency" && r.PayloadBytes == 16 && r.Contender == client);
                Assert.Equal("p99", latency.Headline);
                Assert.True(latency.P50Microseconds > 0 && latency.P99Microseconds >= latency.P50Microseconds, client + " p50 " + latency.P50Microseconds + " p99 " + latency.P99Microseconds);
                Assert.Null(results.First(r => r.Workload == "qos0-throughput" && r.Contender == client).P99Microseconds);
            }

            Assert.Throws<ArgumentException>(() => Process.GetProcessById(brokerProcess));
        }

        [Fact]
        public void OurClientsMemoryIsWhatItWasGiven()
        {
            PolledClientConfiguration firmware = new PolledClientConfiguration
            {
                SendBufferBytes = 1024,
                ReceiveBufferBytes = 1024,
                InflightSlots = 8,
                InflightSlotBytes = 768,
                IncomingQos2Slots = 4,
            };
            ClientMemoryEntry entry = Program.ClientMemory("firmware", firmware);

            // buffers, slot storage, per slot id (2) + kind (1) + length (4) + sequence (8) + resends (4), incoming ids (2 each)
            Assert.Equal(1024 + 1024 + (8 * 768) + (8 * 19) + (4 * 2), entry.FootprintBytes);
        }

        [Fact]
        public void OptionsRejectUnknownWorkloads()
        {
            Assert.Throws<ArgumentException>(() => BenchOptions.Parse(new[] { "--workloads", "qos2-throughput" }));
            BenchOptions quick = BenchOptions.Parse(new[] { "--quick", "--json", "out.json" });
            Assert.True(quick.Quick);
            Assert.Equal("out.json", quick.JsonPath);
            Assert.Equal(new[] { 16, 256, 4096 }, quick.Payloads);
        }
    }
}
