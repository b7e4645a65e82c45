using System.Collections;

namespace HomeNode.App.Config
{
    /// <summary>
    /// What a broker other than a plain MQTT 3.1.1 one refuses. Without a profile: a warning for a topic deeper than
    /// AWS IoT Core allows. With <c>[broker] profile = aws-iot</c>, errors for everything AWS IoT Core would refuse.
    /// </summary>
    /// <remarks>
    /// AWS IoT Core quotas (AWS General Reference, "AWS IoT Core endpoints and quotas", message broker): client id at most
    /// 128 bytes; keep-alive 30 to 1200 s; a topic at most 256 bytes of UTF-8 and at most 7 '/'; at most 8
    /// subscriptions per SUBSCRIBE; 100 publishes per second per connection; 1 CONNECT per second per client id; no
    /// QoS 2. AWS IoT Core developer guide, "Device communication protocols": MQTT on port 8883 authenticates with an
    /// X.509 client certificate, port 443 needs ALPN; all traffic is TLS. Not checked, because no configuration can
    /// break them: QoS 2 (the firmware uses QoS 1 and 0 only), one CONNECT a second (HomeNodeRuntime never sends two
    /// less than a second apart), 100 publishes a second (the sensors the firmware supports, at their shortest periods,
    /// add up to well under 50 a second; README, Configuration, says what happens in bursts).
    /// </remarks>
    internal static class BrokerProfileCheck
    {
        public const int AwsIotMaxTopicBytes = 256;
        public const int AwsIotMaxClientIdBytes = 128;
        public const int AwsIotMaxFiltersPerSubscribe = 8;
        public const int AwsIotTlsPort = 8883;

        public static void Check(HomeNodeConfig config, DerivedTopics topics, ConfigSection broker, ConfigDiagnostics diagnostics)
        {
            bool aws = config.Broker.Profile == BrokerSettings.AwsIotProfile;
            ArrayList uses = topics.Uses;
            ArrayList deep = new ArrayList();
            ArrayList longTopics = new ArrayList();
            for (int i = 0; i < uses.Count; i++)
            {
                TopicUse use = (TopicUse)uses[i];
                if (!use.Published && !use.Subscribed)
                {
                    continue; // reserved only (diagnostics requests with protocol 3.1.1): never on the wire
                }

                int slashes = TopicNameRule.CountSlashes(use.Topic);
                if (slashes > TopicNameRule.AwsIotMaxSlashes && FirstAt(deep, use))
                {
                    string message = "\"" + use.Topic + "\" (" + use.Role + ") has " + slashes.ToString() + " '/'; AWS IoT Core allows at most 7";
                    if (aws)
                    {
                        diagnostics.Error(use.Line, use.Section, use.Field, message + " (profile = aws-iot)");
                    }
                    else
                    {
                        diagnostics.Warning(use.Line, use.Section, use.Field, message + " (other brokers have no such limit)");
                    }
                }

                int bytes = Utf8.ByteCount(use.Topic);
                if (aws && bytes > AwsIotMaxTopicBytes && FirstAt(longTopics, use))
                {
                    diagnostics.Error(use.Line, use.Section, use.Field, "\"" + use.Topic + "\" (" + use.Role + ") is " + bytes.ToString() + " bytes; AWS IoT Core allows at most 256 in a topic (profile = aws-iot)");
                }
            }

            if (!aws || broker == null)
            {
                return;
            }

            BrokerSettings settings = config.Broker;
            if (settings.KeepAliveSeconds < BrokerSettings.AwsIotMinKeepAliveSeconds || settings.KeepAliveSeconds > BrokerSettings.AwsIotMaxKeepAliveSeconds)
            {
                Fail(broker, "keep_alive", diagnostics, "expected 30 to 1200 seconds, the keep-alive AWS IoT Core accepts (profile = aws-iot), got \"" + settings.KeepAliveSeconds.ToString() + "\"");
            }

            if (settings.ClientId != null && Utf8.ByteCount(settings.ClientId) > AwsIotMaxClientIdBytes)
            {
                Fail(broker, "client_id", diagnostics, "is " + Utf8.ByteCount(settings.ClientId).ToString() + " bytes; AWS IoT Core takes client ids of at most 128 (profile = aws-iot)");
            }

            if (!settings.UseTls)
            {
                Fail(broker, "tls", diagnostics, "AWS IoT Core takes MQTT over TLS only (profile = aws-iot): set tls = on, with client_cert and client_key");
            }
            else
            {
                if (settings.ClientCertPath == null)
                {
                    Warn(broker, "client_cert", diagnostics, "not set: AWS IoT Core authenticates MQTT on port 8883 with an X.509 client certificate (client_cert and client_key); without one only a custom authorizer on a configured domain lets the board in");
                }

                if (settings.Port != AwsIotTlsPort)
                {
                    Warn(broker, "port", diagnostics, "AWS IoT Core takes MQTT with a client certificate on port 8883; on port " + settings.Port.ToString() + " it needs ALPN, which the firmware does not send");
                }
            }

            CheckSubscriptionCount(uses, diagnostics);
        }

        private static void CheckSubscriptionCount(ArrayList uses, ConfigDiagnostics diagnostics)
        {
            int count = 0;
            TopicUse last = null;
            for (int i = 0; i < uses.Count; i++)
            {
                TopicUse use = (TopicUse)uses[i];
                if (use.Subscribed)
                {
                    count++;
                    last = use;
                }
            }

            if (count > AwsIotMaxFiltersPerSubscribe)
            {
                diagnostics.Error(
                    last.Line,
                    last.Section,
                    last.Field,
                    "the board subscribes to " + count.ToString() + " topics in one SUBSCRIBE (every light's commands, Home Assistant status, the state of each light with power_on = restore); AWS IoT Core accepts at most 8 per SUBSCRIBE (profile = aws-iot): use fewer lights, power_on = restore on fewer, or discovery = off");
            }
        }

        private static void Fail(ConfigSection broker, string field, ConfigDiagnostics diagnostics, string message)
        {
            diagnostics.Error(DerivedTopics.LineOf(broker, field), broker.Label, field, message);
        }

        private static void Warn(ConfigSection broker, string field, ConfigDiagnostics diagnostics, string message)
        {
            diagnostics.Warning(DerivedTopics.LineOf(broker, field), broker.Label, field, message);
        }

        // true the first time a place (section and field) is seen in this list
        private static bool FirstAt(ArrayList seen, TopicUse use)
        {
            string place = use.Section + "|" + use.Field;
            if (seen.Contains(place))
            {
                return false;
            }

            seen.Add(place);
            return true;
        }
    }
}
