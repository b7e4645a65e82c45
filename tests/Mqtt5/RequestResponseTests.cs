using HomeNode.Mqtt;
using HomeNode.Mqtt.Requests;

namespace HomeNode.Tests.Mqtt5
{
    /// <summary>MQTT 5.0 request/response (§4.10) with <see cref="MqttRequester"/> and <see cref="MqttResponder"/>.</summary>
    public static class RequestResponseTests
    {
        public static void ARequestCarriesResponseTopicAndCorrelationData()
        {
            Version5Rig rig = new Version5Rig();
            rig.Connect();
            MqttRequester requester = new MqttRequester(rig.Client, rig.Clock, 2);
            requester.CorrelationPrefix = 0x01020304;
            byte[] payload = HexBytes.Ascii("q");
            int requestId;
            Check.Equal(MqttStatus.Ok, requester.Request("req", "resp", payload, 0, 1, MqttQos.AtMostOnce, out requestId), "request");
            Check.Equal(1, requestId, "first id");
            rig.ExpectSent("30 19 00 03 72 65 71 12 08 00 04 72 65 73 70 09 00 08 01 02 03 04 00 00 00 01 71", "Response Topic and 8 bytes of Correlation Data");
            Check.Equal(1, requester.Pending, "waiting");

            int matched = 0;
            int matches = 0;
            rig.Handler.OnMessageReaction = delegate(MqttReceivedMessage m)
            {
                int id;
                if (requester.TryMatch(m, out id))
                {
                    matched = id;
                    matches++;
                }
            };
            rig.Deliver("30 13 00 04 72 65 73 70 0B 09 00 08 01 02 03 04 00 00 00 01 61");
            Check.Equal(1, matched, "the answer names request 1");
            Check.Equal(0, requester.Pending, "done");
            rig.Deliver("30 13 00 04 72 65 73 70 0B 09 00 08 01 02 03 04 00 00 00 01 61");
            Check.Equal(1, matches, "a second answer matches nothing");
            rig.Deliver("30 13 00 04 72 65 73 70 0B 09 00 08 09 02 03 04 00 00 00 01 61");
            Check.Equal(1, matches, "another requester's prefix");
            rig.Deliver("30 0B 00 04 72 65 73 70 03 09 00 00 61");
            Check.Equal(1, matches, "empty Correlation Data");
            Check.Equal(4, rig.Base.Messages, "all delivered to the handler");
        }

        public static void UnansweredRequestsTimeOut()
        {
            Version5Rig rig = new Version5Rig();
            rig.Connect();
            MqttRequester requester = new MqttRequester(rig.Client, rig.Clock, 2);
            requester.TimeoutMilliseconds = 1000;
            byte[] payload = HexBytes.Ascii("q");
            int first;
            int second;
            int third;
            requester.Request("req", "resp", payload, 0, 1, MqttQos.AtMostOnce, out first);
            rig.Clock.Advance(500);
            requester.Request("req", "resp", payload, 0, 1, MqttQos.AtMostOnce, out second);
            Check.Equal(MqttStatus.InflightFull, requester.Request("req", "resp", payload, 0, 1, MqttQos.AtMostOnce, out third), "two may wait");
            Check.Equal(0, third, "no id");
            rig.Clock.Advance(499);
            Check.Equal(0, requester.TakeExpired(), "none yet");
            rig.Clock.Advance(1);
            Check.Equal(first, requester.TakeExpired(), "the first after 1000 ms");
            Check.Equal(0, requester.TakeExpired(), "only the first");
            rig.Clock.Advance(500);
            Check.Equal(second, requester.TakeExpired(), "then the second");
            Check.Equal(0, requester.Pending, "none waits");
            Check.Equal(MqttStatus.Ok, requester.Request("req", "resp", payload, 0, 1, MqttQos.AtMostOnce, out third), "room again");
            Check.True(third != first && third != second && third != 0, "a new id");
        }

        public static void ARequestThatCannotBeSentDoesNotWait()
        {
            Version5Rig rig = new Version5Rig();
            MqttRequester requester = new MqttRequester(rig.Client, rig.Clock, 1);
            int id;
            Check.Equal(MqttStatus.NotConnected, requester.Request("req", "resp", null, 0, 0, MqttQos.AtMostOnce, out id), "not connected");
            Check.Equal(0, requester.Pending, "nothing waits");
        }

        public static void AResponderAnswersWithTheCorrelationData()
        {
            Version5Rig rig = new Version5Rig();
            rig.Connect();
            MqttResponder responder = new MqttResponder(rig.Client);
            byte[] answer = HexBytes.Ascii("ok");
            MqttStatus answered = MqttStatus.NotConnected;
            bool wasRequest = true;
            rig.Handler.OnMessageReaction = delegate(MqttReceivedMessage m)
            {
                ushort id;
                wasRequest = MqttResponder.IsRequest(m);
                answered = responder.Respond(m, answer, 0, answer.Length, MqttQos.AtMostOnce, out id);
            };
            rig.Deliver("30 0F 00 01 71 09 08 00 01 72 09 00 02 0A 0B 6F 6E");
            Check.True(wasRequest, "a request");
            Check.Equal(MqttStatus.Ok, answered, "answered");
            rig.ExpectSent("30 0B 00 01 72 05 09 00 02 0A 0B 6F 6B", "to the Response Topic, with the Correlation Data copied");
            rig.Deliver("30 05 00 01 71 00 6F");
            Check.False(wasRequest, "no Response Topic");
            Check.Equal(MqttStatus.InvalidTopic, answered, "nothing to answer");
            Check.Equal(0, rig.Transport.SentCount, "nothing sent");
        }
    }
}
