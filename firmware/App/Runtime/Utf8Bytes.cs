using System;
using HomeNode.Mqtt;

namespace HomeNode.App.Runtime
{
    /// <summary>A string as MQTT UTF-8 bytes, made once at start-up (topics, fixed payloads), never in the loop.</summary>
    internal static class Utf8Bytes
    {
        public static byte[] Of(string text)
        {
            int length = MqttUtf8.Measure(text);
            if (length < 0)
            {
                throw new ArgumentException("not valid MQTT UTF-8: " + text);
            }

            byte[] bytes = new byte[length];
            MqttUtf8.Write(text, bytes, 0);
            return bytes;
        }
    }
}
