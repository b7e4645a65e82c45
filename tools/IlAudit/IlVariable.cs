using System;

namespace HomeNode.IlAudit
{
    /// <summary>An argument, local or field that IL loads and stores, as tracked by <see cref="IlPathExplorer{TValue}"/>.</summary>
    internal readonly struct IlVariable : IEquatable<IlVariable>
    {
        private IlVariable(IlVariableKind kind, int index, string field)
        {
            Kind = kind;
            Index = index;
            Field = field;
        }

        public IlVariableKind Kind { get; }

        /// <summary>Argument number (0 is <c>this</c> in an instance method) or local slot; 0 for fields.</summary>
        public int Index { get; }

        /// <summary>Type::Name of a field; null otherwise.</summary>
        public string Field { get; }

        public static IlVariable Argument(int index)
        {
            return new IlVariable(IlVariableKind.Argument, index, null);
        }

        public static IlVariable Local(int index)
        {
            return new IlVariable(IlVariableKind.Local, index, null);
        }

        public static IlVariable FieldNamed(string name)
        {
            return new IlVariable(IlVariableKind.Field, 0, name);
        }

        public bool Equals(IlVariable other)
        {
            return Kind == other.Kind && Index == other.Index && string.Equals(Field, other.Field, StringComparison.Ordinal);
        }

        public override bool Equals(object obj)
        {
            return obj is IlVariable other && Equals(other);
        }

        public override int GetHashCode()
        {
            return HashCode.Combine(Kind, Index, Field == null ? 0 : StringComparer.Ordinal.GetHashCode(Field));
        }

        public override string ToString()
        {
            return Kind == IlVariableKind.Field ? Field : Kind + " " + Index;
        }
    }
}
