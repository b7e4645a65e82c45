using System;

namespace HomeNode.IlAudit
{
    /// <summary>What <see cref="EnumToStringRule"/> knows about a value: an enum (boxed, or typed System.Enum), an object[] that holds one, or nothing of interest.</summary>
    internal readonly struct EnumFlowValue : IEquatable<EnumFlowValue>
    {
        private EnumFlowValue(EnumFlowKind kind, string enumType, string source, int arrayOffset)
        {
            Kind = kind;
            EnumType = enumType;
            Source = source;
            ArrayOffset = arrayOffset;
        }

        public EnumFlowKind Kind { get; }

        /// <summary>The enum type, for an array the type of the enum stored in it; null for an array with none yet.</summary>
        public string EnumType { get; }

        /// <summary>Where the enum came from, for the message: "box T at IL_0006", "argument mode of type System.Enum".</summary>
        public string Source { get; }

        /// <summary>Offset of the newarr that made an array (tells arrays apart, so a store reaches every copy); -1 otherwise.</summary>
        public int ArrayOffset { get; }

        public static EnumFlowValue Enum(string enumType, string source)
        {
            return new EnumFlowValue(EnumFlowKind.Enum, enumType, source, -1);
        }

        public static EnumFlowValue ObjectArray(int newarrOffset)
        {
            return new EnumFlowValue(EnumFlowKind.ObjectArray, null, null, newarrOffset);
        }

        /// <summary>This array after <paramref name="element"/> was stored in it.</summary>
        public EnumFlowValue Holding(EnumFlowValue element)
        {
            return new EnumFlowValue(EnumFlowKind.ObjectArray, element.EnumType, element.Source, ArrayOffset);
        }

        public bool Equals(EnumFlowValue other)
        {
            return Kind == other.Kind && ArrayOffset == other.ArrayOffset
                && string.Equals(EnumType, other.EnumType, StringComparison.Ordinal) && string.Equals(Source, other.Source, StringComparison.Ordinal);
        }

        public override bool Equals(object obj)
        {
            return obj is EnumFlowValue other && Equals(other);
        }

        public override int GetHashCode()
        {
            return HashCode.Combine(Kind, ArrayOffset, EnumType == null ? 0 : StringComparer.Ordinal.GetHashCode(EnumType), Source == null ? 0 : StringComparer.Ordinal.GetHashCode(Source));
        }
    }
}
