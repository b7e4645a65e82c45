using HomeNode.App.Sensors;
using HomeNode.App.Topics;

namespace HomeNode.Tests.App
{
    public static class TopicComposerTests
    {
        private static readonly byte[] Base = Ascii.Bytes("ourhome/firstfloor/kitchen");

        public static void ComposesBaseAndLevel()
        {
            byte[] buffer = new byte[64];
            int length = TopicComposer.Compose(Base, 0, Base.Length, TopicLevels.Temperature, buffer, 2, 60);
            Ascii.Equal("ourhome/firstfloor/kitchen/temperature", buffer, 2, length, "temperature topic");
            length = TopicComposer.Compose(Base, 0, Base.Length, TopicLevels.Status, buffer, 0, 64);
            Ascii.Equal("ourhome/firstfloor/kitchen/status", buffer, 0, length, "status topic");
            length = TopicComposer.Compose(Base, 0, Base.Length, TopicLevels.Diag, buffer, 0, 64);
            Ascii.Equal("ourhome/firstfloor/kitchen/diag", buffer, 0, length, "diag topic");
        }

        public static void ComposesTwoLevels()
        {
            byte[] buffer = new byte[64];
            int length = TopicComposer.Compose(Base, 0, Base.Length, "ceiling", TopicLevels.Set, buffer, 0, 64);
            Ascii.Equal("ourhome/firstfloor/kitchen/ceiling/set", buffer, 0, length, "light command topic");
        }

        public static void TakesTheBaseFromASegment()
        {
            byte[] stored = Ascii.Bytes("xxourhome/hallyy");
            byte[] buffer = new byte[32];
            int length = TopicComposer.Compose(stored, 2, 12, TopicLevels.Humidity, buffer, 0, 32);
            Ascii.Equal("ourhome/hall/humidity", buffer, 0, length, "base from a segment");
        }

        public static void EncodesLevelsAsUtf8()
        {
            byte[] stored = Ascii.Bytes("home");
            byte[] buffer = new byte[32];
            int length = TopicComposer.Compose(stored, 0, stored.Length, "k\u00FCche", buffer, 0, 32);
            Check.Bytes(new byte[] { (byte)'h', (byte)'o', (byte)'m', (byte)'e', (byte)'/', (byte)'k', 0xC3, 0xBC, (byte)'c', (byte)'h', (byte)'e' }, buffer, 0, length, "home/kueche");
        }

        public static void FailsWhenItDoesNotFit()
        {
            string expected = "ourhome/firstfloor/kitchen/pressure";
            byte[] buffer = new byte[expected.Length];
            for (int count = 0; count < expected.Length; count++)
            {
                Check.Equal(-1L, TopicComposer.Compose(Base, 0, Base.Length, TopicLevels.Pressure, buffer, 0, count), "in " + count.ToString() + " bytes");
            }

            int length = TopicComposer.Compose(Base, 0, Base.Length, TopicLevels.Pressure, buffer, 0, buffer.Length);
            Ascii.Equal(expected, buffer, 0, length, "exact fit");
        }

        public static void RejectsLevelsATopicNameCannotHold()
        {
            byte[] buffer = new byte[64];
            Check.Equal(-1L, TopicComposer.Compose(Base, 0, Base.Length, "a+b", buffer, 0, 64), "single-level wildcard");
            Check.Equal(-1L, TopicComposer.Compose(Base, 0, Base.Length, "#", buffer, 0, 64), "multi-level wildcard");
            if (RuntimeText.HoldsNul)
            {
                Check.Equal(-1L, TopicComposer.Compose(Base, 0, Base.Length, "a\0b", buffer, 0, 64), "U+0000");
            }

            Check.Equal(-1L, TopicComposer.Compose(Base, 0, Base.Length, string.Empty, buffer, 0, 64), "empty level");
            Check.Equal(-1L, TopicComposer.Compose(Base, 0, Base.Length, null, buffer, 0, 64), "null level");
            if (RuntimeText.HoldsLoneSurrogates)
            {
                Check.Equal(-1L, TopicComposer.Compose(Base, 0, Base.Length, "light", "s\uD800", buffer, 0, 64), "lone surrogate");
            }

            Check.Equal(-1L, TopicComposer.Compose(Base, 0, Base.Length + 1, "x", buffer, 0, 64), "base range past its end");
            Check.Equal(-1L, TopicComposer.Compose(null, 0, 0, "x", buffer, 0, 64), "null base");
        }

        public static void NamesTheMeasurementLevels()
        {
            Check.Equal("temperature", TopicLevels.Of(MeasurementKind.Temperature), "temperature");
            Check.Equal("humidity", TopicLevels.Of(MeasurementKind.Humidity), "humidity");
            Check.Equal("pressure", TopicLevels.Of(MeasurementKind.Pressure), "pressure");
            Check.True(TopicLevels.Of((MeasurementKind)77) == null, "unknown kind");
        }
    }
}
