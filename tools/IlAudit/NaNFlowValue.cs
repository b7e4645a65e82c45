using System;

namespace HomeNode.IlAudit
{
    /// <summary>What <see cref="NaNGuardRule"/> knows about a value: NaN, a known integer (a constant, a comparison result), or nothing.</summary>
    internal readonly struct NaNFlowValue : IEquatable<NaNFlowValue>
    {
        private NaNFlowValue(NaNFlowKind kind, long integer)
        {
            Kind = kind;
            Integer = integer;
        }

        public NaNFlowKind Kind { get; }

        public long Integer { get; }

        public static NaNFlowValue NaN => new NaNFlowValue(NaNFlowKind.NaN, 0);

        public static NaNFlowValue Known(long integer)
        {
            return new NaNFlowValue(NaNFlowKind.Integer, integer);
        }

        public static NaNFlowValue Known(bool condition)
        {
            return Known(condition ? 1 : 0);
        }

        public bool Equals(NaNFlowValue other)
        {
            return Kind == other.Kind && Integer == other.Integer;
        }

        public override bool Equals(object obj)
        {
            return obj is NaNFlowValue other && Equals(other);
        }

        public override int GetHashCode()
        {
            return HashCode.Combine(Kind, Integer);
        }
    }
}
