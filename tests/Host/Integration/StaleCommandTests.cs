using System;
using System.Linq;
using HomeNode.Host.Mosquitto;
using HomeNode.Mqtt;
using HomeNode.Tests.Host.Fixtures;
using Xunit;

namespace HomeNode.Tests.Host.Integration
{
    /// <summary>
    /// Issue 10 item 4 against mosquitto: light commands sent while the board was off are not replayed when it comes
    /// back; with power_on = restore the retained state is the truth. Each test has a broker to itself.
    /// </summary>
    public sealed class StaleCommandTests : IDisposable
    {
        private const string Restore = "power_on = restore\n";
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

        private readonly MosquittoBroker broker = MosquittoBroker.Start(new MosquittoBrokerOptions { Tls = false });

        public void Dispose() => this.broker.Dispose();

        /// <summary>The board's own persistent session: commands are subscribed at QoS 0, so mosquitto keeps none of them.</summary>
        [Fact]
        public void TogglesSentWhileTheBoardWasOffDoNotOverrideTheRestoredState()
        {
            using (IntegrationClient remote = this.Observer("remote"))
            {
                remote.SubscribeAndWait(RuntimeUnderTest.LightTopic, MqttQos.AtLeastOnce);
                using (RuntimeUnderTest first = new RuntimeUnderTest(this.broker, extraLightLines: Restore))
                {
                    this.WaitUntilSubscribed(first, remote);
                    remote.PublishAndWait(RuntimeUnderTest.LightCommandTopic, "ON", MqttQos.AtLeastOnce);
                    remote.WaitForMessage(RuntimeUnderTest.LightTopic, m => m.Text == "ON", Wait, first);
                }

                // The board is off (clean DISCONNECT, its session stays): two TOGGLEs would end in OFF if replayed.
                remote.PublishAndWait(RuntimeUnderTest.LightCommandTopic, "TOGGLE", MqttQos.AtLeastOnce);
                remote.PublishAndWait(RuntimeUnderTest.LightCommandTopic, "TOGGLE", MqttQos.AtLeastOnce);
                this.AssertRestoredOn(remote, 0);
            }
        }

        /// <summary>
        /// Commands a broker kept anyway (here QoS 1 ones from a subscription an older firmware made on the same session)
        /// arrive right after CONNACK, before the SUBACK of the board's SUBSCRIBE: counted, not carried out.
        /// </summary>
        [Fact]
        public void CommandsKeptForTheSessionArriveBeforeTheSubackAndAreNotCarriedOut()
        {
            using (IntegrationClient remote = this.Observer("remote"))
            {
                remote.SubscribeAndWait(RuntimeUnderTest.LightTopic, MqttQos.AtLeastOnce);
                remote.PublishAndWait(RuntimeUnderTest.LightTopic, "ON", MqttQos.AtLeastOnce, retain: true);
                remote.WaitForMessage(RuntimeUnderTest.LightTopic, m => m.Text == "ON", Wait);
                using (IntegrationClient olderFirmware = IntegrationClient.Tcp(this.broker, "older firmware"))
                {
                    olderFirmware.Connect(IntegrationClient.Options("homenode-kitchen", cleanSession: false));
                    olderFirmware.SubscribeAndWait(RuntimeUnderTest.LightCommandTopic, MqttQos.AtLeastOnce);
                }

                remote.PublishAndWait(RuntimeUnderTest.LightCommandTopic, "TOGGLE", MqttQos.AtLeastOnce);
                remote.PublishAndWait(RuntimeUnderTest.LightCommandTopic, "TOGGLE", MqttQos.AtLeastOnce);
                this.AssertRestoredOn(remote, 2);
            }
        }

        /// <summary>A board with power_on = restore starts on the session; it must come up ON (retained) and say so.</summary>
        private void AssertRestoredOn(IntegrationClient remote, long staleCommands)
        {
            int before = remote.Recorder.On(RuntimeUnderTest.LightTopic).Length;
            using (RuntimeUnderTest board = new RuntimeUnderTest(this.broker, extraLightLines: Restore))
            {
                remote.PollUntil(() => remote.Recorder.On(RuntimeUnderTest.LightTopic).Skip(before).Any(m => !m.Retain), Wait, "the board's state after the restore", board);
                Polling.For(TimeSpan.FromMilliseconds(500), board, remote);
                Assert.True(board.Ceiling.Level, "restored ON; " + board.Describe());
                Assert.Equal("ON", remote.Recorder.On(RuntimeUnderTest.LightTopic).Last().Text);
                Assert.Equal(0, board.Runtime.Counters.Commands);
                Assert.Equal(staleCommands, board.Runtime.Counters.StaleCommands);
            }
        }

        /// <summary>Its birth message is published after its SUBSCRIBE, which mosquitto handles first.</summary>
        private void WaitUntilSubscribed(RuntimeUnderTest node, IntegrationClient remote)
        {
            using (IntegrationClient status = this.Observer("status"))
            {
                status.SubscribeAndWait(RuntimeUnderTest.StatusTopic, MqttQos.AtLeastOnce);
                status.WaitForMessage(RuntimeUnderTest.StatusTopic, m => m.Text == "online", Wait, node, remote);
            }
        }

        private IntegrationClient Observer(string name)
        {
            IntegrationClient client = IntegrationClient.Tcp(this.broker, name);
            client.Connect(IntegrationClient.Options(IntegrationClient.UniqueId(name)));
            return client;
        }
    }
}
