using HomeNode.App.Config;
using HomeNode.App.Diagnostics;

namespace HomeNode.Tests.App
{
    /// <summary>What the board prints about its configuration file: the same lines as tools/ConfigCheck.</summary>
    public static class ConfigReportTests
    {
        private const string Path = "I:\\config.ini";

        public static void AMissingFileSaysHowToDeployIt()
        {
            RecordingLog log = new RecordingLog();
            Check.False(ConfigReport.Write(log, Path, null), "a missing file cannot be used");
            Check.Equal(1, log.Count, "one line");
            Check.Equal("I:\\config.ini: not found; deploy it with flash.ps1 -ConfigFile", log[0], "missing file");
        }

        public static void EveryErrorComesWithItsLineAndField()
        {
            RecordingLog log = new RecordingLog();
            ConfigParseResult parsed = ConfigText.Parse(ConfigText.Minimal + "[sensor kitchen]\ntype = dht22\npin = 4\nperiod = fast\necho_pin = 5\n[light a]\npin = 2\ncolour = red\n");
            Check.False(ConfigReport.Write(log, Path, parsed), "a file with errors cannot be used");
            Check.Equal(2, log.Count, "one line per error: " + log.All());
            Check.Equal("I:\\config.ini:9: [sensor kitchen] period: expected a whole number of seconds from 2 to 86400, got \"fast\"", log[0], "first error");
            Check.True(log[1].StartsWith("I:\\config.ini:13: [light a] colour: unknown key"), "second error: " + log[1]);
        }

        public static void AnErrorWithoutALineNamesOnlyTheFile()
        {
            RecordingLog log = new RecordingLog();
            ConfigParseResult parsed = ConfigText.Parse("[device]\nname = node1\nbase_topic = home/hall\n");
            Check.False(ConfigReport.Write(log, Path, parsed), "no [broker]");
            string line = log.Line("I:\\config.ini: ");
            Check.True(line.IndexOf("broker") > 0, "names the missing section: " + line);
        }

        public static void AValidFileIsSilentAndUsable()
        {
            RecordingLog log = new RecordingLog();
            Check.True(ConfigReport.Write(log, Path, ConfigText.Parse(ConfigText.Minimal)), "usable");
            Check.Equal(0, log.Count, "nothing to say: " + log.All());
            Check.True(ConfigReport.Write(null, Path, ConfigText.Parse(ConfigText.Minimal)), "without a log too");
        }
    }
}
