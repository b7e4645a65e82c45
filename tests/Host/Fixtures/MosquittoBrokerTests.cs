using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using HomeNode.Host;
using HomeNode.Host.Mosquitto;
using HomeNode.Tests.Host.Integration;
using HomeNode.Tests.Host.Transports;
using Xunit;

namespace HomeNode.Tests.Host.Fixtures
{
    /// <summary>The fixture's own promises: authentication files, ACL, persistence across kill -9, cleanup.</summary>
    public sealed class MosquittoBrokerTests
    {
        // CONNACK return codes, MQTT 3.1.1 §3.2.2.3.
        private const byte Accepted = 0x00;
        private const byte NotAuthorized = 0x05;

        [Fact]
        public void PasswordEntryMatchesMosquittoPasswdOutput()
        {
            // Written by mosquitto_passwd 2.0.11 (`mosquitto_passwd -c -b FILE alice s3cret`).
            const string Line = "alice:$7$101$BzocpFLfmrl8b3Em$+egvV8vl5GE7pv/gHKww0dRwCv2Jwprh9YiF7ytx8KIOXm1qnibHtuX+P+wOChvPadztuMkx6rZMQECzP6g8ZA==";
            byte[] salt = Convert.FromBase64String("BzocpFLfmrl8b3Em");
            Assert.Equal(Line, MosquittoPasswordFile.FormatEntry("alice", "s3cret", salt, 101));
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void PasswordFileAdmitsOnlyKnownUsers(bool useMosquittoPasswd)
        {
            MosquittoBrokerOptions options = new MosquittoBrokerOptions { AllowAnonymous = false, Tls = false, UseMosquittoPasswd = useMosquittoPasswd };
            options.Users["alice"] = "s3cret";
            options.Users["bob"] = "hunter2";
            using (MosquittoBroker broker = MosquittoBroker.Start(options))
            {
                Assert.Equal(Accepted, ConnectReturnCode(broker, RawMqtt.ConnectPacket("pw-alice", "alice", "s3cret")));
                Assert.Equal(Accepted, ConnectReturnCode(broker, RawMqtt.ConnectPacket("pw-bob", "bob", "hunter2")));
                Assert.Equal(NotAuthorized, ConnectReturnCode(broker, RawMqtt.ConnectPacket("pw-wrong", "alice", "hunter2")));
                Assert.Equal(NotAuthorized, ConnectReturnCode(broker, RawMqtt.ConnectPacket("pw-anonymous")));
            }
        }

        [Fact]
        public void AclFileDropsPublishesOutsideTheGrant()
        {
            MosquittoBrokerOptions options = new MosquittoBrokerOptions { Tls = false, Acl = "user alice\ntopic readwrite ourhome/#\ntopic read elsewhere/#\n" };
            options.Users["alice"] = "s3cret";
            using (MosquittoBroker broker = MosquittoBroker.Start(options))
            using (TcpTransport transport = OpenTcp(broker))
            {
                Assert.Equal(RawMqtt.ConnackAccepted, RawMqtt.Handshake(transport, RawMqtt.ConnectPacket("acl-alice", "alice", "s3cret")));
                Assert.Equal(new byte[] { 0x90, 0x03, 0x00, 0x01, 0x00 }, SubscribeAck(transport, 1, "ourhome/#", 0));
                Assert.Equal(new byte[] { 0x90, 0x03, 0x00, 0x02, 0x00 }, SubscribeAck(transport, 2, "elsewhere/#", 0));

                // alice may read elsewhere/# but not write it: mosquitto drops that publish silently. MQTT 3.1.1 echoes
                // a client's own publishes back to its matching subscriptions, so only the granted one returns.
                byte[] denied = RawMqtt.PublishQos0("elsewhere/light", new byte[] { 0x31 });
                byte[] granted = RawMqtt.PublishQos0("ourhome/light", new byte[] { 0x32 });
                Assert.True(RawMqtt.SendAll(transport, denied, TimeSpan.FromSeconds(3)));
                Assert.True(RawMqtt.SendAll(transport, granted, TimeSpan.FromSeconds(3)));

                byte[] delivered = new byte[granted.Length + 1];
                int n = RawMqtt.ReceiveExactly(transport, delivered, delivered.Length, TimeSpan.FromMilliseconds(500));
                Assert.Equal(granted.Length, n);
                Assert.Equal(granted, delivered.AsSpan(0, n).ToArray());
            }
        }

        [Fact]
        public void RetainedMessageSurvivesKillWhenPersistent()
        {
            using (MosquittoBroker broker = MosquittoBroker.Start(new MosquittoBrokerOptions { Persistence = true, Tls = false }))
            {
                PublishRetained(broker, "kept");
                Assert.True(Polling.TryUntil(() => File.Exists(broker.DatabasePath), TimeSpan.FromSeconds(3)), "no database written\n" + broker.ReadLog());

                broker.Kill();
                broker.Restart();
                Assert.Equal("kept", ReadRetained(broker));
            }
        }

        [Fact]
        public void WaitUntilSavedAfterSeesTheSaveThatFollowsALoggedLine()
        {
            // debug: mosquitto logs the PUBACK it sends, and the save follows it at the top of its next loop turn
            MosquittoBrokerOptions options = new MosquittoBrokerOptions { Persistence = true, Tls = false };
            options.LogTypes = options.LogTypes.Append("debug").ToArray();
            using (MosquittoBroker broker = MosquittoBroker.Start(options))
            {
                PublishRetained(broker, "saved");
                Assert.True(broker.WaitUntilSavedAfter("Sending PUBACK to retain-writer", TimeSpan.FromSeconds(10)), broker.ReadLog());
                Assert.False(broker.WaitUntilSavedAfter("no such line", TimeSpan.FromMilliseconds(100)));

                broker.Kill();
                broker.Restart();
                Assert.Equal("saved", ReadRetained(broker));
            }
        }

        [Fact]
        public void RetainedMessageIsLostOnKillWithoutPersistence()
        {
            using (MosquittoBroker broker = MosquittoBroker.Start(new MosquittoBrokerOptions { Tls = false }))
            {
                PublishRetained(broker, "gone");
                Assert.Equal("gone", ReadRetained(broker));
                broker.Kill();
                broker.Restart();
                Assert.Null(ReadRetained(broker));
            }
        }

        [Fact]
        public void TerminateStopsCleanlyAndRestartComesBackOnTheSamePort()
        {
            using (MosquittoBroker broker = MosquittoBroker.Start(new MosquittoBrokerOptions { Persistence = true, Tls = false }))
            {
                PublishRetained(broker, "after sigterm");
                int port = broker.Port;
                int firstProcess = broker.ProcessId;

                broker.Terminate();
                Assert.False(broker.IsRunning);
                Assert.Contains("terminating", broker.ReadLog()); // mosquitto's SIGTERM path, where it saves and exits
                Assert.Throws<ArgumentException>(() => Process.GetProcessById(firstProcess));

                broker.Restart();
                Assert.Equal(port, broker.Port);
                Assert.NotEqual(firstProcess, broker.ProcessId);
                Assert.Equal("after sigterm", ReadRetained(broker));
            }
        }

        [Fact]
        public void FlowLimitsAndLogTypesReachMosquittoAndItsConsoleLinesReachTheCallback()
        {
            System.Collections.Concurrent.ConcurrentQueue<string> console = new System.Collections.Concurrent.ConcurrentQueue<string>();
            MosquittoBrokerOptions options = new MosquittoBrokerOptions
            {
                Tls = false,
                MaxQueuedMessages = 0,
                MaxQueuedBytes = 0,
                MaxInflightMessages = 0,
                MaxInflightBytes = 12345,
                LogTypes = new[] { "error", "notice" },
                ConsoleLine = console.Enqueue,
            };
            using (MosquittoBroker broker = MosquittoBroker.Start(options))
            {
                Assert.StartsWith("mosquitto version", broker.Version);
                Assert.Equal("127.0.0.1", broker.Host);
                string config = File.ReadAllText(Path.Combine(broker.Directory, "mosquitto.conf"));
                foreach (string line in new[] { "max_queued_messages 0", "max_queued_bytes 0", "max_inflight_messages 0", "max_inflight_bytes 12345", "log_type error", "log_type notice", "log_dest stderr" })
                {
                    Assert.Contains(line + "\n", config);
                }

                Assert.DoesNotContain("log_type information", config);

                // The launcher's readiness probe connected: mosquitto logs that at notice level, on stderr as well as in
                // its log file; opening the listener is logged at information level, which was not asked for.
                const string Probe = "New connection from 127.0.0.1";
                Assert.True(Polling.TryUntil(() => console.Any(l => l.Contains(Probe)), TimeSpan.FromSeconds(5)), "console lines: " + string.Join(" | ", console));
                Assert.Contains(Probe, broker.ReadLog());
                Assert.DoesNotContain("Opening ipv4 listen socket", broker.ReadLog());
            }
        }

        [Fact]
        public void DisposeKillsItsProcessAndRemovesItsFiles()
        {
            MosquittoBroker broker = MosquittoBroker.Start();
            string directory = broker.Directory;
            try
            {
                Assert.True(broker.IsRunning);
                Assert.Contains("Opening ipv4 listen socket on port " + broker.Port, broker.ReadLog());
                Assert.True(File.Exists(broker.CaCertificatePath));
            }
            finally
            {
                broker.Dispose();
            }

            Assert.False(broker.IsRunning);
            Assert.False(Directory.Exists(directory) && Environment.GetEnvironmentVariable("HOMENODE_KEEP_BROKER_FILES") != "1");
            using (TcpTransport transport = new TcpTransport(new HomeNode.Host.TransportOptions("127.0.0.1", broker.Port)))
            {
                Assert.False(transport.Open());
            }
        }

        private static void PublishRetained(MosquittoBroker broker, string payload)
        {
            using (TcpTransport transport = OpenTcp(broker))
            {
                Assert.Equal(RawMqtt.ConnackAccepted, RawMqtt.Handshake(transport, RawMqtt.ConnectPacket("retain-writer")));
                Assert.True(RawMqtt.SendAll(transport, RawMqtt.PublishQos1("ourhome/test/retained", 1, Encoding.UTF8.GetBytes(payload), retain: true), TimeSpan.FromSeconds(3)));

                // PUBACK, §3.4.
                byte[] puback = new byte[4];
                Assert.Equal(4, RawMqtt.ReceiveExactly(transport, puback, 4, TimeSpan.FromSeconds(3)));
                Assert.Equal(new byte[] { 0x40, 0x02, 0x00, 0x01 }, puback);
            }
        }

        /// <summary>Subscribes and returns the retained payload, or null when none arrives within half a second.</summary>
        private static string ReadRetained(MosquittoBroker broker)
        {
            using (TcpTransport transport = OpenTcp(broker))
            {
                Assert.Equal(RawMqtt.ConnackAccepted, RawMqtt.Handshake(transport, RawMqtt.ConnectPacket("retain-reader")));
                Assert.Equal(new byte[] { 0x90, 0x03, 0x00, 0x07, 0x01 }, SubscribeAck(transport, 7, "ourhome/test/retained"));

                byte[] header = new byte[2];
                int n = RawMqtt.ReceiveExactly(transport, header, 2, TimeSpan.FromMilliseconds(500));
                if (n == 0)
                {
                    return null;
                }

                Assert.Equal(2, n);

                // PUBLISH QoS 1 with RETAIN set for a retained message sent on subscription (§3.3.1.3).
                Assert.Equal(0x33, header[0]);
                byte[] body = new byte[header[1]];
                Assert.Equal(body.Length, RawMqtt.ReceiveExactly(transport, body, body.Length, TimeSpan.FromSeconds(3)));
                int topicLength = (body[0] << 8) | body[1];
                Assert.Equal("ourhome/test/retained", Encoding.UTF8.GetString(body, 2, topicLength));
                int payloadStart = 2 + topicLength + 2;
                return Encoding.UTF8.GetString(body, payloadStart, body.Length - payloadStart);
            }
        }

        private static byte[] SubscribeAck(TcpTransport transport, ushort packetId, string filter, byte qos = 1)
        {
            Assert.True(RawMqtt.SendAll(transport, RawMqtt.Subscribe(packetId, filter, qos), TimeSpan.FromSeconds(3)));
            byte[] suback = new byte[5];
            Assert.Equal(5, RawMqtt.ReceiveExactly(transport, suback, 5, TimeSpan.FromSeconds(3)));
            return suback;
        }

        private static byte ConnectReturnCode(MosquittoBroker broker, byte[] connect)
        {
            using (TcpTransport transport = OpenTcp(broker))
            {
                Assert.True(RawMqtt.SendAll(transport, connect, TimeSpan.FromSeconds(3)));
                byte[] connack = new byte[4];
                Assert.Equal(4, RawMqtt.ReceiveExactly(transport, connack, 4, TimeSpan.FromSeconds(3)));
                Assert.Equal(0x20, connack[0]);
                Assert.Equal(0x02, connack[1]);
                return connack[3];
            }
        }

        private static TcpTransport OpenTcp(MosquittoBroker broker)
        {
            TcpTransport transport = new TcpTransport(new HomeNode.Host.TransportOptions("127.0.0.1", broker.Port));
            Assert.True(transport.Open(), "open failed: " + transport.LastFailure + "\n" + broker.ReadLog());
            return transport;
        }
    }
}
