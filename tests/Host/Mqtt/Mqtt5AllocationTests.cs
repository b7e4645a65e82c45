using System;
using HomeNode.Mqtt;
using HomeNode.Mqtt.Requests;
using HomeNode.Tests;
using HomeNode.Tests.Mqtt5;
using Xunit;

namespace HomeNode.Tests.Host.Mqtt
{
    /// <summary>
    /// MQTT 5.0 steady state allocates nothing: publishing with properties and Topic Aliases, receiving messages with
    /// properties and aliases, reason codes, request/response, and reconnecting with CONNACK properties, each
    /// 10,000 times on the scripted transport (see <see cref="SteadyStateAllocation"/>).
    /// </summary>
    public class Mqtt5AllocationTests
    {
        private const int Cycles = 10000;

        [Fact]
        public void PublishAndReceiveWithPropertiesAndAliasesAllocateNothing()
        {
            Version5Rig rig = new Version5Rig(4, 4);
            rig.Base.CopyMessages = false;
            rig.Properties.SessionExpiryInterval = 60;
            rig.Connect("20 06 00 00 03 22 00 04");
            rig.Publish.MessageExpiryInterval = 30;
            rig.Publish.ContentType = "text/plain";
            byte[] payload = HexBytes.Ascii("21.5");
            byte[] topic = HexBytes.Ascii("ourhome/firstfloor/kitchen/temperature");
            byte[] setAlias = HexBytes.Parse("32 13 00 04 61 2F 62 63 00 07 08 23 00 01 02 00 00 00 0A 32 31");
            byte[] byAlias = HexBytes.Parse("32 0F 00 00 00 08 08 23 00 01 02 00 00 00 0A 32 31");
            byte[] puback = HexBytes.Parse("40 08 00 00 10 04 1F 00 01 78");
            long read = 0;
            rig.Handler.OnMessageReaction = m =>
            {
                MqttPropertyReader properties = m.ReadProperties();
                while (properties.Next())
                {
                    read++;
                }
            };
            rig.Transport.Deliver(setAlias);
            rig.Client.Poll();
            Action cycles = () =>
            {
                for (int i = 0; i < Cycles; i++)
                {
                    rig.Client.Publish(topic, 0, topic.Length, payload, 0, payload.Length, MqttQos.AtLeastOnce, false, out ushort id, rig.Publish);
                    puback[2] = (byte)(id >> 8);
                    puback[3] = (byte)id;
                    rig.Transport.Deliver(puback);
                    rig.Transport.Deliver(byAlias);
                    rig.Client.Poll();
                    rig.Transport.ClearSent();
                }
            };
            cycles();
            int windows = 0;
            SteadyStateAllocation.AssertNone(() => { windows++; cycles(); });

            Assert.True(rig.Client.IsConnected);
            Assert.Equal(((windows + 1) * Cycles) + 1, rig.Base.Messages);
            Assert.Equal((windows + 1) * Cycles, rig.Base.Acknowledged);
            Assert.Equal((windows + 1) * Cycles, rig.Handler.ReasonCodeCalls);
            Assert.Equal(((windows + 1) * Cycles * 2) + 2, read);
        }

        [Fact]
        public void RequestAndResponseAllocateNothing()
        {
            Version5Rig rig = new Version5Rig();
            rig.Base.CopyMessages = false;
            rig.Connect();
            MqttRequester requester = new MqttRequester(rig.Client, rig.Clock, 4);
            requester.CorrelationPrefix = 0x01020304;
            MqttResponder responder = new MqttResponder(rig.Client);
            byte[] question = HexBytes.Ascii("q");
            byte[] answer = HexBytes.Ascii("ok");
            byte[] response = HexBytes.Parse("30 13 00 04 72 65 73 70 0B 09 00 08 01 02 03 04 00 00 00 01 61");
            byte[] request = HexBytes.Parse("30 0F 00 01 71 09 08 00 01 72 09 00 02 0A 0B 6F 6E");
            long matched = 0;
            long answered = 0;
            rig.Handler.OnMessageReaction = m =>
            {
                if (requester.TryMatch(m, out int id))
                {
                    matched++;
                }
                else if (MqttResponder.IsRequest(m) && responder.Respond(m, answer, 0, answer.Length, MqttQos.AtMostOnce, out ushort packetId) == MqttStatus.Ok)
                {
                    answered++;
                }
            };
            Action cycles = () =>
            {
                for (int i = 0; i < Cycles; i++)
                {
                    requester.Request("req", "resp", question, 0, 1, MqttQos.AtMostOnce, out int requestId);
                    response[16] = (byte)(requestId >> 24);
                    response[17] = (byte)(requestId >> 16);
                    response[18] = (byte)(requestId >> 8);
                    response[19] = (byte)requestId;
                    rig.Transport.Deliver(response);
                    rig.Transport.Deliver(request);
                    rig.Client.Poll();
                    requester.TakeExpired();
                    rig.Transport.ClearSent();
                }
            };
            cycles();
            int windows = 0;
            SteadyStateAllocation.AssertNone(() => { windows++; cycles(); });

            Assert.Equal((windows + 1) * Cycles, matched);
            Assert.Equal((windows + 1) * Cycles, answered);
            Assert.Equal(0, requester.Pending);
        }

        [Fact]
        public void ReconnectSubscribeAndServerDisconnectAllocateNothing()
        {
            Version5Rig rig = new Version5Rig(2, 2);
            rig.Base.CopyMessages = false;
            rig.Options.CleanSession = false;
            rig.Properties.SessionExpiryInterval = 60;
            byte[] connAck = HexBytes.Parse("20 11 01 00 0E 22 00 02 21 00 08 13 00 1E 1F 00 02 6F 6B");
            byte[] subAck = HexBytes.Parse("90 04 00 00 00 01");
            byte[] disconnect = HexBytes.Parse("E0 08 8B 06 1F 00 03 62 79 65");
            byte options = SubscriptionOptions.Encode(MqttQos.AtLeastOnce, true, false, SubscriptionOptions.SendRetainedIfNew);
            Action round = () =>
            {
                rig.Client.Connect(rig.Options);
                rig.Transport.Deliver(connAck);
                rig.Client.Poll();
                rig.Client.Subscribe("ourhome/+/+/set", options, 9, out ushort id);
                subAck[2] = (byte)(id >> 8);
                subAck[3] = (byte)id;
                rig.Transport.Deliver(subAck);
                rig.Client.Poll();
                rig.Transport.Deliver(disconnect);
                rig.Client.Poll();
                rig.Transport.ClearSent();
            };
            for (int i = 0; i < 10; i++)
            {
                round();
            }

            int windows = 0;
            SteadyStateAllocation.AssertNone(() =>
            {
                windows++;
                for (int i = 0; i < 1000; i++)
                {
                    round();
                }
            });

            Assert.Equal((windows * 1000) + 10, rig.Base.SubscribeAcks);
            Assert.Equal(MqttStatus.DisconnectedByServer, rig.Base.LastCloseReason);
            Assert.Equal(30, rig.Client.Server.ServerKeepAlive);
        }
    }
}
