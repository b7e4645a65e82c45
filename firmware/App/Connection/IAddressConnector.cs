namespace HomeNode.App.Connection
{
    /// <summary>Opens a TCP connection to one address (the broker's port is the implementation's). Used by <see cref="BrokerDialer"/>.</summary>
    /// <remarks>Addresses as in <see cref="IHostResolver"/>. Must not throw.</remarks>
    public interface IAddressConnector
    {
        /// <summary>
        /// Connects, waiting at most <paramref name="timeoutMilliseconds"/>; true when connected (the implementation keeps
        /// the connection for its transport), false when refused, unreachable, out of time, or still busy with an
        /// earlier connect that ran out of time.
        /// </summary>
        bool Connect(uint address, int timeoutMilliseconds);
    }
}
