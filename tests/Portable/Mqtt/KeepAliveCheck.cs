using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>The keep-alive boundary (MQTT §3.1.2.10) on a fake time line, checked the same way by every suite.</summary>
    public static class KeepAliveCheck
    {
        /// <summary>
        /// From now, nothing is sent until <paramref name="milliseconds"/> - 1 and a PINGREQ goes out at exactly
        /// <paramref name="milliseconds"/>: the client pings neither early nor late.
        /// </summary>
        public static void PingDueIn(MqttClient client, FakeClock clock, ScriptedTransport transport, long milliseconds, string before, string at)
        {
            transport.ClearSent();
            clock.Advance(milliseconds - 1);
            client.Poll();
            Check.Equal(0, transport.SentCount, before);
            clock.Advance(1);
            client.Poll();
            transport.ExpectSent(HexBytes.Parse("C0 00"), at);
        }
    }
}
