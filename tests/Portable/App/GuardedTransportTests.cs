using System;
using HomeNode.App.Connection;
using HomeNode.Mqtt;
using HomeNode.Tests.Mqtt;

namespace HomeNode.Tests.App
{
    public static class GuardedTransportTests
    {
        public static void PassesCallsThrough()
        {
            ThrowingTransport inner = new ThrowingTransport();
            GuardedTransport guarded = new GuardedTransport(inner, new RecordingLog());
            Check.True(guarded.Open(), "open");
            byte[] data = new byte[] { 1, 2, 3 };
            Check.Equal(3, guarded.Send(data, 0, 3), "send");
            Check.Equal(0, guarded.Receive(data, 0, 3), "nothing yet");
            inner.Inner.Deliver(data);
            Check.Equal(3, guarded.Receive(new byte[8], 0, 8), "receive");
            Check.Equal(0, guarded.Failures, "no failure");
        }

        public static void ExceptionsBecomeALostConnection()
        {
            RecordingLog log = new RecordingLog();
            ThrowingTransport inner = new ThrowingTransport();
            GuardedTransport guarded = new GuardedTransport(inner, log);
            inner.OpenThrows = true;
            Check.False(guarded.Open(), "open");
            Check.Equal("transport: open threw System.NotSupportedException: native", log[0], "reported");
            inner.OpenThrows = false;
            guarded.Open();
            inner.SendThrows = true;
            inner.ReceiveThrows = true;
            Check.Equal(-1, guarded.Send(new byte[1], 0, 1), "send");
            Check.Equal(-1, guarded.Receive(new byte[1], 0, 1), "receive");
            Check.False(inner.Inner.IsOpen, "closed");
            inner.CloseThrows = true;
            guarded.Close();
            Check.Equal(4, guarded.Failures, "counted");
        }

        /// <summary>Without the guard the exception leaves Poll half-way; with it the client sees a closed link.</summary>
        public static void TheClientReconnectsInsteadOfThrowing()
        {
            ThrowingTransport inner = new ThrowingTransport();
            FakeClock clock = new FakeClock();
            MqttClient client = new MqttClient(new GuardedTransport(inner, new RecordingLog()), clock, new RecordingHandler(), new byte[256], new byte[256], new InflightTable(2, 128, 2));
            Check.Equal(MqttStatus.Ok, client.Connect(new MqttConnectOptions("g")), "connect");
            inner.Inner.Deliver(HexBytes.Parse("20 02 00 00"));
            client.Poll();
            Check.True(client.IsConnected, "connected");
            inner.ReceiveThrows = true;
            client.Poll();
            Check.False(client.IsConnected, "closed, not thrown");
            inner.ReceiveThrows = false;
            Check.Equal(MqttStatus.Ok, client.Connect(new MqttConnectOptions("g")), "reconnect");
        }

        public static void RejectsBadConstruction()
        {
            Check.Throws(typeof(ArgumentNullException), delegate { new GuardedTransport(null, new RecordingLog()); }, "inner");
            Check.Throws(typeof(ArgumentNullException), delegate { new GuardedTransport(new ThrowingTransport(), null); }, "log");
        }
    }
}
