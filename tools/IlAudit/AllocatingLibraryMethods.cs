using System;
using System.Collections.Generic;

namespace HomeNode.IlAudit
{
    /// <summary>
    /// The device mscorlib methods known to allocate. Every other mscorlib method is assumed not to; keep this
    /// list small and add to it when a new call shows up in portable code.
    /// </summary>
    internal static class AllocatingLibraryMethods
    {
        private static readonly Dictionary<string, string> Reasons = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            { "System.String::Concat", "builds a new string" },
            { "System.String::Format", "builds a new string" },
            { "System.String::Join", "builds a new string" },
            { "System.String::Substring", "builds a new string" },
            { "System.String::Split", "builds an array of new strings" },
            { "System.String::Trim", "builds a new string" },
            { "System.String::TrimStart", "builds a new string" },
            { "System.String::TrimEnd", "builds a new string" },
            { "System.String::ToUpper", "builds a new string" },
            { "System.String::ToLower", "builds a new string" },
            { "System.String::PadLeft", "builds a new string" },
            { "System.String::PadRight", "builds a new string" },
            { "System.String::Insert", "builds a new string" },
            { "System.String::Remove", "builds a new string" },
            { "System.String::Replace", "builds a new string" },
            { "System.String::ToCharArray", "builds a new array" },
            { "System.Object::MemberwiseClone", "copies the object" },
            { "System.Array::Clone", "copies the array" },
            { "System.Array::CreateInstance", "builds a new array" },
            { "System.Collections.ArrayList::Add", "may grow its backing array" },
            { "System.Collections.ArrayList::Insert", "may grow its backing array" },
            { "System.Collections.ArrayList::ToArray", "builds a new array" },
            { "System.Collections.ArrayList::Clone", "copies the list" },
            { "System.Collections.ArrayList::GetEnumerator", "creates an enumerator (foreach over an ArrayList)" },
            { "System.Collections.IEnumerable::GetEnumerator", "creates an enumerator (foreach over a collection)" },
            { "System.Delegate::Combine", "builds a new delegate" },
            { "System.Delegate::Remove", "builds a new delegate" },
            { "System.Delegate::CreateDelegate", "builds a new delegate" },
            { "System.Enum::GetName", "returns a new string" },
            { "System.Convert::ToBase64String", "builds a new string" },
            { "System.Convert::FromBase64String", "builds a new array" },
            { "System.Convert::FromBase64CharArray", "builds a new array" },
            { "System.BitConverter::GetBytes", "builds a new array" },
            { "System.Activator::CreateInstance", "creates an object" },
        };

        /// <summary>Why a call to <paramref name="typeName"/>::<paramref name="methodName"/> allocates, or null when it is not known to.</summary>
        public static string Reason(string typeName, string methodName)
        {
            // ToString on any mscorlib type (numbers, DateTime, TimeSpan, Enum, Object) returns a new string.
            if (methodName == "ToString")
            {
                return "returns a new string";
            }

            return Reasons.TryGetValue(typeName + "::" + methodName, out string reason) ? reason : null;
        }
    }
}
