namespace HomeNode.App.Connection
{
    /// <summary>Looks a host name up (DNS on the board). Used by <see cref="BrokerDialer"/>, which caches the answer.</summary>
    /// <remarks>
    /// IPv4 addresses are <c>uint</c>s holding the four bytes in network order from the low byte up (192.168.1.5 is
    /// 0x0501A8C0), as nanoFramework's <c>IPAddress(long)</c> takes them. May block; must not throw.
    /// </remarks>
    public interface IHostResolver
    {
        /// <summary>Writes up to <c>addresses.Length</c> IPv4 addresses of the host and returns how many; 0 when the lookup failed or found none.</summary>
        int Resolve(uint[] addresses);
    }
}
