namespace HomeNode.Mqtt
{
    /// <summary>
    /// Milliseconds that only move forward. Keep-alive, ping and connect time-outs are measured with it.
    /// </summary>
    /// <remarks>
    /// Contract: successive reads never decrease, and the value does not jump when the wall clock is set
    /// (SNTP on the device). An implementation over a wall clock must absorb steps; see the device glue.
    /// </remarks>
    public interface IMonotonicClock
    {
        long ElapsedMilliseconds { get; }
    }
}
