using System;

namespace HomeNode.Mqtt
{
    /// <summary>
    /// Marks a small method that works around a nanoCLR runtime defect at the cost of an allocation that .NET never
    /// makes for valid input (for example reading the low half of a surrogate pair, which nanoCLR's string indexer
    /// cannot return). The IL audit does not count its allocations against [SteadyState] callers, and requires it to
    /// be private and call no HomeNode method, so the exemption stays this narrow.
    /// </summary>
    // Not on the device: ExcludeType makes the metadata processor leave this type and its uses out of the .pe; the
    // IL audit reads the .dll. Internal, one copy per assembly (build/Portable.props says why).
#if NANOFRAMEWORK
    [System.Runtime.CompilerServices.ExcludeType]
#endif
    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    internal sealed class NanoClrWorkaroundAttribute : Attribute
    {
    }
}
