using HomeNode.App.Diagnostics;
using HomeNode.Mqtt;

namespace HomeNode.Tests.App
{
    /// <summary>Log lines name the MQTT status (Enum.ToString gives the number on nanoCLR).</summary>
    public static class MqttStatusNameTests
    {
        public static void EveryStatusHasItsOwnName()
        {
            int last = (int)MqttStatus.AuthenticationNotSupported;
            string[] names = new string[last + 1];
            for (int i = 0; i <= last; i++)
            {
                names[i] = MqttStatusName.Of((MqttStatus)i);
                Check.True(names[i] != null && names[i].Length > 0, "a name for status " + i.ToString());
                for (int j = 0; j < i; j++)
                {
                    Check.False(names[i] == names[j], "distinct: " + names[i]);
                }
            }

            Check.Equal("Ok", MqttStatusName.Of(MqttStatus.Ok), "first");
            Check.Equal("PingTimeout", MqttStatusName.Of(MqttStatus.PingTimeout), "middle");
            Check.Equal("ClosedByClient", MqttStatusName.Of(MqttStatus.ClosedByClient), "last");
        }

        public static void AnUnknownValueIsWrittenAsItsNumber()
        {
            Check.True(MqttStatusName.Of((MqttStatus)200) == null, "no name");
            RecordingLog log = new RecordingLog();
            MqttStatusName.Write(log, (MqttStatus)200);
            log.WriteLine(string.Empty);
            MqttStatusName.Write(log, MqttStatus.RefusedBadCredentials);
            log.WriteLine(string.Empty);
            Check.Equal("status 200", log[0], "unknown");
            Check.Equal("RefusedBadCredentials", log[1], "known");
        }
    }
}
