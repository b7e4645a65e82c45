using System;
using System.Reflection;

namespace HomeNode.AuditSamples
{
    /// <summary>
    /// Each method runs into one nanoCLR trap once (../shared/nftool/README.md, "What the real runtime does
    /// differently"); the runtime trap audit must report each at the right method.
    /// </summary>
    public sealed class TrapSamples
    {
        public double Limit;

        public string EnumToString(SampleMode mode)
        {
            return mode.ToString();
        }

        public string EnumConcatenation(SampleMode mode)
        {
            return "mode " + mode;
        }

        public string BoxedEnumToString(SampleMode mode)
        {
            object boxed = mode;
            return boxed.ToString();
        }

        public string EnumInConcatOfObjects(SampleMode mode)
        {
            return string.Concat("mode ", mode, ".");
        }

        public string EnumInFormat(SampleMode mode)
        {
            return string.Format("mode {0}", mode);
        }

        public string EnumValueToString(Enum value)
        {
            return value.ToString();
        }

        public int ParameterCount(Type type)
        {
            MethodInfo[] methods = type.GetMethods();
            return methods[0].GetParameters().Length;
        }

        public void RejectNegative(double value)
        {
            if (!(value >= 0))
            {
                throw new ArgumentOutOfRangeException("value");
            }
        }

        public void RejectNotPositive(float value)
        {
            if (!(value > 0))
            {
                throw new ArgumentOutOfRangeException("value");
            }
        }

        public void RejectNegativeLimit()
        {
            if (!(this.Limit >= 0))
            {
                throw new InvalidOperationException();
            }
        }

        /// <summary>The shape of a constructor's argument check: the NaN test sits between two others.</summary>
        public void RejectAmongOthers(int count, double step, int other)
        {
            if (count < 1 || !(step >= 0) || other < 0)
            {
                throw new ArgumentOutOfRangeException();
            }
        }
    }
}
