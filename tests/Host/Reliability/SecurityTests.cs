using System;
using System.IO;
using System.Linq;
using System.Text;
using HomeNode.App.Runtime;
using HomeNode.ConfigCheck;
using HomeNode.Host;
using HomeNode.Host.Mosquitto;
using HomeNode.Mqtt;
using HomeNode.Tests.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace HomeNode.Tests.Host.Reliability
{
    /// <summary>
    /// TLS, client certificates, user names with an ACL, and secrets kept out of everything the firmware and tools
    /// print or publish: at the level of our MQTT client and runtime, against mosquitto.
    /// </summary>
    public sealed class SecurityTests
    {
        private const string Secret = "Sup3r-Secret-Pa55";

        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

        private const string Acl =
            "user device1\n" +
            "topic write ourhome/kitchen/#\n" +
            "topic read ourhome/kitchen/+/set\n" +
            "\n" +
            "user observer\n" +
            "topic readwrite #\n";

        private readonly ITestOutputHelper output;

        public SecurityTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void WithTheRightCaTheClientConnectsOverTlsAndAWrongCaOrHostNameIsRefused()
        {
            using (MosquittoBroker broker = MosquittoBroker.Start(new MosquittoBrokerOptions()))
            using (TestCertificateAuthority other = TestCertificateAuthority.Create("Not the broker's CA"))
            {
                StopwatchClock clock = new StopwatchClock();
                TlsTransport good = Tls(broker, "localhost", new TlsOptions { CaCertificate = broker.CaCertificate });
                using (LiveClient client = new LiveClient(good, clock, "sec-tls-good", true, 10, 4, 16))
                {
                    Assert.True(LiveClient.PumpUntil(() => client.IsConnected, TimeSpan.FromSeconds(5), client), "connected over TLS");
                    Assert.NotEqual(System.Security.Authentication.SslProtocols.None, good.NegotiatedProtocol);
                    this.output.WriteLine("TLS with the test CA: connected, " + good.NegotiatedProtocol);
                }

                AssertRefused(Tls(broker, "localhost", new TlsOptions { CaCertificate = other.Certificate }), clock, TransportFailure.CertificateRejected, "wrong CA");
                AssertRefused(Tls(broker, "localhost", new TlsOptions { CaCertificate = broker.CaCertificate, ServerName = "not-the-broker.example" }), clock, TransportFailure.CertificateRejected, "host name not in the certificate");
                AssertRefused(Tls(broker, "localhost", new TlsOptions()), clock, TransportFailure.CertificateRejected, "system store (test CA not trusted)");
            }
        }

        [Fact]
        public void AClientCertificateIsAcceptedByABrokerThatRequiresOneAndItsAbsenceIsNot()
        {
            using (MosquittoBroker broker = MosquittoBroker.Start(new MosquittoBrokerOptions { RequireCertificate = true }))
            {
                StopwatchClock clock = new StopwatchClock();
                TlsOptions withCertificate = new TlsOptions { CaCertificate = broker.CaCertificate, ClientCertificate = broker.ClientCertificate };
                using (LiveClient client = new LiveClient(Tls(broker, "localhost", withCertificate), clock, "sec-cert", true, 10, 4, 16))
                {
                    client.OnConnectedAction = (c, present) => c.Client.Subscribe("sec/cert", MqttQos.AtLeastOnce, out ushort unused);
                    Assert.True(LiveClient.PumpUntil(() => client.SubscribeAcknowledged == 1, TimeSpan.FromSeconds(5), client), "connected with a client certificate");
                    Assert.Equal(MqttStatus.Ok, client.PublishSequence("sec/cert", 3, MqttQos.AtLeastOnce));
                    Assert.True(LiveClient.PumpUntil(() => client.ReceivedCounts[3] == 1, TimeSpan.FromSeconds(5), client), "round trip");
                }

                TlsTransport without = Tls(broker, "localhost", new TlsOptions { CaCertificate = broker.CaCertificate });
                using (LiveClient client = new LiveClient(without, clock, "sec-no-cert", true, 10, 4, 16))
                {
                    // TLS 1.3 finishes the client's side of the handshake before the server checks for a certificate,
                    // so the refusal may come as a failed open or as a connection closed before CONNACK. Watch two
                    // attempts end (or one succeed, which fails the test).
                    Assert.True(LiveClient.PumpUntil(() => client.IsConnected || (client.ConnectAttempts >= 2 && client.Client.State == MqttConnectionState.Disconnected), Deadline, client), "two attempts ended");
                    Assert.Equal(0, client.Connections);
                    this.output.WriteLine($"without a client certificate: {client.ConnectAttempts} attempts, none accepted; last open failure {without.LastFailure}, closes: {string.Join(", ", client.Closes.Select(c => c.Reason).Distinct())}");
                }
            }
        }

        [Fact]
        public void WithAnAclADevicePublishesOnlyUnderItsBaseTopicAndReadsOnlyItsCommandTopics()
        {
            MosquittoBrokerOptions options = new MosquittoBrokerOptions { Tls = false, AllowAnonymous = false, Acl = Acl };
            options.Users["device1"] = Secret;
            options.Users["observer"] = "observer-password";
            using (MosquittoBroker broker = MosquittoBroker.Start(options))
            {
                StopwatchClock clock = new StopwatchClock();
                using (LiveClient device = Client(broker, clock, "sec-acl-device", "device1", Secret))
                using (LiveClient observer = Client(broker, clock, "sec-acl-observer", "observer", "observer-password"))
                {
                    device.OnConnectedAction = (c, present) => c.Client.Subscribe(new[] { "ourhome/kitchen/light/set", "ourhome/garage/light/set", "ourhome/#" }, new[] { MqttQos.AtLeastOnce, MqttQos.AtLeastOnce, MqttQos.AtLeastOnce }, 3, out ushort unused);
                    observer.OnConnectedAction = (c, present) => c.Client.Subscribe("ourhome/#", MqttQos.AtLeastOnce, out ushort unused);
                    Assert.True(LiveClient.PumpUntil(() => device.SubscribeAcknowledged == 1 && observer.SubscribeAcknowledged == 1, TimeSpan.FromSeconds(5), device, observer), "both subscribed");

                    // Outside the device's base topic first; the allowed one after it marks that both were handled.
                    Assert.Equal(MqttStatus.Ok, device.PublishSequence("ourhome/garage/temperature", 1, MqttQos.AtLeastOnce));
                    Assert.Equal(MqttStatus.Ok, device.PublishSequence("ourhome/kitchen/temperature", 2, MqttQos.AtLeastOnce));
                    Assert.True(LiveClient.PumpUntil(() => observer.ReceivedCounts[2] == 1, TimeSpan.FromSeconds(5), device, observer), "allowed publish delivered");

                    // Commands: only the device's own command topics reach it, whatever it subscribed to.
                    Assert.Equal(MqttStatus.Ok, observer.PublishSequence("ourhome/garage/light/set", 3, MqttQos.AtLeastOnce));
                    Assert.Equal(MqttStatus.Ok, observer.PublishSequence("ourhome/garage/temperature", 4, MqttQos.AtLeastOnce));
                    Assert.Equal(MqttStatus.Ok, observer.PublishSequence("ourhome/kitchen/light/set", 5, MqttQos.AtLeastOnce));
                    Assert.True(LiveClient.PumpUntil(() => device.ReceivedCounts[5] >= 1, TimeSpan.FromSeconds(5), device, observer), "own command delivered");

                    // mosquitto delivers to a client in the order it handled the publishes, so #3 and #4, had they been
                    // let through, would have arrived before #5 (and #1 before #2): nothing more to wait for.

                    this.output.WriteLine($"observer received from the device: #2 {observer.ReceivedCounts[2]}x, #1 (outside its base topic) {observer.ReceivedCounts[1]}x");
                    this.output.WriteLine($"device received: own command #5 {device.ReceivedCounts[5]}x, other command #3 {device.ReceivedCounts[3]}x, other topic #4 {device.ReceivedCounts[4]}x");
                    Assert.Equal(0, observer.ReceivedCounts[1]);
                    Assert.Equal(0, device.ReceivedCounts[3]);
                    Assert.Equal(0, device.ReceivedCounts[4]);
                    Assert.True(device.IsConnected && observer.IsConnected, "denials do not cost the connection");
                }
            }
        }

        [Fact]
        public void ThePasswordAppearsInNoPublishedMessageDiagnosticsToStringOrToolOutput()
        {
            MosquittoBrokerOptions options = new MosquittoBrokerOptions { Tls = false, AllowAnonymous = false };
            options.Users["device1"] = Secret;
            options.Users["observer"] = "observer-password";
            using (MosquittoBroker broker = MosquittoBroker.Start(options))
            {
                StopwatchClock clock = new StopwatchClock();
                string config =
                    "[broker]\nhost = 127.0.0.1\nport = " + broker.Port + "\nusername = device1\npassword = " + Secret + "\nclient_id = sec-runtime\nkeep_alive = 10\n" +
                    "[device]\nname = kitchen\nbase_topic = ourhome/kitchen\ndiagnostics_period = 1\n" +
                    "[sensor climate]\ntype = sht3x\ntopic = ourhome/kitchen\nperiod = 1\n" +
                    "[light ceiling]\npin = 26\n";
                TcpTransport tcp = new TcpTransport(new TransportOptions("127.0.0.1", broker.Port));
                HomeNodeRuntime runtime = RuntimeOnHost.Create(config, tcp, clock, new ScriptedHardware());
                using (LiveClient observer = Client(broker, clock, "sec-observer", "observer", "observer-password"))
                {
                    observer.KeepMessages = true;
                    observer.OnConnectedAction = (c, present) => c.Client.Subscribe(new[] { "ourhome/#", "homeassistant/#" }, new[] { MqttQos.AtLeastOnce, MqttQos.AtLeastOnce }, 2, out ushort unused);
                    Assert.True(LiveClient.PumpUntil(() => observer.SubscribeAcknowledged == 1, TimeSpan.FromSeconds(5), observer), "observer subscribed");
                    runtime.Start();
                    Assert.True(RuntimeOnHost.PollUntil(runtime, () => observer.Log.Count(m => m.Topic == runtime.DiagnosticsTopic) >= 2, TimeSpan.FromSeconds(10), observer), "diagnostics published");
                    runtime.Stop();

                    // "offline" is the last thing the runtime publishes; in order on one connection, so all else came first.
                    Assert.True(LiveClient.PumpUntil(() => observer.Log.Any(m => m.Topic == runtime.StatusTopic && Encoding.UTF8.GetString(m.Payload) == "offline"), TimeSpan.FromSeconds(5), observer), "offline published on stop");

                    string diag = Encoding.UTF8.GetString(observer.Log.Last(m => m.Topic == runtime.DiagnosticsTopic).Payload);
                    this.output.WriteLine($"observer saw {observer.Log.Count} messages on {observer.Log.Select(m => m.Topic).Distinct().Count()} topics; diag: {diag}");
                    foreach ((string topic, byte[] payload) in observer.Log)
                    {
                        Assert.DoesNotContain(Secret, topic);
                        Assert.DoesNotContain(Secret, Encoding.UTF8.GetString(payload));
                    }
                }

                string[] texts =
                {
                    runtime.ToString(), runtime.Client.ToString(), tcp.ToString(), runtime.Counters.ToString(), runtime.Queue.ToString(),
                    new TransportOptions("127.0.0.1", broker.Port).ToString(),
                    new TlsOptions { CaCertificate = broker.CaCertificate, ClientCertificate = broker.ClientCertificate }.ToString(),
                };
                foreach (string text in texts)
                {
                    Assert.DoesNotContain(Secret, text);
                }

                // ConfigCheck on the same file, valid, and with mistakes on and around the password line.
                string directory = Path.Combine(Path.GetTempPath(), "homenode-sec-" + Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(directory);
                try
                {
                    string[] variants =
                    {
                        config,
                        config.Replace("username = device1\n", string.Empty), // password without a user name
                        config.Replace("password =", "pasword ="), // misspelt key
                        config.Replace("password = " + Secret, "password = " + Secret + "\u0000"), // not valid MQTT UTF-8
                        config.Replace("port = " + broker.Port, "port = x" + Secret),
                    };
                    for (int i = 0; i < variants.Length; i++)
                    {
                        string path = Path.Combine(directory, "homenode" + i + ".conf");
                        File.WriteAllText(path, variants[i]);
                        StringWriter stdout = new StringWriter();
                        StringWriter stderr = new StringWriter();
                        int exit = ConfigCheckCommand.Run(new[] { path }, stdout, stderr);
                        string printed = stdout.ToString() + stderr.ToString();
                        this.output.WriteLine($"config-check variant {i}: exit {exit}: {printed.Trim().Replace('\n', ' ')}");
                        if (i == 4)
                        {
                            continue; // the secret was put in a port value on purpose: echoing a wrong port is fine
                        }

                        Assert.DoesNotContain(Secret, printed);
                    }
                }
                finally
                {
                    Directory.Delete(directory, true);
                }
            }
        }

        private static LiveClient Client(MosquittoBroker broker, StopwatchClock clock, string clientId, string user, string password)
        {
            LiveClient client = new LiveClient(new TcpTransport(new TransportOptions("127.0.0.1", broker.Port)), clock, clientId, true, 10, 8, 16);
            client.Options.Username = user;
            client.Options.Password = Encoding.UTF8.GetBytes(password);
            return client;
        }

        private static TlsTransport Tls(MosquittoBroker broker, string host, TlsOptions tls) =>
            new TlsTransport(new TransportOptions(host, broker.TlsPort), tls);

        private static void AssertRefused(TlsTransport transport, StopwatchClock clock, TransportFailure expected, string what)
        {
            using (LiveClient client = new LiveClient(transport, clock, "sec-refused", true, 10, 4, 16))
            {
                Assert.Equal(MqttStatus.TransportOpenFailed, client.Client.Connect(client.Options));
                Assert.Equal(expected, transport.LastFailure);
                Assert.Equal(MqttConnectionState.Disconnected, client.Client.State);
                Assert.Equal(0, client.Connections);
            }
        }
    }
}
