using System;
using System.Collections;
using HomeNode.Mqtt;

namespace HomeNode.AuditSamples
{
    /// <summary>Each [SteadyState] method allocates in exactly one way; the IL audit must report each.</summary>
    public sealed class AllocatingSamples
    {
        private readonly ISampleSink sink = new AllocatingSink();
        private readonly SampleFormatter formatter = new AllocatingFormatter();
        private readonly ArrayList items = new ArrayList();
        private SampleMode mode = SampleMode.On;
        private SampleRecord record;
        private byte[] scratch;
        private object boxed;
        private string text;
        private SampleCallback callback;
        private int counter;
        private readonly SampleCallback startupCallback;

        public AllocatingSamples()
        {
            // built once at start-up; only invoked in steady state
            startupCallback = AllocateOnCallback;
        }

        [SteadyState]
        public void NewObject()
        {
            record = new SampleRecord();
        }

        [SteadyState]
        public void NewArray(int length)
        {
            scratch = new byte[length];
        }

        [SteadyState]
        public void Box(int value)
        {
            boxed = value;
        }

        [SteadyState]
        public void Concatenate(string name)
        {
            text = "ourhome/" + name;
        }

        [SteadyState]
        public void Lambda()
        {
            callback = () => counter++;
        }

        [SteadyState]
        public void Closure(int step)
        {
            callback = () => counter += step;
        }

        [SteadyState]
        public int TwoCallsDeep(int length)
        {
            return Middle(length) + 1;
        }

        [SteadyState]
        public int ViaInterface(int value)
        {
            return sink.Accept(value);
        }

        [SteadyState]
        public int ViaOverride(int value)
        {
            return formatter.Format(value);
        }

        /// <summary>An enum does not override Object.GetHashCode: the constrained call boxes it.</summary>
        [SteadyState]
        public int BoxByConstrainedCall()
        {
            return mode.GetHashCode();
        }

        /// <summary>A throw that is caught is control flow, not a caller bug: its allocation counts.</summary>
        [SteadyState]
        public int CaughtThrow(int value)
        {
            try
            {
                if (value < 0)
                {
                    throw new Exception("negative");
                }

                return value;
            }
            catch (Exception)
            {
                return 0;
            }
        }

        /// <summary>foreach over an ArrayList creates an enumerator.</summary>
        [SteadyState]
        public int Foreach()
        {
            int total = 0;
            foreach (object item in items)
            {
                total += (int)item;
            }

            return total;
        }

        /// <summary>The delegate was created outside steady state, but what it calls still runs here.</summary>
        [SteadyState]
        public void InvokeStoredCallback()
        {
            startupCallback();
        }

        private void AllocateOnCallback()
        {
            record = new SampleRecord();
        }

        private int Middle(int length)
        {
            return Deepest(length) * 2;
        }

        private int Deepest(int length)
        {
            scratch = new byte[length];
            return scratch.Length;
        }
    }
}
