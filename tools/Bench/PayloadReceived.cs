using System;

namespace HomeNode.Bench
{
    /// <summary>An incoming PUBLISH payload; valid only during the call (a client may reuse its receive buffer).</summary>
    public delegate void PayloadReceived(ReadOnlySpan<byte> payload);
}
