using HomeNode.Mqtt;

namespace HomeNode.Tests.Host.Integration
{
    /// <summary>
    /// Passes everything to a real transport, and can close that transport's socket behind the client's back: the
    /// broker sees the TCP connection end without DISCONNECT, and the client only learns it from its next read or write.
    /// </summary>
    public sealed class SeverableTransport : IMqttTransport
    {
        private readonly IMqttTransport inner;

        public SeverableTransport(IMqttTransport inner)
        {
            this.inner = inner;
        }

        public IMqttTransport Inner => this.inner;

        /// <summary>Closes the real connection now; the client still believes it is connected.</summary>
        public void Sever() => this.inner.Close();

        public bool Open() => this.inner.Open();

        public int Send(byte[] buffer, int offset, int count) => this.inner.Send(buffer, offset, count);

        public int Receive(byte[] buffer, int offset, int count) => this.inner.Receive(buffer, offset, count);

        public void Close() => this.inner.Close();
    }
}
