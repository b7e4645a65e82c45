namespace HomeNode.Drivers
{
    /// <summary>
    /// Waits the given number of milliseconds. Drivers default to <c>Thread.Sleep</c>; tests pass a recorder so
    /// conversion waits are checked without slowing the suite (the device mscorlib has no System.Action).
    /// </summary>
    public delegate void MillisecondDelay(int milliseconds);
}
