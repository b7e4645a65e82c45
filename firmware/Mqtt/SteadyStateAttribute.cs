using System;

namespace HomeNode.Mqtt
{
    /// <summary>
    /// Marks a method that runs in steady state (publish, poll, dispatch, ping, topic matching, payload
    /// formatting). It and everything it calls inside HomeNode assemblies must not allocate; a test reads
    /// the compiled nano assemblies and fails on newobj, newarr, box, string concatenation or delegate creation.
    /// </summary>
    // Not on the device: ExcludeType makes the metadata processor leave this type and its uses out of the .pe; the
    // IL audit reads the .dll. Internal, one copy per assembly (build/Portable.props says why).
#if NANOFRAMEWORK
    [System.Runtime.CompilerServices.ExcludeType]
#endif
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, Inherited = false)]
    internal sealed class SteadyStateAttribute : Attribute
    {
    }
}
