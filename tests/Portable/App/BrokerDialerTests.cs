using System;
using HomeNode.App.Connection;

namespace HomeNode.Tests.App
{
    public static class BrokerDialerTests
    {
        private static readonly uint A = ScriptedNetwork.Ip(192, 168, 1, 1);
        private static readonly uint B = ScriptedNetwork.Ip(192, 168, 1, 2);
        private static readonly uint C = ScriptedNetwork.Ip(192, 168, 1, 3);

        private static BrokerDialer Dialer(ScriptedNetwork net, RecordingLog log)
        {
            return new BrokerDialer("broker.lan", 1883, net, net, net.Clock, log, 10000, 4, 60000);
        }

        public static void LooksUpOnceAndKeepsTheAnswer()
        {
            ScriptedNetwork net = new ScriptedNetwork();
            RecordingLog log = new RecordingLog();
            BrokerDialer dialer = Dialer(net, log);
            net.Answer = new uint[] { A };
            net.Set(A, ScriptedNetwork.Accepts);
            Check.True(dialer.Open(), "first open");
            Check.Equal("dns: broker.lan is 192.168.1.1", log[0], "answer logged");
            Check.True(dialer.Open(), "second open");
            net.Set(A, ScriptedNetwork.Refuses);
            Check.False(dialer.Open(), "broker down");
            Check.False(dialer.Open(), "still down");
            Check.Equal(1, net.Lookups, "one lookup so far");
            Check.Equal("tcp: 192.168.1.1:1883: refused or unreachable", log[1], "address logged");
            net.Clock.Advance(60000);
            dialer.Open();
            Check.Equal(2, net.Lookups, "asked again after the spacing");
        }

        public static void TriesEveryAddressThenTheOneThatWorkedFirst()
        {
            ScriptedNetwork net = new ScriptedNetwork();
            BrokerDialer dialer = Dialer(net, new RecordingLog());
            net.Answer = new uint[] { A, B, C };
            net.Set(A, ScriptedNetwork.Refuses);
            net.Set(B, ScriptedNetwork.Refuses);
            net.Set(C, ScriptedNetwork.Accepts);
            Check.True(dialer.Open(), "third address");
            Check.Equal("1 2 3 ", net.Tried, "in DNS order");
            Check.Equal(3, dialer.AddressCount, "kept");
            net.Tried = string.Empty;
            Check.True(dialer.Open(), "again");
            Check.Equal("3 ", net.Tried, "working one first");
        }

        public static void OneTimeoutCoversEveryAddress()
        {
            ScriptedNetwork net = new ScriptedNetwork();
            RecordingLog log = new RecordingLog();
            BrokerDialer dialer = Dialer(net, log);
            net.LookupMilliseconds = 7000;
            net.Answer = new uint[] { A, B };
            net.Set(A, ScriptedNetwork.Hangs);
            net.Set(B, ScriptedNetwork.Accepts);
            long start = net.Clock.Now;
            Check.False(dialer.Open(), "A took all the time");
            Check.Equal(10000, net.LastTimeout, "lookup not charged");
            Check.Equal(17000L, net.Clock.Now - start, "lookup plus time-out");
            Check.Equal("1 ", net.Tried, "B not tried");
            Check.Equal("tcp: 192.168.1.1:1883: no answer in time", log[1], "said so");
            net.Tried = string.Empty;
            Check.True(dialer.Open(), "next attempt");
            Check.Equal("2 ", net.Tried, "starts with B");
        }

        public static void AFailedLookupWaitsForTheSpacing()
        {
            ScriptedNetwork net = new ScriptedNetwork();
            RecordingLog log = new RecordingLog();
            BrokerDialer dialer = Dialer(net, log);
            Check.False(dialer.Open(), "no answer");
            Check.Equal("dns: no address for broker.lan; next lookup in 60 s at the earliest", log[0], "said so");
            dialer.Open();
            net.Clock.Advance(59999);
            dialer.Open();
            Check.Equal(1, net.Lookups, "no second lookup yet");
            net.Clock.Advance(1);
            net.Answer = new uint[] { B };
            net.Set(B, ScriptedNetwork.Accepts);
            Check.True(dialer.Open(), "DNS back");
            Check.Equal(2, net.Lookups, "second lookup");
        }

        public static void AStaleAnswerBeatsNone()
        {
            ScriptedNetwork net = new ScriptedNetwork();
            RecordingLog log = new RecordingLog();
            BrokerDialer dialer = Dialer(net, log);
            net.Answer = new uint[] { A };
            net.Set(A, ScriptedNetwork.Accepts);
            dialer.Open();
            net.Set(A, ScriptedNetwork.Refuses);
            dialer.Open();
            net.Clock.Advance(60000);
            net.Answer = new uint[0];
            net.Set(A, ScriptedNetwork.Accepts);
            Check.True(dialer.Open(), "old address");
            Check.Equal(2, net.Lookups, "looked up");
            Check.True(log.IndexOf("dns: no address for broker.lan, keeping the last answer") >= 0, "said so");
        }

        public static void RejectsBadConstruction()
        {
            ScriptedNetwork net = new ScriptedNetwork();
            Check.Throws(typeof(ArgumentNullException), delegate { new BrokerDialer(null, 1, net, net, net.Clock, new RecordingLog(), 1, 1, 0); }, "host");
            Check.Throws(typeof(ArgumentOutOfRangeException), delegate { new BrokerDialer("h", 1, net, net, net.Clock, new RecordingLog(), 0, 1, 0); }, "time-out");
        }
    }
}
