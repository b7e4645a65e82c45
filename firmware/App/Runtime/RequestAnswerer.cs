using HomeNode.App.Discovery;
using HomeNode.App.Lights;
using HomeNode.Mqtt;
using HomeNode.Mqtt.Requests;

namespace HomeNode.App.Runtime
{
    /// <summary>
    /// Answers MQTT 5.0 requests (§4.10): a message that names a Response Topic gets one answer there, with its
    /// Correlation Data, from inside <see cref="IMqttHandler.OnMessage"/> while the request's views are valid. A light
    /// command is answered with the light's resulting state, or the state it kept and why the command was not carried
    /// out: <c>{"light":"ceiling","state":"ON"}</c>, <c>{"light":"ceiling","state":"OFF","error":"..."}</c>.
    /// </summary>
    /// <remarks>
    /// The answer goes at the request's QoS, at most 1. An answer the client cannot take now (busy sending, in-flight
    /// table full, larger than the broker's Maximum Packet Size) is counted in
    /// <see cref="RuntimeCounters.UnansweredRequests"/> and not kept: the request's views end with the poll, and the
    /// requester has its own time-out. Allocates nothing after construction.
    /// </remarks>
    public sealed class RequestAnswerer
    {
        /// <summary>The payload was none of the commands <see cref="LightCommand.Parse"/> takes.</summary>
        public const string InvalidCommand = "unknown command: expected ON, OFF, TOGGLE, 1, 0, true or false";

        /// <summary>The command's Message Expiry Interval had run out (MQTT 5.0 §3.3.2.3.3).</summary>
        public const string ExpiredCommand = "expired: its message expiry interval had run out";

        /// <summary>A command without a Message Expiry that came before the connection's SUBACK: one the broker kept while the node was away.</summary>
        public const string StaleCommand = "stale: kept by the broker while the node was offline, and without a message expiry";

        /// <summary>The light's output did not switch (the pin write failed).</summary>
        public const string OutputFailed = "the output did not switch";

        // {"light":"<32 characters>","state":"OFF","error":"<longest reason>"}
        private const int AnswerBytes = 192;

        private readonly MqttClient client;
        private readonly MqttResponder responder;
        private readonly RuntimeCounters counters;
        private readonly JsonWriter json = new JsonWriter();
        private readonly byte[] answer = new byte[AnswerBytes];

        public RequestAnswerer(MqttClient client, RuntimeCounters counters)
        {
            this.client = client;
            this.responder = new MqttResponder(client);
            this.responder.Properties.PayloadIsUtf8 = true; // §3.3.2.3.2: the answers are JSON text
            this.responder.Properties.NoTopicAlias = true; // each requester has its own topic; the aliases are the readings'
            this.counters = counters;
        }

        /// <summary>Whether <paramref name="message"/> asks for an answer (it names a Response Topic; only MQTT 5.0 messages can).</summary>
        [SteadyState]
        public static bool IsRequest(MqttReceivedMessage message)
        {
            return MqttResponder.IsRequest(message);
        }

        /// <summary>Answers a light command with the light's state, and <paramref name="error"/> (null when it was carried out).</summary>
        [SteadyState]
        public void AnswerLight(MqttReceivedMessage request, LightChannel light, string error)
        {
            if (!IsRequest(request))
            {
                return;
            }

            JsonWriter w = this.json;
            w.Reset(this.answer, 0, this.answer.Length);
            w.BeginObject();
            w.Property("light", light.Settings.Name);
            w.Property("state", light.IsOn ? LightCommand.StateOn : LightCommand.StateOff);
            if (error != null)
            {
                w.Property("error", error);
            }

            w.EndObject();
            this.Answer(request, this.answer, w.Length);
        }

        /// <summary>Answers <paramref name="request"/> with the first <paramref name="count"/> bytes of <paramref name="payload"/> (0 or less: nothing could be written, counted as unanswered).</summary>
        [SteadyState]
        public void Answer(MqttReceivedMessage request, byte[] payload, int count)
        {
            if (!IsRequest(request))
            {
                return;
            }

            ushort packetId;
            MqttQos qos = ServerLimits.Qos(this.client, request.Qos == MqttQos.AtMostOnce ? MqttQos.AtMostOnce : MqttQos.AtLeastOnce);
            MqttStatus status = count <= 0 ? MqttStatus.PacketTooLarge : this.responder.Respond(request, payload, 0, count, qos, out packetId);
            if (status == MqttStatus.Ok)
            {
                this.counters.AnsweredRequests++;
            }
            else
            {
                this.counters.UnansweredRequests++;
            }
        }
    }
}
