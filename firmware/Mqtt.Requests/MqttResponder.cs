namespace HomeNode.Mqtt.Requests
{
    /// <summary>
    /// MQTT 5.0 request/response (§4.10) from the answering side: a received request names a Response Topic and
    /// usually carries Correlation Data; the answer goes to that topic with the same Correlation Data (copied from the
    /// request straight into the answer's packet). Call <see cref="Respond"/> from <see cref="IMqttHandler.OnMessage"/>,
    /// while the request's views are valid. Nothing is allocated.
    /// </summary>
    public sealed class MqttResponder
    {
        private readonly MqttClient client;
        private readonly MqttPublishProperties properties = new MqttPublishProperties();

        public MqttResponder(MqttClient client)
        {
            if (client == null)
            {
                throw new System.ArgumentNullException("client");
            }

            this.client = client;
        }

        /// <summary>Properties sent with every answer besides the Correlation Data, which the responder sets (Content Type, User Properties...).</summary>
        public MqttPublishProperties Properties
        {
            get { return this.properties; }
        }

        /// <summary>Whether <paramref name="message"/> asks for an answer: it names a Response Topic (§3.3.2.3.5).</summary>
        [SteadyState]
        public static bool IsRequest(MqttReceivedMessage message)
        {
            return message.ResponseTopicLength > 0;
        }

        /// <summary>
        /// Publishes <paramref name="payload"/> to the request's Response Topic with its Correlation Data. Returns the
        /// client's publish status, or <see cref="MqttStatus.InvalidTopic"/> when the message is no request (no
        /// Response Topic) or names one with wildcards ([MQTT-3.3.2-14]).
        /// </summary>
        [SteadyState]
        public MqttStatus Respond(MqttReceivedMessage request, byte[] payload, int offset, int count, MqttQos qos, out ushort packetId)
        {
            packetId = 0;
            if (!IsRequest(request))
            {
                return MqttStatus.InvalidTopic;
            }

            MqttPublishProperties sent = this.properties;
            bool correlated = request.CorrelationDataLength >= 0;
            sent.CorrelationData = correlated ? request.Buffer : null;
            sent.CorrelationOffset = correlated ? request.CorrelationDataOffset : 0;
            sent.CorrelationCount = correlated ? request.CorrelationDataLength : 0;
            MqttStatus status = this.client.Publish(request.Buffer, request.ResponseTopicOffset, request.ResponseTopicLength, payload, offset, count, qos, false, out packetId, sent);
            sent.CorrelationData = null; // the receive buffer's contents change at the next Poll
            return status;
        }
    }
}
