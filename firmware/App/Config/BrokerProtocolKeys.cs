using HomeNode.Mqtt;

namespace HomeNode.App.Config
{
    /// <summary>
    /// The <c>[broker]</c> keys that choose the MQTT version and the session's life: <c>protocol</c> = 5 (default) or
    /// 3.1.1; with 5, <c>session_expiry</c> (seconds, MQTT 5.0 §3.1.2.11.2); with 3.1.1, <c>clean_session</c> (MQTT 3.1.1
    /// §3.1.2.4). Each of the two session keys means nothing with the other version and is refused there, on its line.
    /// </summary>
    internal static class BrokerProtocolKeys
    {
        public const string Keys = "protocol, clean_session, session_expiry";

        private const string SessionExpiryExpectation =
            "a whole number of seconds from 0 to 4294967295 (0 = the session ends with the connection, 4294967295 = it never expires)";

        /// <summary>Reads protocol, clean_session and session_expiry into <paramref name="broker"/>.</summary>
        public static void Read(ConfigSectionReader reader, BrokerSettings broker)
        {
            ConfigEntry protocol = reader.Take("protocol");
            bool protocolSet = protocol != null && protocol.Value.Length != 0;
            if (protocolSet)
            {
                string value = protocol.Value;
                if (value == "5" || value == "5.0")
                {
                    broker.Protocol = MqttProtocolVersion.V500;
                }
                else if (value == "3.1.1")
                {
                    broker.Protocol = MqttProtocolVersion.V311;
                }
                else
                {
                    reader.Expected(protocol, "5 (MQTT 5.0) or 3.1.1");
                }
            }

            ConfigEntry cleanSession = reader.Section.Find("clean_session");
            ConfigEntry sessionExpiry = reader.Take("session_expiry");
            if (broker.Protocol == MqttProtocolVersion.V500)
            {
                if (cleanSession != null)
                {
                    reader.Take("clean_session");
                    reader.Fail(
                        cleanSession,
                        "is MQTT 3.1.1's; with protocol = 5" + (protocolSet ? string.Empty : " (the default)")
                        + " the session's life is session_expiry (0 = a clean session that ends with the connection), or set protocol = 3.1.1");
                }

                broker.SessionExpirySeconds = ReadSessionExpiry(reader, sessionExpiry);
                broker.CleanSession = broker.SessionExpirySeconds == 0; // what a fall-back to 3.1.1 uses
                return;
            }

            broker.CleanSession = reader.Bool("clean_session", false);
            if (sessionExpiry != null)
            {
                reader.Fail(sessionExpiry, "needs protocol = 5 (MQTT 3.1.1 has no session expiry; use clean_session)");
            }

            broker.SessionExpirySeconds = broker.CleanSession ? 0 : BrokerSettings.DefaultSessionExpirySeconds;
        }

        private static long ReadSessionExpiry(ConfigSectionReader reader, ConfigEntry entry)
        {
            if (entry == null || entry.Value.Length == 0)
            {
                return BrokerSettings.DefaultSessionExpirySeconds;
            }

            // a Four Byte Integer (MQTT 5.0 §3.1.2.11.2): past int's range, so read here rather than with reader.Int
            string text = entry.Value;
            long value = 0;
            bool valid = text.Length <= 10;
            for (int i = 0; valid && i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    valid = false;
                }
                else
                {
                    value = (value * 10) + (c - '0');
                }
            }

            if (!valid || value > BrokerSettings.MaxSessionExpirySeconds)
            {
                reader.Expected(entry, SessionExpiryExpectation);
                return BrokerSettings.DefaultSessionExpirySeconds;
            }

            return value;
        }
    }
}
