namespace HomeNode.Mqtt.WebSockets
{
    /// <summary>
    /// Random bytes for the WebSocket handshake key (RFC 6455 §4.1) and the masking key of every frame the client
    /// sends (§5.3: "derived from a strong source of entropy"). A seam so tests are deterministic; the board and the
    /// host pass real sources. Must not allocate per call.
    /// </summary>
    public interface IRandomSource
    {
        void Fill(byte[] buffer, int offset, int count);
    }
}
