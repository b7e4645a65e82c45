using System;
using System.Linq;
using HomeNode.App.Runtime;
using HomeNode.Host;
using HomeNode.Host.Mosquitto;
using HomeNode.Tests.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace HomeNode.Tests.Host.Reliability
{
    /// <summary>
    /// The runtime against a broker that says no (bad credentials) and a port where nothing listens: its backoff is
    /// honoured (equal jitter on 1 s, 2 s, 4 s ...) and there is never more than one CONNECT a second (AWS IoT Core's
    /// limit per client id). CONNECTs are timestamped at the transport and, for the refusing broker, at a proxy.
    /// </summary>
    public sealed class RefusingBrokerTests
    {
        private const int RunMilliseconds = 8000;

        private readonly ITestOutputHelper output;

        public RefusingBrokerTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void BadCredentialsAreRetriedOnTheBackoffScheduleAtMostOnceASecond()
        {
            MosquittoBrokerOptions options = new MosquittoBrokerOptions { Tls = false, AllowAnonymous = false };
            options.Users["device"] = "right-password";
            using (MosquittoBroker broker = MosquittoBroker.Start(options))
            using (BlackHoleProxy proxy = new BlackHoleProxy(broker.Port))
            {
                StopwatchClock clock = new StopwatchClock();
                CountingTransport transport = new CountingTransport(new TcpTransport(new TransportOptions("127.0.0.1", proxy.Port)), clock);
                HomeNodeRuntime runtime = RuntimeOnHost.Create(Config(proxy.Port, "username = device\npassword = wrong-password\n"), transport, clock, new ScriptedHardware());
                runtime.Start();
                RuntimeOnHost.PollUntil(runtime, () => false, TimeSpan.FromMilliseconds(RunMilliseconds));
                runtime.Stop();

                this.Report("bad credentials", transport.Connects, proxy.ConnectTimes);
                this.output.WriteLine("CONNACK return codes: " + string.Join(", ", transport.ConnAckCodes));
                Assert.All(transport.ConnAckCodes, code => Assert.True(code == 4 || code == 5, "refused: bad user name or password / not authorized"));
                Assert.True(transport.ConnAckCodes.Count >= transport.Connects.Count - 1, "every finished attempt was refused");
                AssertSchedule(transport.Connects);
                AssertSchedule(proxy.ConnectTimes.ToList());
                Assert.Equal(RuntimeStatus.Stopped, runtime.Status);
                Assert.True(runtime.Counters.FailedConnects >= transport.Connects.Count - 1);
            }
        }

        [Fact]
        public void AnUnreachableBrokerIsRetriedOnTheBackoffScheduleAtMostOnceASecond()
        {
            int port = UnusedPort();
            StopwatchClock clock = new StopwatchClock();
            CountingTransport transport = new CountingTransport(new TcpTransport(new TransportOptions("127.0.0.1", port)), clock);
            HomeNodeRuntime runtime = RuntimeOnHost.Create(Config(port, string.Empty), transport, clock, new ScriptedHardware());
            runtime.Start();
            RuntimeOnHost.PollUntil(runtime, () => false, TimeSpan.FromMilliseconds(RunMilliseconds));

            this.Report("nothing listening", transport.Opens, new long[0]);
            Assert.Empty(transport.Connects); // no connection, so no CONNECT bytes
            AssertSchedule(transport.Opens);
            Assert.Equal(transport.Opens.Count, runtime.Counters.FailedConnects);
            Assert.Equal(RuntimeStatus.WaitingToReconnect, runtime.Status);
        }

        private static string Config(int port, string credentials) =>
            "[broker]\nhost = 127.0.0.1\nport = " + port + "\n" + credentials + "keep_alive = 10\nreconnect_max_delay = 60\n" +
            "[device]\nname = refused\nbase_topic = ourhome/test/refused\n";

        /// <summary>Gap k (k = 1, 2, ...) lies in [max(1 s, E/2), E] with E = 1 s x 2^(k-1) (ReconnectBackoff), plus polling slack.</summary>
        private static void AssertSchedule(System.Collections.Generic.IList<long> attempts)
        {
            Assert.True(attempts.Count >= 4 && attempts.Count <= 5, "attempts in 8 s: " + attempts.Count);
            long exponential = 1000;
            for (int i = 1; i < attempts.Count; i++)
            {
                long gap = attempts[i] - attempts[i - 1];
                long low = Math.Max(1000, exponential / 2);

                // Timestamps are taken just after the runtime's own clock read; 5 ms covers that, 400 ms the polling
                // and the connect that precede a refusal.
                Assert.True(gap >= low - 5 && gap <= exponential + 400, $"gap {i}: {gap} ms, expected {low} to {exponential}");
                Assert.True(gap >= 995, "never more than one CONNECT a second");
                exponential *= 2;
            }
        }

        private void Report(string what, System.Collections.Generic.IList<long> attempts, long[] atProxy)
        {
            this.output.WriteLine($"{what}: {attempts.Count} attempts in {RunMilliseconds} ms, gaps (ms): {string.Join(", ", attempts.Skip(1).Select((t, i) => t - attempts[i]))}");
            if (atProxy.Length > 0)
            {
                this.output.WriteLine($"  CONNECTs seen at the proxy: {atProxy.Length}, gaps (ms): {string.Join(", ", atProxy.Skip(1).Select((t, i) => t - atProxy[i]))}");
            }
        }

        private static int UnusedPort()
        {
            System.Net.Sockets.TcpListener listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
