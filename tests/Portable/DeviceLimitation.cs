using System;

namespace HomeNode.Tests
{
    /// <summary>
    /// Thrown by a case that the runtime it runs on cannot express, so the runner reports it as skipped with the
    /// reason instead of passing or silently dropping it. Use <see cref="RuntimeText"/> to find out: a case that only
    /// partly depends on such input checks the rest and skips nothing.
    /// </summary>
    public class DeviceLimitation : Exception
    {
        public DeviceLimitation(string reason)
            : base(reason)
        {
        }
    }
}
