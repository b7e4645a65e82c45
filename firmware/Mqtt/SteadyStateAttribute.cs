using System;

namespace HomeNode.Mqtt
{
    /// <summary>
    /// Marks a method that runs in steady state (publish, poll, dispatch, ping, topic matching, payload
    /// formatting). It and everything it calls inside HomeNode assemblies must not allocate; a test reads
    /// the compiled nano assemblies and fails on newobj, newarr, box, string concatenation or delegate creation.
    /// </summary>
#if NANOFRAMEWORK
    [System.Runtime.CompilerServices.ExcludeType]
#endif
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, Inherited = false)]
    public sealed class SteadyStateAttribute : Attribute
    {
    }
}
