using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
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
    /// <remarks>
    /// The schedule is the property under test, so it is timed, on a clock the test holds: it moves in
    /// <see cref="StepMilliseconds"/> steps while the runtime waits to reconnect and stands still while an attempt
    /// waits for the broker's real answer, so each gap is the runtime's own delay to within one step, however slowly
    /// the machine runs.
    /// </remarks>
    public sealed class RefusingBrokerTests
    {
        private const int Attempts = 6;
        private const int StepMilliseconds = 5;

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
            HoldableClock clock = new HoldableClock();
            clock.Hold();
            using (MosquittoBroker broker = MosquittoBroker.Start(options))
            using (BlackHoleProxy proxy = new BlackHoleProxy(broker.Port, clock))
            {
                CountingTransport transport = new CountingTransport(new TcpTransport(new TransportOptions("127.0.0.1", proxy.Port)), clock);
                HomeNodeRuntime runtime = RuntimeOnHost.Create(Config(proxy.Port, "username = device\npassword = wrong-password\n"), transport, clock, new ScriptedHardware());
                runtime.Start();
                Assert.True(PollUntilAttempts(runtime, clock, () => transport.Connects.Count), "attempts made: " + transport.Connects.Count);
                runtime.Stop();

                this.Report("bad credentials", transport.Connects, proxy.ConnectTimes);
                this.output.WriteLine("CONNACK return codes: " + string.Join(", ", transport.ConnAckCodes));
                Assert.All(transport.ConnAckCodes, code => Assert.True(code == 4 || code == 5, "refused: bad user name or password / not authorized"));
                Assert.Equal(transport.Connects.Count, transport.ConnAckCodes.Count); // every attempt was answered, and refused
                AssertSchedule(transport.Connects);

                // Every CONNECT reached the wire, at the moment the runtime sent it.
                Assert.Equal(transport.Connects, proxy.ConnectTimes.ToList());
                Assert.Equal(RuntimeStatus.Stopped, runtime.Status);
                Assert.Equal(transport.Connects.Count, runtime.Counters.FailedConnects);
            }
        }

        [Fact]
        public void AnUnreachableBrokerIsRetriedOnTheBackoffScheduleAtMostOnceASecond()
        {
            int port = LoopbackPort.Free(); // nothing listens there
            HoldableClock clock = new HoldableClock();
            clock.Hold();
            CountingTransport transport = new CountingTransport(new TcpTransport(new TransportOptions("127.0.0.1", port)), clock);
            HomeNodeRuntime runtime = RuntimeOnHost.Create(Config(port, string.Empty), transport, clock, new ScriptedHardware());
            runtime.Start();
            Assert.True(PollUntilAttempts(runtime, clock, () => transport.Opens.Count), "attempts made: " + transport.Opens.Count);

            this.Report("nothing listening", transport.Opens, new long[0]);
            Assert.Empty(transport.Connects); // no connection, so no CONNECT bytes
            AssertSchedule(transport.Opens);
            Assert.Equal(transport.Opens.Count, runtime.Counters.FailedConnects);
            Assert.Equal(RuntimeStatus.WaitingToReconnect, runtime.Status);
        }

        private static string Config(int port, string credentials) =>
            "[broker]\nhost = 127.0.0.1\nport = " + port + "\nprotocol = 3.1.1\n" + credentials + "keep_alive = 10\nreconnect_max_delay = 60\n" + // CountingTransport reads 3.1.1 CONNACKs
            "[device]\nname = refused\nbase_topic = ourhome/test/refused\n";

        /// <summary>
        /// Polls the runtime until it has made <see cref="Attempts"/> attempts and is waiting for the next. The held
        /// clock moves one step per turn, except while an attempt waits for the broker's answer (real I/O).
        /// </summary>
        private static bool PollUntilAttempts(HomeNodeRuntime runtime, HoldableClock clock, Func<int> attempts)
        {
            Stopwatch real = Stopwatch.StartNew();
            while (real.Elapsed < TimeSpan.FromSeconds(60))
            {
                runtime.Poll();
                RuntimeStatus status = runtime.Status;
                if (attempts() >= Attempts && status == RuntimeStatus.WaitingToReconnect)
                {
                    return true;
                }

                if (status == RuntimeStatus.Connecting)
                {
                    Thread.Sleep(1);
                }
                else
                {
                    clock.Advance(StepMilliseconds);
                }
            }

            return false;
        }

        /// <summary>Gap k (k = 1, 2, ...) lies in [max(1 s, E/2), E] with E = 1 s x 2^(k-1) (ReconnectBackoff), plus one clock step.</summary>
        private static void AssertSchedule(IList<long> attempts)
        {
            Assert.Equal(Attempts, attempts.Count);
            long exponential = 1000;
            for (int i = 1; i < attempts.Count; i++)
            {
                long gap = attempts[i] - attempts[i - 1];
                long low = Math.Max(1000, exponential / 2);
                Assert.True(gap >= low && gap <= exponential + StepMilliseconds, $"gap {i}: {gap} ms, expected {low} to {exponential}");
                Assert.True(gap >= 1000, "never more than one CONNECT a second");
                exponential *= 2;
            }
        }

        private void Report(string what, IList<long> attempts, long[] atProxy)
        {
            this.output.WriteLine($"{what}: {attempts.Count} attempts, gaps (ms): {string.Join(", ", attempts.Skip(1).Select((t, i) => t - attempts[i]))}");
            if (atProxy.Length > 0)
            {
                this.output.WriteLine($"  CONNECTs seen at the proxy: {atProxy.Length}, gaps (ms): {string.Join(", ", atProxy.Skip(1).Select((t, i) => t - atProxy[i]))}");
            }
        }
    }
}
