using HomeNode.App.Config;
using HomeNode.Mqtt;

namespace HomeNode.Tests.App
{
    /// <summary>[broker] protocol, session_expiry and clean_session: the MQTT version and the session's life.</summary>
    public static class ConfigProtocolTests
    {
        private static readonly string Device = "[device]\nname = n\nbase_topic = h\n";

        public static void ProtocolValues()
        {
            Check.Equal((int)MqttProtocolVersion.V500, (int)ConfigText.Valid("[broker]\nhost = b\nprotocol = 5\n" + Device).Broker.Protocol, "5");
            Check.Equal((int)MqttProtocolVersion.V500, (int)ConfigText.Valid("[broker]\nhost = b\nprotocol = 5.0\n" + Device).Broker.Protocol, "5.0");
            Check.Equal((int)MqttProtocolVersion.V311, (int)ConfigText.Valid("[broker]\nhost = b\nprotocol = 3.1.1\n" + Device).Broker.Protocol, "3.1.1");
            ConfigText.OnlyError("[broker]\nhost = b\nprotocol = 4\n" + Device, 3, "broker", "protocol", "expected 5 (MQTT 5.0) or 3.1.1, got \"4\"");
            ConfigText.OnlyError("[broker]\nhost = b\nprotocol = 3.1\n" + Device, 3, "broker", "protocol", "expected 5 (MQTT 5.0) or 3.1.1, got \"3.1\"");
        }

        public static void SessionExpiryValues()
        {
            BrokerSettings broker = ConfigText.Valid("[broker]\nhost = b\nsession_expiry = 0\n" + Device).Broker;
            Check.Equal(0, broker.SessionExpirySeconds, "0");
            Check.True(broker.CleanSession, "0 is a clean session, also for a fall-back to 3.1.1");
            broker = ConfigText.Valid("[broker]\nhost = b\nprotocol = 5\nsession_expiry = 4294967295\n" + Device).Broker;
            Check.Equal(4294967295, broker.SessionExpirySeconds, "never expires (MQTT 5.0 §3.1.2.11.2)");
            Check.False(broker.CleanSession, "kept");
            ConfigText.OnlyError("[broker]\nhost = b\nsession_expiry = 4294967296\n" + Device, 3, "broker", "session_expiry", "from 0 to 4294967295");
            ConfigText.OnlyError("[broker]\nhost = b\nsession_expiry = -1\n" + Device, 3, "broker", "session_expiry", "got \"-1\"");
            ConfigText.OnlyError("[broker]\nhost = b\nsession_expiry = 1h\n" + Device, 3, "broker", "session_expiry", "a whole number of seconds");
        }

        public static void CleanSessionIsRefusedWithProtocol5()
        {
            ConfigError error = ConfigText.OnlyError("[broker]\nhost = b\nclean_session = true\n" + Device, 3, "broker", "clean_session", "is MQTT 3.1.1's; with protocol = 5 (the default)");
            Check.True(error.Message.IndexOf("session_expiry") > 0 && error.Message.IndexOf("protocol = 3.1.1") > 0, "says what to use instead: " + error.Message);
            ConfigText.OnlyError("[broker]\nhost = b\nprotocol = 5\nclean_session = false\n" + Device, 4, "broker", "clean_session", "is MQTT 3.1.1's; with protocol = 5 the session");
        }

        public static void SessionExpiryIsRefusedWithProtocol311()
        {
            ConfigText.OnlyError("[broker]\nhost = b\nsession_expiry = 60\nprotocol = 3.1.1\n" + Device, 3, "broker", "session_expiry", "needs protocol = 5 (MQTT 3.1.1 has no session expiry; use clean_session)");
            BrokerSettings broker = ConfigText.Valid("[broker]\nhost = b\nprotocol = 3.1.1\nclean_session = true\n" + Device).Broker;
            Check.True(broker.CleanSession, "clean_session with 3.1.1");
        }

        public static void DiagnosticsRequestTopicIsReserved()
        {
            // <base_topic>/diag/get takes MQTT 5.0 requests for the diagnostics: a light there would receive them
            ConfigText.Error("[broker]\nhost = b\n" + Device + "[light get]\npin = 26\ntopic = h/diag/get\n", 8, "light get", "topic", "is already used by [device] base_topic at line 5 (diagnostics requests)");

            // reserved with 3.1.1 as well, so a file does not change meaning when it moves to 5
            ConfigText.Error("[broker]\nhost = b\nprotocol = 3.1.1\n" + Device + "[light get]\npin = 26\ntopic = h/diag/get\n", 9, "light get", "topic", "(diagnostics requests)");
        }
    }
}
