using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>The examples of MQTT 3.1.1 §4.7.</summary>
    public static class TopicFilterTests
    {
        public static void MultiLevelWildcard()
        {
            // §4.7.1.2
            Matches("sport/tennis/player1/#", "sport/tennis/player1");
            Matches("sport/tennis/player1/#", "sport/tennis/player1/ranking");
            Matches("sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon");
            Matches("sport/#", "sport");
            Matches("#", "a/b/c");
            DoesNotMatch("sport/tennis/#", "sport/football");
        }

        public static void SingleLevelWildcard()
        {
            // §4.7.1.3
            Matches("sport/tennis/+", "sport/tennis/player1");
            Matches("sport/tennis/+", "sport/tennis/player2");
            DoesNotMatch("sport/tennis/+", "sport/tennis/player1/ranking");
            DoesNotMatch("sport/+", "sport");
            Matches("sport/+", "sport/");
            Matches("+/+", "/finance");
            Matches("/+", "/finance");
            DoesNotMatch("+", "/finance");
            Matches("+/tennis/#", "sport/tennis/player1");
            Matches("ourhome/+/+/temperature", "ourhome/firstfloor/kitchen/temperature");
            DoesNotMatch("ourhome/+/+/temperature", "ourhome/firstfloor/kitchen/humidity");
        }

        public static void TopicsStartingWithDollarAreNotMatchedByLeadingWildcards()
        {
            // §4.7.2
            DoesNotMatch("#", "$SYS/broker/clients");
            DoesNotMatch("+/monitor/Clients", "$SYS/monitor/Clients");
            Matches("$SYS/#", "$SYS/monitor/Clients");
            Matches("$SYS/monitor/+", "$SYS/monitor/Clients");
        }

        public static void ExactAndCaseSensitive()
        {
            Matches("ACCOUNTS", "ACCOUNTS");
            DoesNotMatch("ACCOUNTS", "Accounts");
            DoesNotMatch("a/b", "a/b/c");
            DoesNotMatch("a/b/c", "a/b");
            Matches("a//b", "a//b");
            DoesNotMatch("a/b ", "a/b");
        }

        public static void ValidFilters()
        {
            string[] valid = new string[] { "#", "+", "sport/#", "sport/tennis/#", "+/tennis/#", "sport/+/player1", "/", "+/+", "/+", "a//b", "$SYS/#" };
            for (int i = 0; i < valid.Length; i++)
            {
                byte[] bytes = Utf8(valid[i]);
                Check.True(TopicFilter.IsValidFilter(bytes, 0, bytes.Length), valid[i]);
            }
        }

        public static void InvalidFilters()
        {
            string[] invalid = new string[] { "", "sport/tennis#", "sport/tennis/#/ranking", "sport+", "sp+rt/x", "#/a", "a/#b" };
            for (int i = 0; i < invalid.Length; i++)
            {
                byte[] bytes = Utf8(invalid[i]);
                Check.False(TopicFilter.IsValidFilter(bytes, 0, bytes.Length), "\"" + invalid[i] + "\"");
            }

            byte[] nul = { (byte)'a', 0x00 };
            Check.False(TopicFilter.IsValidFilter(nul, 0, nul.Length), "a 00 byte (MQTT-1.5.3-2)");
        }

        public static void TopicNamesHaveNoWildcards()
        {
            byte[] good = Utf8("ourhome/firstfloor/kitchen/temperature");
            Check.True(TopicFilter.IsValidTopicName(good, 0, good.Length), "plain topic");
            byte[] plus = Utf8("a/+/b");
            Check.False(TopicFilter.IsValidTopicName(plus, 0, plus.Length), "+ in a topic name (MQTT-3.3.2-2)");
            byte[] hash = Utf8("a/#");
            Check.False(TopicFilter.IsValidTopicName(hash, 0, hash.Length), "# in a topic name");
            Check.False(TopicFilter.IsValidTopicName(good, 0, 0), "empty (MQTT-4.7.3-1)");
            byte[] surrogate = HexBytes.Parse("61 ED A0 80");
            Check.False(TopicFilter.IsValidTopicName(surrogate, 0, surrogate.Length), "encoded surrogate");
        }

        private static void Matches(string filter, string topic)
        {
            byte[] f = Utf8(filter);
            byte[] t = Utf8(topic);
            Check.True(TopicFilter.Matches(f, 0, f.Length, t, 0, t.Length), filter + " should match " + topic);
        }

        private static void DoesNotMatch(string filter, string topic)
        {
            byte[] f = Utf8(filter);
            byte[] t = Utf8(topic);
            Check.False(TopicFilter.Matches(f, 0, f.Length, t, 0, t.Length), filter + " should not match " + topic);
        }

        private static byte[] Utf8(string text)
        {
            byte[] bytes = new byte[text.Length * 3];
            int length = MqttUtf8.Write(text, bytes, 0);
            byte[] result = new byte[length];
            System.Array.Copy(bytes, result, length);
            return result;
        }
    }
}
