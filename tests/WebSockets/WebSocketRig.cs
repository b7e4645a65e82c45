using HomeNode.Mqtt;
using HomeNode.Mqtt.WebSockets;
using HomeNode.Tests.Mqtt;

namespace HomeNode.Tests.WebSockets
{
    /// <summary>A <see cref="WebSocketTransport"/> over a <see cref="ScriptedWebSocketServer"/>, with a deterministic random source.</summary>
    public sealed class WebSocketRig
    {
        public readonly ScriptedWebSocketServer Server;
        public readonly SteppingClock Clock = new SteppingClock();
        public readonly SequenceRandom Random;
        public readonly WebSocketOptions Options;
        public readonly WebSocketTransport Transport;
        public readonly byte[] Received = new byte[4096];

        public WebSocketRig()
            : this(null, 1024)
        {
        }

        public WebSocketRig(byte[] keyBytes, int maxOutgoingFrameBytes)
        {
            this.Server = new ScriptedWebSocketServer(1 << 16);
            this.Random = keyBytes == null ? new SequenceRandom() : new SequenceRandom(keyBytes);
            this.Options = new WebSocketOptions("broker.lan", 8080, false, "/mqtt");
            this.Options.MaxOutgoingFrameBytes = maxOutgoingFrameBytes;
            this.Options.MaxIncomingFrameBytes = 4096;
            this.Options.HandshakeTimeoutMilliseconds = 5000;
            this.Transport = new WebSocketTransport(this.Server, this.Options, this.Clock, this.Random);
        }

        /// <summary>Opens and checks that the upgrade succeeded.</summary>
        public void Open()
        {
            Check.True(this.Transport.Open(), "open (failure " + ((int)this.Transport.LastFailure).ToString() + ")");
            Check.Equal(WebSocketFailure.None, this.Transport.LastFailure, "no failure");
        }

        /// <summary>Receives until the transport returns 0 or the end; returns the bytes received (the end is in <see cref="Ended"/>).</summary>
        public int Drain()
        {
            int total = 0;
            this.Ended = false;
            for (int i = 0; i < 100000; i++)
            {
                int n = this.Transport.Receive(this.Received, total, this.Received.Length - total);
                if (n < 0)
                {
                    this.Ended = true;
                    return total;
                }

                if (n == 0)
                {
                    return total;
                }

                total += n;
            }

            throw new System.Exception("receive never ended");
        }

        public bool Ended;

        /// <summary>The connection ended with <paramref name="failure"/> and a close frame with <paramref name="status"/> (0: none sent).</summary>
        public void ExpectFailure(WebSocketFailure failure, int status, string what)
        {
            Check.Equal(failure, this.Transport.LastFailure, what + ": failure");
            Check.False(this.Transport.IsOpen, what + ": closed");
            Check.False(this.Server.Wire.IsOpen, what + ": connection below closed");
            Check.Equal(-1, this.Transport.Receive(this.Received, 0, 16), what + ": receive after the end");
            Check.Equal(-1, this.Transport.Send(this.Received, 0, 16), what + ": send after the end");
            if (status != 0)
            {
                Check.Equal(1, this.Server.CloseFrames, what + ": one close frame sent");
                Check.Equal(status, this.Server.ClientCloseStatus, what + ": close status");
            }
            else
            {
                Check.Equal(0, this.Server.CloseFrames, what + ": no close frame");
            }
        }
    }
}
