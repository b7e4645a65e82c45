using System;
using System.Reflection;

namespace HomeNode.AuditSamples
{
    /// <summary>
    /// Counterparts of <see cref="TrapSamples"/> that behave the same on nanoCLR and .NET; the runtime trap audit
    /// must report none of them.
    /// </summary>
    public sealed class TrapFreeSamples
    {
        public string ModeName(SampleMode mode)
        {
            switch (mode)
            {
                case SampleMode.On:
                    return "on";
                default:
                    return "off";
            }
        }

        public string ModeNumber(SampleMode mode)
        {
            return "mode " + (int)mode;
        }

        /// <summary>A boxed enum that is compared and hashed, never formatted.</summary>
        public bool BoxedButNotFormatted(SampleMode mode)
        {
            object boxed = mode;
            return boxed.Equals(SampleMode.On) && mode.GetHashCode() == 1;
        }

        public string NumberInConcatOfObjects(int value)
        {
            return string.Concat("value ", value, ".");
        }

        public string MethodName(Type type)
        {
            MethodInfo[] methods = type.GetMethods();
            return methods[0].Name;
        }

        public void RejectNaNOrNegative(double value)
        {
            if (double.IsNaN(value) || value < 0)
            {
                throw new ArgumentOutOfRangeException("value");
            }
        }

        public void RejectNaNOrNotPositive(float value)
        {
            if (float.IsNaN(value) || !(value > 0))
            {
                throw new ArgumentOutOfRangeException("value");
            }
        }

        /// <summary>NaN is not less than anything on either runtime: this guard rejects it on both.</summary>
        public void RejectNotBelow(double value, double maximum)
        {
            if (!(value < maximum))
            {
                throw new ArgumentOutOfRangeException("value");
            }
        }

        /// <summary>A range check: on nanoCLR the first half lets NaN through, the second half throws.</summary>
        public void RejectOutsideRange(double value)
        {
            if (!(value >= 0 && value <= 10))
            {
                throw new ArgumentOutOfRangeException("value");
            }
        }

        /// <summary>Not a NaN guard: .NET lets NaN through (nanoCLR throws, the safer side).</summary>
        public void RejectBelowOrAbove(double value)
        {
            if (value < 0 || value > 10)
            {
                throw new ArgumentOutOfRangeException("value");
            }
        }

        /// <summary>Differs for NaN too (no throw involved): false on .NET, true on nanoCLR; not a guard.</summary>
        public bool AtLeast(double value, double minimum)
        {
            return value >= minimum;
        }

        /// <summary>NaN != NaN is true on both runtimes (bne.un, beq agree): this guard rejects NaN on both.</summary>
        public void RejectNaNBySelfComparison(double value)
        {
            double same = value;
            if (value != same)
            {
                throw new ArgumentOutOfRangeException("value");
            }
        }
    }
}
