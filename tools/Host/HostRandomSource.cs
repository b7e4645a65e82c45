using System;
using System.Security.Cryptography;
using HomeNode.Mqtt.WebSockets;

namespace HomeNode.Host
{
    /// <summary>The operating system's cryptographic generator, for WebSocket keys and masks (RFC 6455 §10.3). Allocates nothing per call.</summary>
    public sealed class HostRandomSource : IRandomSource
    {
        public void Fill(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(new Span<byte>(buffer, offset, count));
    }
}
