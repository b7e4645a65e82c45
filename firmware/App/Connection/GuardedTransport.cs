using System;
using HomeNode.App.Diagnostics;
using HomeNode.Mqtt;

namespace HomeNode.App.Connection
{
    /// <summary>
    /// Holds a transport to the <see cref="IMqttTransport"/> contract whatever it throws: an exception from the
    /// transport is reported and turned into "no connection" (Open false, Send and Receive negative), so the MQTT client
    /// sees a broken link and reconnects instead of being left half-way through a poll.
    /// </summary>
    /// <remarks>
    /// The device transports catch the exceptions their calls are documented to throw (IOException, SocketException,
    /// ObjectDisposedException); anything else (a native call failing in a way nobody listed, a bug) lands here.
    /// Nothing is allocated unless an exception was thrown. Used from the firmware loop's thread only.
    /// </remarks>
    public sealed class GuardedTransport : IMqttTransport
    {
        private readonly IMqttTransport inner;
        private readonly ILog log;
        private int failures;

        public GuardedTransport(IMqttTransport inner, ILog log)
        {
            if (inner == null || log == null)
            {
                throw new ArgumentNullException(inner == null ? "inner" : "log");
            }

            this.inner = inner;
            this.log = log;
        }

        /// <summary>Exceptions caught from the transport since start-up.</summary>
        public int Failures
        {
            get { return this.failures; }
        }

        public bool Open()
        {
            try
            {
                return this.inner.Open();
            }
            catch (Exception e)
            {
                this.Report("open", e);
                this.Close();
                return false;
            }
        }

        public int Send(byte[] buffer, int offset, int count)
        {
            try
            {
                return this.inner.Send(buffer, offset, count);
            }
            catch (Exception e)
            {
                this.Report("send", e);
                this.Close();
                return -1;
            }
        }

        public int Receive(byte[] buffer, int offset, int count)
        {
            try
            {
                return this.inner.Receive(buffer, offset, count);
            }
            catch (Exception e)
            {
                this.Report("receive", e);
                this.Close();
                return -1;
            }
        }

        public void Close()
        {
            try
            {
                this.inner.Close();
            }
            catch (Exception e)
            {
                this.Report("close", e);
            }
        }

        private void Report(string call, Exception e)
        {
            if (this.failures < int.MaxValue)
            {
                this.failures++;
            }

            this.log.Write("transport: ");
            this.log.Write(call);
            this.log.Write(" threw ");
            ExceptionText.WriteLine(this.log, e);
        }
    }
}
