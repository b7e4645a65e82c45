using HomeNode.App.Config;

namespace HomeNode.Tests.App
{
    /// <summary><c>[broker] profile = aws-iot</c>: what AWS IoT Core would refuse is an error, not something the board finds out.</summary>
    public static class ConfigAwsIotTests
    {
        private static readonly string Aws = "[broker]\nhost = b\nprofile = aws-iot\ntls = on\nclient_cert = I:\\c.pem\nclient_key = I:\\c.key\n";
        private static readonly string Device = "[device]\nname = n\nbase_topic = h\n";

        public static void ProfileValues()
        {
            Check.Equal("aws-iot", ConfigText.Valid(Aws + Device).Broker.Profile, "aws-iot");
            ConfigText.OnlyError("[broker]\nhost = b\nprofile = azure\n" + Device, 3, "broker", "profile", "expected aws-iot");
        }

        public static void KeepAliveRange()
        {
            ConfigText.OnlyError(Aws + "keep_alive = 20\n" + Device, 7, "broker", "keep_alive", "expected 30 to 1200 seconds");
            ConfigText.OnlyError(Aws + "keep_alive = 1201\n" + Device, 7, "broker", "keep_alive", "got \"1201\"");
            ConfigText.Valid("[broker]\nhost = b\nkeep_alive = 20\n" + Device);
        }

        public static void ClientIdOfAtMost128Bytes()
        {
            string device = Device + "discovery = off\n";
            ConfigText.OnlyError(Aws + "client_id = " + ConfigPacketLimitTests.Long('c', 129) + "\n" + device, 7, "broker", "client_id", "is 129 bytes; AWS IoT Core takes client ids of at most 128");
            ConfigText.Valid(Aws + "client_id = " + ConfigPacketLimitTests.Long('c', 128) + "\n" + device);
        }

        public static void DeepTopicIsAnError()
        {
            // status and diag have 8 '/': one error on base_topic
            ConfigText.OnlyError(Aws + "[device]\nname = n\nbase_topic = a/b/c/d/e/f/g/h\n", 9, "device", "base_topic", "has 8 '/'; AWS IoT Core allows at most 7 (profile = aws-iot)");
        }

        public static void TopicOfAtMost256Bytes()
        {
            ConfigText.OnlyError(Aws + Device + "discovery = off\n[sensor s]\ntype = sht3x\ntopic = " + ConfigPacketLimitTests.Long('t', 250) + "\n", 13, "sensor s", "topic", "(temperature readings) is 262 bytes; AWS IoT Core allows at most 256");
        }

        public static void TlsIsRequired()
        {
            ConfigText.OnlyError("[broker]\nhost = b\nprofile = aws-iot\n" + Device, 1, "broker", "tls", "over TLS only");
        }

        public static void WithoutAClientCertificateItWarns()
        {
            ConfigParseResult result = ConfigText.Parse("[broker]\nhost = b\nprofile = aws-iot\ntls = on\nport = 443\n" + Device);
            Check.Equal(0, result.Errors.Length, "valid: " + ConfigText.List(result.Errors));
            Check.Equal(2, result.Warnings.Length, "warnings: " + ConfigText.List(result.Warnings));
            Check.Equal("client_cert", result.Warnings[0].Field, "no certificate");
            Check.Equal("port", result.Warnings[1].Field, "443 needs ALPN");
        }

        public static void AtMostEightSubscriptionsInOneSubscribe()
        {
            // seven lights' commands and Home Assistant status: 8; one more light makes 9
            string lights = string.Empty;
            for (int i = 0; i < 8; i++)
            {
                lights = lights + "[light l" + i.ToString() + "]\npin = " + ConfigPacketLimitTests.Pins[i].ToString() + "\n";
            }

            ConfigText.OnlyError(Aws + "protocol = 3.1.1\n" + Device + lights, 25, "light l7", "topic", "subscribes to 9 topics in one SUBSCRIBE");

            // MQTT 5.0 also subscribes to diagnostics requests (<base_topic>/diag/get): one light fewer fits
            ConfigText.OnlyError(Aws + Device + lights, 24, "light l7", "topic", "subscribes to 10 topics in one SUBSCRIBE");
            ConfigText.Valid(Aws + "protocol = 3.1.1\n" + Device + "discovery = off\n" + lights);
        }
    }
}
