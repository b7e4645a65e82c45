using HomeNode.Mqtt;

namespace HomeNode.Tests.Mqtt
{
    /// <summary>The connection's clocks on their own (§3.1.2.10): what is due when, on a fake time line.</summary>
    public static class ConnectionTimersTests
    {
        public static void ConnectTimesOutWithoutConnAck()
        {
            MqttConnectOptions options = Options(60);
            ConnectionTimers timers = new ConnectionTimers();
            timers.ConnectStarted(1000);
            Check.Equal(ConnectionTimers.None, timers.Due(1000 + options.ConnectTimeoutMilliseconds - 1, true, options), "just before");
            Check.Equal(ConnectionTimers.ConnectTimedOut, timers.Due(1000 + options.ConnectTimeoutMilliseconds, true, options), "at the time-out");
        }

        public static void KeepAliveCountsFromTheLastSend()
        {
            MqttConnectOptions options = Options(10);
            ConnectionTimers timers = Connected(0);
            timers.LastReceiveAt = 9000; // hearing from the broker does not reset our keep-alive
            Check.Equal(ConnectionTimers.None, timers.Due(9999, false, options), "before keep-alive");
            Check.Equal(ConnectionTimers.SendPing, timers.Due(10000, false, options), "keep-alive after the last send");
            timers.LastSendAt = 10000;
            timers.LastReceiveAt = 10050; // the PINGRESP
            Check.Equal(ConnectionTimers.None, timers.Due(19999, false, options), "a send restarts it");
            Check.Equal(ConnectionTimers.SendPing, timers.Due(20000, false, options), "keep-alive after that send");
        }

        public static void AnUnansweredPingTimesOut()
        {
            MqttConnectOptions options = Options(10);
            ConnectionTimers timers = Connected(0);
            timers.PingSent(10000);
            Check.Equal(ConnectionTimers.None, timers.Due(10000 + options.PingTimeoutMilliseconds - 1, false, options), "waiting");
            Check.Equal(ConnectionTimers.PingTimedOut, timers.Due(10000 + options.PingTimeoutMilliseconds, false, options), "dead link");
            timers.LastReceiveAt = 10400;
            timers.PingOutstanding = false;
            timers.LastSendAt = 10500;
            Check.Equal(ConnectionTimers.None, timers.Due(10000 + options.PingTimeoutMilliseconds, false, options), "answered");
        }

        public static void HearingFromTheBrokerPostponesTheProbe()
        {
            MqttConnectOptions options = Options(10);
            ConnectionTimers timers = Connected(0);
            for (long t = 1000; t < 11000; t += 500)
            {
                timers.LastSendAt = t; // keeps publishing: keep-alive alone would never ping
            }

            Check.Equal(ConnectionTimers.SendPing, timers.Due(11000, false, options), "a black-holed link is probed");
            timers.LastReceiveAt = 10800;
            Check.Equal(ConnectionTimers.None, timers.Due(11000, false, options), "something heard recently");
            Check.Equal(ConnectionTimers.SendPing, timers.Due(20800, false, options), "a keep-alive after that");
        }

        public static void SendingWithNothingHeardForAKeepAlivePings()
        {
            // Issue 10, item 11: a QoS 0 publisher awaits nothing, so only hearing nothing can reveal a black-holed link.
            MqttConnectOptions options = Options(10);
            ConnectionTimers timers = Connected(0);
            for (long t = 500; t < 10000; t += 500)
            {
                timers.LastSendAt = t;
            }

            Check.Equal(ConnectionTimers.None, timers.Due(9999, false, options), "just before a keep-alive of silence");
            Check.Equal(ConnectionTimers.SendPing, timers.Due(10000, false, options), "a keep-alive with nothing heard");
        }

        public static void KeepAliveZeroTurnsTimersOff()
        {
            ConnectionTimers timers = Connected(0);
            Check.Equal(ConnectionTimers.None, timers.Due(100000000, false, Options(0)), "§3.1.2.10: 0 = off");
        }

        private static ConnectionTimers Connected(long now)
        {
            ConnectionTimers timers = new ConnectionTimers();
            timers.ConnectStarted(now);
            timers.LastSendAt = now;
            timers.LastReceiveAt = now;
            return timers;
        }

        private static MqttConnectOptions Options(int keepAliveSeconds)
        {
            MqttConnectOptions options = new MqttConnectOptions("t");
            options.KeepAliveSeconds = keepAliveSeconds;
            return options;
        }
    }
}
